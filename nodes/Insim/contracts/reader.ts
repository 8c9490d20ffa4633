import type { IDataObject, INode } from 'n8n-workflow';

import { unrecognisedAnswerError } from './unrecognised';

/**
 * The one reader of inSIM API v2 answers. Each endpoint declares its contract (contracts/reads.ts):
 * where its data may be, most likely first, and what must be there. An answer in none of the
 * declared shapes is an `unrecognisedAnswerError`, never an empty or blank result.
 */

/** Keys that may hold one object wrapped around the data (`{ success, data: { contacts: [] } }`). */
const WRAPPER_KEYS = ['data', 'result'];

/** Keys that only frame an answer: they never prove that a flat answer is a record. */
const ENVELOPE_KEYS = new Set(['success', 'message', 'error', 'error_code', 'status_code']);

/** Where a paged answer may nest its paging fields. */
const PAGING_CONTAINER_KEYS = ['pagination', 'paging', 'meta', 'page_info', 'pageInfo'];
const HAS_MORE_KEYS = ['has_more', 'hasMore'];
/**
 * Next-page token keys. `cursor` is the vendor's word for the request field (ReachTechnologies/
 * insim-cli cli_anything/insim/skills/SKILL.md tip 7: "parse the `cursor` field"); the others are
 * the usual spellings of the same token.
 */
export const NEXT_PAGE_KEYS = [
	'cursor',
	'next_cursor',
	'nextCursor',
	'next',
	'next_page_token',
	'nextPageToken',
];
/** Counters of a list answer (`count` on searches, `total` on `contacts`). */
const COUNT_KEYS = ['total', 'count'];

/** A list of records, e.g. `contacts` → `{ contacts: [...], total, has_more, cursor }`. */
export interface ListContract {
	kind: 'list';
	/** the v2 endpoint as sent, e.g. `contacts` */
	endpoint: string;
	/** keys that may hold the array of records, most likely first */
	listKeys: string[];
	/** keys that may hold a single record instead of a list */
	singleKeys?: string[];
	/**
	 * When given, every record must carry an id: `id`, `_id` or one of these keys. The record's
	 * `id` is then always set, as text.
	 */
	idKeys?: string[];
	/** Entries may be plain text (a custom field's key): each becomes `{ [scalarField]: value }`. */
	scalarField?: string;
	/** The endpoint pages: `has_more: true` needs a next-page token the reader recognises. */
	paged: boolean;
}

/** One object, e.g. `contacts/detail` → `{ contact: {...} }`, or the answer itself when flat. */
export interface RecordContract {
	kind: 'record';
	endpoint: string;
	/** keys that may hold the record, most likely first (also looked for under `data`) */
	recordKeys: string[];
	/**
	 * A flat answer (the record's fields at the top level) is recognised by one of these keys;
	 * `counts`: by a count at the top level (a number, or an object of numbers), for statistics.
	 */
	flatProof: string[] | 'counts';
	/** Fields that must all be present, as text or null (null reads as ''). */
	requiredText?: string[];
	/** When given, the record must carry an id (`id`, `_id` or one of these keys). */
	idKeys?: string[];
	/** Records nested in the record or next to it (a list's members). */
	children?: {
		/** the output field, e.g. `members` */
		field: string;
		/** keys that may hold the array, in the record or in the answer */
		keys: string[];
		/** a count in the record that, when 0, proves the children are none */
		countKeys: string[];
		idKeys: string[];
	};
	/** True for a request that changes something in inSIM (create): see UnrecognisedAnswerSpec. */
	writes: boolean;
}

/**
 * The answer to a write whose shape no vendor file shows. `success: true` is the vendor clients'
 * own test of a write (ReachTechnologies/insim-cli cli_anything/insim/core/api.py), so it is
 * enough; the declared fields are read where present and must then have the declared type.
 */
export interface AckContract {
	kind: 'ack';
	endpoint: string;
	/** fields read when present: at the top level, under `data` or under a record key */
	fields?: Record<string, 'boolean' | 'count' | 'text' | 'array'>;
	/** keys that may hold the changed record */
	recordKeys?: string[];
}

export type AnswerContract = ListContract | RecordContract | AckContract;

export interface ListRead {
	records: IDataObject[];
	/** the next page's token; undefined on the last page (or for an endpoint that does not page) */
	next?: string;
	/** `total` (or `count`) when the answer gives one */
	total?: number;
}

export interface RecordRead {
	record: IDataObject;
	/** for a record with children: the next page of children, when the answer pages them */
	next?: string;
}

export interface AckRead {
	fields: IDataObject;
	record?: IDataObject;
}

export function readAnswer(
	node: INode,
	contract: ListContract,
	answer: unknown,
	itemIndex?: number,
): ListRead;
export function readAnswer(
	node: INode,
	contract: RecordContract,
	answer: unknown,
	itemIndex?: number,
): RecordRead;
export function readAnswer(
	node: INode,
	contract: AckContract,
	answer: unknown,
	itemIndex?: number,
): AckRead;
export function readAnswer(
	node: INode,
	contract: AnswerContract,
	answer: unknown,
	itemIndex?: number,
): ListRead | RecordRead | AckRead {
	const fail = (expected: string) =>
		unrecognisedAnswerError(node, {
			endpoint: contract.endpoint,
			expected,
			answer,
			itemIndex,
			writes: contract.kind !== 'list' && (contract.kind === 'ack' || contract.writes),
		});
	if (!isPlainObject(answer)) throw fail(describeContract(contract));
	if (contract.kind === 'list') return readList(contract, answer, fail);
	if (contract.kind === 'record') return readRecord(contract, answer, fail);
	return readAck(contract, answer, fail);
}

type Fail = (expected: string) => Error;

function readList(contract: ListContract, answer: IDataObject, fail: Fail): ListRead {
	const expected = describeContract(contract);
	const found = findList(contract, answer);
	const total = countOf(found?.container ?? answer) ?? countOf(answer);
	if (found === undefined) {
		// No list at all is an empty result only when the answer says so.
		if (total === 0) return { records: [], total };
		throw fail(expected);
	}
	const records = found.entries.map((entry) => {
		if (isPlainObject(entry)) return entry;
		if (contract.scalarField !== undefined && isScalar(entry)) {
			return { [contract.scalarField]: entry } as IDataObject;
		}
		throw fail(`${expected}, each record an object`);
	});
	const withIds = records.map((record) => {
		const identified = withId(record, contract.idKeys ?? []);
		if (contract.idKeys !== undefined && identified.id === undefined) {
			throw fail(`${expected}, each record with an id (${idKeysText(contract.idKeys)})`);
		}
		return identified;
	});
	const next = contract.paged ? nextPageOf([found.container, answer], fail, expected) : undefined;
	return {
		records: withIds,
		...(next !== undefined ? { next } : {}),
		...(total !== undefined ? { total } : {}),
	};
}

function findList(
	contract: ListContract,
	answer: IDataObject,
): { entries: unknown[]; container: IDataObject } | undefined {
	for (const container of containersOf(answer)) {
		for (const key of contract.listKeys) {
			const value = container[key];
			if (Array.isArray(value)) return { entries: value, container };
		}
		for (const key of contract.singleKeys ?? []) {
			const value = container[key];
			if (isPlainObject(value)) return { entries: [value], container };
		}
	}
	return undefined;
}

function readRecord(contract: RecordContract, answer: IDataObject, fail: Fail): RecordRead {
	const expected = describeContract(contract);
	const candidates: IDataObject[] = [];
	for (const container of containersOf(answer)) {
		for (const key of contract.recordKeys) {
			const value = container[key];
			if (isPlainObject(value)) candidates.push(value);
			else if (Array.isArray(value) && value.length === 1 && isPlainObject(value[0])) {
				candidates.push(value[0]);
			}
		}
	}
	// A flat record keeps every field but `success` (an SMS's own `message` is data).
	const flat: IDataObject = {};
	for (const [key, value] of Object.entries(answer)) if (key !== 'success') flat[key] = value;
	const flatKeys = Object.keys(flat);
	const flatProven =
		contract.flatProof === 'counts'
			? flatKeys.some(
					(key) =>
						!ENVELOPE_KEYS.has(key) &&
						!contract.recordKeys.includes(key) &&
						!WRAPPER_KEYS.includes(key) &&
						isCount(flat[key]),
				)
			: contract.flatProof.some((key) => flatKeys.includes(key));
	if (flatProven) candidates.push(flat);

	const record = candidates.find((candidate) => hasRequiredText(candidate, contract.requiredText));
	if (record === undefined) throw fail(expected);
	let read: IDataObject = withId(record, contract.idKeys ?? []);
	if (contract.idKeys !== undefined && read.id === undefined) {
		throw fail(`${expected}, with an id (${idKeysText(contract.idKeys)})`);
	}
	for (const key of contract.requiredText ?? []) {
		if (read[key] === null) read = { ...read, [key]: '' };
	}
	if (contract.children === undefined) return { record: read };
	return readChildren(contract.children, read, answer, fail, expected);
}

function readChildren(
	children: NonNullable<RecordContract['children']>,
	record: IDataObject,
	answer: IDataObject,
	fail: Fail,
	expected: string,
): RecordRead {
	const childExpected = `${expected}, and its ${children.field} as an array under ${quoteList(children.keys)}`;
	let entries: unknown[] | undefined;
	const fields = { ...record };
	for (const key of children.keys) {
		if (Array.isArray(record[key])) {
			entries = record[key] as unknown[];
			// In `lists` answers `contacts` is the member count: an array here is the members.
			if (children.countKeys.includes(key)) fields[key] = entries.length;
			else delete fields[key];
			break;
		}
	}
	if (entries === undefined) {
		for (const container of containersOf(answer)) {
			const key = children.keys.find((candidate) => Array.isArray(container[candidate]));
			if (key !== undefined) {
				entries = container[key] as unknown[];
				break;
			}
		}
	}
	if (entries === undefined) {
		const count = children.countKeys.map((key) => countValue(record[key])).find(isNumber);
		if (count === 0) return { record: { ...fields, [children.field]: [] } };
		throw fail(childExpected);
	}
	const members = entries.map((entry) => {
		if (!isPlainObject(entry)) throw fail(`${childExpected}, each an object`);
		const identified = withId(entry, children.idKeys);
		if (identified.id === undefined) {
			throw fail(`${childExpected}, each with an id (${idKeysText(children.idKeys)})`);
		}
		return identified;
	});
	const next = nextPageOf([answer, ...containersOf(answer)], fail, childExpected);
	return {
		record: { ...fields, [children.field]: members },
		...(next !== undefined ? { next } : {}),
	};
}

function readAck(contract: AckContract, answer: IDataObject, fail: Fail): AckRead {
	const expected = describeContract(contract);
	let record: IDataObject | undefined;
	for (const container of containersOf(answer)) {
		for (const key of contract.recordKeys ?? []) {
			const value = container[key];
			if (value === undefined || value === null) continue;
			if (!isPlainObject(value)) throw fail(expected);
			record ??= value;
		}
	}
	const fields: IDataObject = {};
	const places = [...containersOf(answer), ...(record ? [record] : [])];
	for (const [name, type] of Object.entries(contract.fields ?? {})) {
		const place = places.find((container) => container[name] !== undefined);
		if (place === undefined) continue;
		const value = typedValue(place[name], type);
		if (value === undefined) throw fail(expected);
		fields[name] = value;
	}
	return { fields, ...(record ? { record: withId(record, []) } : {}) };
}

/**
 * The next page's token of a paged answer. `has_more: false` ends paging; `has_more: true`
 * without a token this reader recognises is an error, never a silent last page.
 */
function nextPageOf(places: IDataObject[], fail: Fail, expected: string): string | undefined {
	const containers = places.flatMap((place) => [
		place,
		...PAGING_CONTAINER_KEYS.map((key) => place[key]).filter(isPlainObject),
	]);
	let hasMore: boolean | undefined;
	let token: string | undefined;
	for (const container of containers) {
		for (const key of HAS_MORE_KEYS) {
			if (hasMore === undefined && typeof container[key] === 'boolean') {
				hasMore = container[key] as boolean;
			}
		}
		for (const key of NEXT_PAGE_KEYS) {
			const value = container[key];
			if (token !== undefined) break;
			if (typeof value === 'string' && value !== '') token = value;
			else if (typeof value === 'number' && Number.isFinite(value)) token = String(value);
		}
	}
	if (hasMore === false) return undefined;
	if (hasMore === true && token === undefined) {
		throw fail(
			`${expected}, and with "has_more": true a next-page token under ${quoteList(NEXT_PAGE_KEYS)}`,
		);
	}
	return token;
}

/** The answer, then the objects wrapped in it (`data`, `result`), where the data may be. */
function containersOf(answer: IDataObject): IDataObject[] {
	return [answer, ...WRAPPER_KEYS.map((key) => answer[key]).filter(isPlainObject)];
}

function countOf(container: IDataObject): number | undefined {
	return COUNT_KEYS.map((key) => countValue(container[key])).find(isNumber);
}

function countValue(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

function typedValue(
	value: unknown,
	type: 'boolean' | 'count' | 'text' | 'array',
): IDataObject[string] | undefined {
	if (type === 'boolean') return typeof value === 'boolean' ? value : undefined;
	if (type === 'count') return countValue(value);
	if (type === 'text') return isScalar(value) ? String(value) : undefined;
	return Array.isArray(value) ? (value as IDataObject[string]) : undefined;
}

/**
 * The record with `id` set, as text, whichever key inSIM used: `id`, `_id`, then the
 * endpoint's own id keys (`id_contact`, `list_id` …). The vendor's files disagree on `id` vs
 * `_id` (ReachTechnologies/insim-cli tests/test_campaigns.py reads `campaign.id`,
 * examples/basic/create-campaign.sh `campaign._id`, core/qualifications.py `_id`).
 */
export function withId(record: IDataObject, idKeys: string[]): IDataObject {
	for (const key of ['id', '_id', ...idKeys]) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') {
			return key === 'id' ? record : Object.assign({ id: value }, record, { id: value });
		}
		if (typeof value === 'number' && Number.isFinite(value)) {
			return { ...record, id: String(value) };
		}
	}
	return record;
}

function hasRequiredText(record: IDataObject, keys: string[] | undefined): boolean {
	return (keys ?? []).every((key) => record[key] === null || typeof record[key] === 'string');
}

function describeContract(contract: AnswerContract): string {
	if (contract.kind === 'list') {
		const single = contract.singleKeys?.length
			? ` (or one record under ${quoteList(contract.singleKeys)})`
			: '';
		return `"success": true and the records as an array under ${quoteList(contract.listKeys)}${single}, at the top level or under "data"`;
	}
	if (contract.kind === 'record') {
		const flat =
			contract.flatProof === 'counts'
				? 'or counts (numbers) at the top level'
				: `or its fields (${contract.flatProof.join(', ')}) at the top level`;
		const required = contract.requiredText?.length
			? `, with ${contract.requiredText.join(', ')}`
			: '';
		return `"success": true and an object under ${quoteList(contract.recordKeys)} ${flat}${required}`;
	}
	const fields = Object.entries(contract.fields ?? {})
		.map(
			([name, type]) =>
				`${name} (${type === 'count' ? 'a number' : type === 'array' ? 'a list' : type === 'text' ? 'text' : 'true or false'})`,
		)
		.join(', ');
	return `"success": true${fields ? `, and where given: ${fields}` : ''}${contract.recordKeys?.length ? `; a record under ${quoteList(contract.recordKeys)} as an object` : ''}`;
}

function quoteList(keys: string[]): string {
	const quoted = keys.map((key) => `"${key}"`);
	return quoted.length <= 1
		? quoted.join('')
		: `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function idKeysText(idKeys: string[]): string {
	return ['id', '_id', ...idKeys].join(', ');
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number {
	return (
		(typeof value === 'string' && value !== '') ||
		(typeof value === 'number' && Number.isFinite(value))
	);
}

/** A statistic: a number, or an object holding one (`{ sms: { sent: 3 } }`). */
function isCount(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	return isPlainObject(value) && Object.values(value).some(isCount);
}

function isNumber(value: number | undefined): value is number {
	return value !== undefined;
}
