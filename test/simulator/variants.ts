// Answer variants: per path, a success answer re-shaped into another plausible inSIM answer.
//
// inSIM publishes no API v2 answers: the simulator's default shapes are a guess (see each
// handler). A variant re-shapes the default success answer of one path, so a test can check that
// the node either reads the other shape or refuses it with a clear error, never silently.
// Only success answers (HTTP 200 with `success: true`, or a v1 array) are re-shaped; errors and
// faults keep their shape.
//
// Why each variant is plausible (the vendor's sources, as tagged in the repository's docs):
// - flat / wrappedInData: the vendor's clients read an object under its name (`account.login`,
//   `contact.lastname`: ReachTechnologies/insim-cli tests/test_auth.py, tests/test_contacts.py)
//   but never print a whole answer, so whether other endpoints wrap their object, or wrap the
//   whole payload in `data` like v1 `contact` does (ArdaryinSIM/insim-http-api README.md,
//   `{ data: { contact: [...] } }`), is unknown.
// - listUnderData / listUnderItems / listUnderResults / listUnderResourceName: the list key is
//   shown for a few endpoints only (`contacts`, `messages`, `calls`, `options`, `lists`,
//   `campaigns`, `templates`, `statuses`: ReachTechnologies/insim-cli tests/test_*.py and
//   cli_anything/insim/core/*.py); for the others (`qualifications`, `stats/clicks`,
//   `contacts/custom_fields`) no vendor file shows it, and `data`/`items`/`results` are the
//   common REST conventions.
// - idAsUnderscoreId / underscoreIdAsId: the vendor's files disagree on the id key: the
//   insim-cli tests read `campaign.id`, `list.id`, `sms.id`, while its shell examples read
//   `list._id`, `campaign._id` (ReachTechnologies/insim-cli examples/basic/create-campaign.sh) and
//   its qualification table reads `_id` (cli_anything/insim/core/qualifications.py).
// - numericIds: the ids the vendor's tests see are 24-hex strings
//   (ReachTechnologies/insim-cli tests/test_contacts.py), but no vendor file states their type:
//   a backend that answers numbers is an unknown the node must survive (or refuse).
// - nextCursorSnake / nextCursorCamel / nextPageUnknownKey: the insim-cli agent guide says to
//   "parse the cursor field" (ReachTechnologies/insim-cli cli_anything/insim/skills/SKILL.md) but
//   no test asserts the key: `next_cursor`, `nextCursor` or another key next to `has_more: true`
//   are all possible.
// - resultAsObject: v1 `sendsms` answers an array, but its quick-start shows a single object
//   (ArdaryinSIM/insim-http-api README.md); v2 `sendsms` shows `result` only through
//   `sent_count` (ReachTechnologies/insim-cli tests/test_integration.py).
// - entriesWithoutSent: per-entry fields of v2 sends are not shown; only `sent_count` is asserted
//   (ReachTechnologies/insim-cli tests/test_integration.py).
// - entriesWithoutSmsId: the vendor's clients list `phone_number`, `delivery_status`,
//   `description` and `message_preview` for each `sms/delivery_status` entry, no `sms_id`
//   (ReachTechnologies/insim-cli cli_anything/insim/core/sms.py; insim-mcp
//   src/insim_mcp/server.py sms_delivery_status): the simulator's echo of the id is its own pick.
// - webhooksAtTopLevel: no vendor file shows the answer of `account/webhooks`: the CLI prints
//   "Webhooks updated." or dumps the raw JSON (ReachTechnologies/insim-cli
//   cli_anything/insim/core/account.py), so the five URLs may as well sit next to `success`.
// - countsOnly / successOnly: `campaigns/start` is asserted only on `success`
//   (ReachTechnologies/insim-cli tests/test_integration.py), `sendsms` only on `sent_count`;
//   `templates/send` shows no answer at all (ReachTechnologies/insim-mcp src/insim_mcp/server.py
//   send_template).

export const VARIANT_NAMES = [
	'flat',
	'wrappedInData',
	'listUnderData',
	'listUnderItems',
	'listUnderResults',
	'listUnderResourceName',
	'idAsUnderscoreId',
	'underscoreIdAsId',
	'numericIds',
	'nextCursorSnake',
	'nextCursorCamel',
	'nextPageUnknownKey',
	'resultAsObject',
	'entriesWithoutSent',
	'entriesWithoutSmsId',
	'webhooksAtTopLevel',
	'countsOnly',
	'successOnly',
] as const;

export type VariantName = (typeof VARIANT_NAMES)[number];

/** Where the data of one path's default success answer is, and which variants fit it. */
interface PathShape {
	/** the key holding the object or the list (absent: the fields sit next to `success`) */
	data?: string;
	kind: 'object' | 'list' | 'fields' | 'send' | 'v1send';
	/** answers with `has_more` and `cursor` */
	paged?: boolean;
	/** another name the list could be under (the resource's name) */
	resourceName?: string;
	/** the key of the records' ids in the default answer */
	idKey?: 'id' | '_id';
	/** the answer holds 24-hex ids (own or referenced) */
	hasIds?: boolean;
	/** for sends: the key of the per-message entries */
	entries?: string;
	/** entries may come without the `sms_id` they answer */
	withoutSmsId?: boolean;
	/** `flat` would collide with a key already next to the object */
	noFlat?: boolean;
	/** for sends: the count of messages sent, read from the default answer */
	sentCount?: (answer: Record<string, unknown>) => number;
}

const list = (data: string, extra: Partial<PathShape> = {}): PathShape => ({
	data,
	kind: 'list',
	idKey: 'id',
	hasIds: true,
	...extra,
});
const object = (data: string, extra: Partial<PathShape> = {}): PathShape => ({
	data,
	kind: 'object',
	idKey: 'id',
	hasIds: true,
	...extra,
});
const fields = (hasIds: boolean): PathShape => ({ kind: 'fields', hasIds });

/** The default shape of every path that has variants (v2 endpoints, and v1 `sendsms`). */
export const PATH_SHAPES: Record<string, PathShape> = {
	account: object('account', { idKey: undefined, hasIds: false }),
	'account/webhooks': object('webhooks', { idKey: undefined, hasIds: false }),
	find_contact: list('contacts'),
	contacts: list('contacts', { paged: true }),
	'contacts/detail': object('contact'),
	'contacts/search': list('contacts'),
	'contacts/switch_pro': fields(true),
	'contacts/delete': fields(true),
	'contacts/tags': fields(true),
	'contacts/custom_fields': list('custom_fields', {
		idKey: undefined,
		hasIds: false,
		resourceName: 'fields',
	}),
	addcontacts: list('contacts'),
	sms: list('messages', { paged: true, resourceName: 'sms' }),
	'sms/detail': object('sms'),
	'sms/conversation': list('messages', { resourceName: 'sms' }),
	'sms/delivery_status': list('statuses', { idKey: undefined, withoutSmsId: true }),
	sendsms: {
		kind: 'send',
		entries: 'result',
		sentCount: (answer) => Number(answer.sent_count),
	},
	calls: list('calls', { paged: true }),
	'calls/qualify': object('call'),
	qualifications: list('qualifications', { paged: true, idKey: undefined }),
	'qualifications/options': list('options', { idKey: '_id' }),
	'qualifications/options/create': object('option', { idKey: '_id' }),
	'qualifications/options/update': object('option', { idKey: '_id' }),
	'qualifications/options/delete': fields(true),
	'qualifications/stats': object('stats', { idKey: undefined }),
	lists: list('lists'),
	'lists/create': object('list'),
	// `list.contacts` (a count) would collide with the members under `contacts`.
	'lists/detail': object('list', { noFlat: true }),
	'lists/update': object('list'),
	'lists/delete': fields(false),
	'lists/contacts/add': fields(true),
	'lists/contacts/remove': fields(true),
	'lists/contacts/addall': fields(false),
	campaigns: list('campaigns', { paged: true }),
	'campaigns/create': object('campaign'),
	'campaigns/detail': object('campaign'),
	'campaigns/cancel': fields(false),
	'campaigns/start': {
		kind: 'send',
		data: 'campaign',
		hasIds: true,
		sentCount: (answer) => Number((answer.campaign as Record<string, unknown>).sent),
	},
	templates: list('templates'),
	'templates/create': object('template'),
	'templates/update': object('template'),
	'templates/delete': fields(true),
	'templates/send': {
		kind: 'send',
		entries: 'results',
		hasIds: true,
		sentCount: (answer) => Number(answer.sent_count),
	},
	'stats/overview': object('stats', { idKey: undefined, hasIds: false }),
	'stats/clicks': list('clicks', { paged: true, idKey: undefined }),
	'v1/sendsms': { kind: 'v1send' },
};

/** The variants that make sense for one path's default answer (none: the path has no shape). */
export function variantsFor(path: string): VariantName[] {
	const key = normalizeVariantPath(path);
	const shape = PATH_SHAPES[key];
	if (!shape) return [];
	const names: VariantName[] = [];
	if (shape.kind === 'v1send') return ['resultAsObject'];
	if (shape.kind === 'object') {
		if (!shape.noFlat) names.push(key === 'account/webhooks' ? 'webhooksAtTopLevel' : 'flat');
		names.push('wrappedInData');
	}
	if (shape.kind === 'fields') names.push('wrappedInData');
	if (shape.kind === 'list') {
		names.push('listUnderData', 'listUnderItems', 'listUnderResults');
		if (shape.resourceName) names.push('listUnderResourceName');
		names.push('wrappedInData');
	}
	if (shape.idKey === 'id') names.push('idAsUnderscoreId');
	if (shape.idKey === '_id') names.push('underscoreIdAsId');
	if (shape.hasIds) names.push('numericIds');
	if (shape.withoutSmsId) names.push('entriesWithoutSmsId');
	if (shape.paged) names.push('nextCursorSnake', 'nextCursorCamel', 'nextPageUnknownKey');
	if (shape.kind === 'send') {
		if (shape.entries) names.push('resultAsObject', 'entriesWithoutSent');
		names.push('countsOnly');
		if (!shape.entries) names.push('successOnly');
	}
	return names;
}

/** `/api/v2/Contacts/` and `contacts` name the same path; v1 paths keep their `v1/`. */
export function normalizeVariantPath(path: string): string {
	const trimmed = path
		.replace(/^\/?api(?=\/)/i, '')
		.replace(/^\/+|\/+$/g, '')
		.toLowerCase();
	return trimmed.replace(/^v2\//, '');
}

const HEX_ID = /^[0-9a-f]{24}$/;
/** First numeric alias: far from any count or status a test could confuse it with. */
const FIRST_ALIAS = 1001;
/** Request fields that carry ids, for reading numeric aliases back. */
const ID_FIELDS = [
	'id_contact',
	'sms_id',
	'sms_ids',
	'call_id',
	'option_id',
	'list_id',
	'contact_ids',
	'campaign_id',
	'template_id',
];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Which variant each path answers in, and the numeric aliases of ids (for `numericIds`). */
export class VariantBook {
	private readonly chosen = new Map<string, VariantName>();
	private readonly aliases = new Map<string, number>();
	private readonly hexOfAlias = new Map<number, string>();

	set(path: string, variant: string): void {
		const key = normalizeVariantPath(path);
		if (!PATH_SHAPES[key]) throw new Error(`no answer variants for ${JSON.stringify(path)}`);
		const fitting = variantsFor(key);
		if (!fitting.includes(variant as VariantName)) {
			throw new Error(
				`variant ${JSON.stringify(variant)} does not apply to ${key}; one of ${fitting.join(', ')}`,
			);
		}
		this.chosen.set(key, variant as VariantName);
	}

	clear(path?: string): void {
		if (path === undefined) this.chosen.clear();
		else this.chosen.delete(normalizeVariantPath(path));
	}

	/** Aliases survive `clear()` so ids a test already holds keep working; `reset()` forgets them. */
	reset(): void {
		this.chosen.clear();
		this.aliases.clear();
		this.hexOfAlias.clear();
	}

	get(path: string): VariantName | undefined {
		return this.chosen.get(normalizeVariantPath(path));
	}

	list(): Array<{ path: string; variant: VariantName }> {
		return [...this.chosen].map(([path, variant]) => ({ path, variant }));
	}

	/** The number a 24-hex id is shown as under `numericIds` (the same number every time). */
	aliasOf(hexId: string): number {
		let alias = this.aliases.get(hexId);
		if (alias === undefined) {
			alias = FIRST_ALIAS + this.aliases.size;
			this.aliases.set(hexId, alias);
			this.hexOfAlias.set(alias, hexId);
		}
		return alias;
	}

	/**
	 * A client that got numeric ids sends them back (as numbers or digit strings): read them as
	 * the ids they stand for, in place. The request log keeps the raw body in `rawBody`.
	 */
	translateRequest(body: unknown): void {
		if (!isRecord(body) || this.hexOfAlias.size === 0) return;
		const hexOf = (value: unknown): unknown => {
			const alias = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
			return typeof alias === 'number' ? (this.hexOfAlias.get(alias) ?? value) : value;
		};
		for (const field of ID_FIELDS) {
			const value = body[field];
			if (Array.isArray(value)) body[field] = value.map(hexOf);
			else if (value !== undefined) body[field] = hexOf(value);
		}
	}

	/** The answer of `path` in its chosen variant (the default answer when none is chosen). */
	apply(path: string, json: unknown): unknown {
		const key = normalizeVariantPath(path);
		const variant = this.chosen.get(key);
		const shape = PATH_SHAPES[key];
		if (!variant || !shape) return json;
		if (shape.kind === 'v1send') {
			// v1 answers an array; the quick-start's single object is one entry on its own.
			return Array.isArray(json) && json.length === 1 ? json[0] : json;
		}
		if (!isRecord(json) || json.success !== true) return json;
		return this.reshape(variant, shape, json);
	}

	private reshape(
		variant: VariantName,
		shape: PathShape,
		answer: Record<string, unknown>,
	): Record<string, unknown> {
		const { success, ...payload } = answer;
		const data = shape.data;
		switch (variant) {
			case 'flat':
			case 'webhooksAtTopLevel': {
				const { [data as string]: inner, ...rest } = payload;
				return { success, ...rest, ...(inner as Record<string, unknown>) };
			}
			case 'wrappedInData':
				return { success, data: payload };
			case 'listUnderData':
			case 'listUnderItems':
			case 'listUnderResults':
			case 'listUnderResourceName': {
				const target = {
					listUnderData: 'data',
					listUnderItems: 'items',
					listUnderResults: 'results',
					listUnderResourceName: shape.resourceName as string,
				}[variant];
				const { [data as string]: records, ...rest } = payload;
				return { success, ...rest, [target]: records };
			}
			case 'idAsUnderscoreId':
				return { success, ...renameIdKeys(payload, data, 'id', '_id') };
			case 'underscoreIdAsId':
				return { success, ...renameIdKeys(payload, data, '_id', 'id') };
			case 'numericIds':
				return { success, ...(this.numberIds(payload) as Record<string, unknown>) };
			case 'nextCursorSnake':
			case 'nextCursorCamel':
			case 'nextPageUnknownKey': {
				const { cursor, ...rest } = payload;
				if (cursor === undefined) return answer;
				const target = {
					nextCursorSnake: 'next_cursor',
					nextCursorCamel: 'nextCursor',
					nextPageUnknownKey: 'next_page_token',
				}[variant];
				return { success, ...rest, [target]: cursor };
			}
			case 'resultAsObject': {
				const entries = payload[shape.entries as string];
				if (!Array.isArray(entries) || entries.length !== 1) return answer;
				return { success, ...payload, [shape.entries as string]: entries[0] };
			}
			case 'entriesWithoutSent':
				return { success, ...withoutField(payload, shape.entries as string, 'sent') };
			case 'entriesWithoutSmsId':
				return { success, ...withoutField(payload, data as string, 'sms_id') };
			case 'countsOnly':
				return { success, sent_count: (shape.sentCount as PathShape['sentCount'])!(answer) };
			case 'successOnly':
				return { success };
		}
	}

	/** Every 24-hex string in the answer, at any depth, becomes its numeric alias. */
	private numberIds(value: unknown): unknown {
		if (typeof value === 'string' && HEX_ID.test(value)) return this.aliasOf(value);
		if (Array.isArray(value)) return value.map((entry) => this.numberIds(entry));
		if (isRecord(value)) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, this.numberIds(entry)]),
			);
		}
		return value;
	}
}

/** `id` → `_id` (or back) on the records under `data`, the object or each list entry. */
function renameIdKeys(
	payload: Record<string, unknown>,
	data: string | undefined,
	from: string,
	to: string,
): Record<string, unknown> {
	if (data === undefined) return payload;
	const rename = (record: unknown): unknown => {
		if (!isRecord(record) || !(from in record)) return record;
		const { [from]: id, ...rest } = record;
		return { [to]: id, ...rest };
	};
	const records = payload[data];
	return {
		...payload,
		[data]: Array.isArray(records) ? records.map(rename) : rename(records),
	};
}

/** The entries of the list under `key`, each without `field`. */
function withoutField(
	payload: Record<string, unknown>,
	key: string,
	field: string,
): Record<string, unknown> {
	const entries = payload[key];
	if (!Array.isArray(entries)) return payload;
	const stripped = entries.map((entry) => {
		if (!isRecord(entry)) return entry;
		const { [field]: _dropped, ...rest } = entry;
		return rest;
	});
	return { ...payload, [key]: stripped };
}
