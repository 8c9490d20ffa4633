/**
 * inSIM webhook events (section 2 of the API notes): which query parameter carries which event,
 * how its payload is decoded, and the item the trigger emits. Pure: no I/O, no clock, and no
 * exported function throws.
 *
 * inSIM calls `callback_url + "?" + PARAM + "=" + encodeURIComponent(JSON.stringify(payload))`,
 * by GET (sometimes POST). Parameters: `message` (SMS received), `calls` (legacy `call`), `status`
 * (delivery status), `clics` (legacy `click`), `qualification`.
 *
 * Item shape (`json`), camelCase except `id_sms_api`, which joins with the Send operation's output.
 * Keys are always present unless marked "only when".
 *
 * | key              | events              | value                                                     |
 * |------------------|---------------------|-----------------------------------------------------------|
 * | event            | all                 | InsimEventName                                            |
 * | phoneNumber      | all                 | E.164 when valid, else the trimmed text as sent (senders  |
 * |                  |                     | like "AMAZON" exist); '' when the payload has none        |
 * | phoneNumberValid | all                 | whether phoneNumber is a valid E.164 number               |
 * | account          | all, only when sent | device_identification or user (the inSIM login)           |
 * | occurredAt       | all                 | the event's own time, ISO-8601 with an explicit offset    |
 * |                  |                     | ('…Z' for dates sent in UTC, '+01:00' for wall times);    |
 * |                  |                     | null when missing or unreadable                           |
 * | occurredAtRaw    | only when unreadable| the date value as sent, when occurredAt is null           |
 * | text, receivedAt | sms.received        | the SMS text ('' if none); = occurredAt                   |
 * | direction        | call.*              | 'incoming' | 'outgoing' | 'missed'                        |
 * | startedAt        | call.*              | = occurredAt (call_time)                                  |
 * | durationSeconds  | call.*              | integer; 0 for a missed call; null when unreadable        |
 * | durationRaw      | only when unreadable| the duration as sent, when durationSeconds is null        |
 * | id_sms_api       | sms.sent/delivered, | the SMS id returned by Send ('' if none)                  |
 * |                  | link.clicked        |                                                           |
 * | status, statusAt | sms.sent/delivered  | 'sent' | 'delivered'; = occurredAt (date_status)          |
 * | link, clickedAt  | link.clicked        | the URL as sent (original or short; '' if none)           |
 * | qualification    | call.qualified      | the qualification text                                    |
 * | source           | call.qualified      | 'mobile' | 'web' (from the title); null without a title   |
 * | qualifiedAt      | call.qualified      | = occurredAt                                              |
 * | raw              | only with includeRaw| the payload object exactly as received                    |
 *
 * Decisions: a missing phone number, text, link or id is not a failure (a delivery status without
 * a number still identifies its SMS); an unknown title or status is (the event cannot be told). A
 * title may be missing where the parameter alone tells the event (message, clics, qualification),
 * but then the payload must carry that event's own field (message; clicked_link, link or
 * id_sms_api; qualification): `?message={}` starts nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { normalizePhoneNumber } from '../Insim/helpers/phone';
import { formatScheduledDate } from '../Insim/helpers/schedule';

export type InsimEventName =
	| 'sms.received'
	| 'call.incoming'
	| 'call.outgoing'
	| 'call.missed'
	| 'sms.sent'
	| 'sms.delivered'
	| 'link.clicked'
	| 'call.qualified';

export type InsimDashboardEventKey =
	'incoming_sms' | 'delivery_status' | 'link_clicks' | 'call_events' | 'call_qualifications';

export interface DecodeOptions {
	/** IANA zone of the space-separated date shape ('YYYY-MM-DD HH:mm:ss'), which has no offset. */
	timeZone: string;
	includeRaw: boolean;
}

export interface EventParam {
	/** Lower-case parameter name, e.g. 'message' or the legacy 'call'. */
	param: string;
	/** The text as received (already percent-decoded once), or a parsed object (POST body). */
	value: unknown;
}

export interface ExtractedRequest {
	params: EventParam[];
	secret?: string;
	/** Other parameter names, for diagnostics only (at most MAX_UNKNOWN_PARAMS, each shortened). */
	unknownParams: string[];
}

export type DecodeResult =
	{ ok: true; event: InsimEventName; json: IDataObject } | { ok: false; reason: string };

/** Lower-case keys of a payload. A Map, so keys like `__proto__` stay plain data. */
type Payload = Map<string, unknown>;
type Refusal = { reason: string };

interface EventDecoder {
	/** Which event this payload is (from its title or status), or why that cannot be told. */
	classify: (payload: Payload) => InsimEventName | Refusal;
	/** Keys that may hold the event's own time; the first one present wins. */
	dateKeys: readonly string[];
	/** Event-specific fields; `at` is the event time, already normalised. */
	normalise: (payload: Payload, event: InsimEventName, at: string | null) => IDataObject;
}

const CALL_DIRECTIONS: Readonly<Record<string, 'incoming' | 'outgoing' | 'missed'>> = {
	incoming_call: 'incoming',
	outgoing_call: 'outgoing',
	missed_call: 'missed',
};

const QUALIFICATION_SOURCES: Readonly<Record<string, 'mobile' | 'web'>> = {
	call_qualification_from_mobile: 'mobile',
	call_qualification_from_interface: 'web',
};

const smsReceived: EventDecoder = {
	classify: (payload) => {
		const title = titleOf(payload);
		if (title === 'incoming_sms') return 'sms.received';
		if (title === undefined) {
			return hasAny(payload, ['message'])
				? 'sms.received'
				: refusal('has neither a title nor a message: not an inSIM SMS');
		}
		return refusal(`has the title ${quote(title)} where incoming_sms was expected`);
	},
	dateKeys: ['date'],
	normalise: (payload, _event, at) => ({ text: textOf(payload.get('message')), receivedAt: at }),
};

const callEvent: EventDecoder = {
	classify: (payload) => {
		const title = titleOf(payload);
		const direction = title === undefined ? undefined : lookup(CALL_DIRECTIONS, title);
		if (direction !== undefined) return `call.${direction}`;
		const expected = 'incoming_call, outgoing_call or missed_call';
		if (title === undefined) return refusal(`has no title: expected ${expected}`);
		return refusal(`has the unknown title ${quote(title)}: expected ${expected}`);
	},
	dateKeys: ['call_time', 'date'],
	normalise: (payload, event, at) => {
		const direction = event.slice('call.'.length);
		const fields: IDataObject = { direction, startedAt: at };
		const duration = payload.get('duration');
		if (direction === 'missed') {
			// inSIM sends "0"; a missed call never lasted, whatever the field says.
			fields.durationSeconds = 0;
			return fields;
		}
		const seconds = parseDurationSeconds(duration);
		fields.durationSeconds = seconds ?? null;
		if (seconds === undefined && duration !== undefined && duration !== null) {
			fields.durationRaw = asItemValue(duration);
		}
		return fields;
	},
};

const deliveryStatus: EventDecoder = {
	classify: (payload) => {
		const status = normaliseWord(payload.get('status'));
		if (status === 'sent') return 'sms.sent';
		// inSIM says 'received' for "received by the recipient's phone", i.e. delivered.
		if (status === 'received' || status === 'delivered') return 'sms.delivered';
		if (status === undefined) return refusal('has no status: expected sent or received');
		return refusal(`has the unknown status ${quote(status)}: expected sent or received`);
	},
	dateKeys: ['date_status', 'date'],
	normalise: (payload, event, at) => ({
		id_sms_api: idOf(payload.get('id_sms_api')),
		status: event === 'sms.sent' ? 'sent' : 'delivered',
		statusAt: at,
	}),
};

const linkClick: EventDecoder = {
	classify: (payload) => {
		// Current payloads carry `"clicked_link": "clicked_link"` and no title; older ones a title
		// "clicked link". The `clicked_link` value is not checked: some payloads hold the URL there.
		const title = titleOf(payload);
		if (title === 'clicked_link') return 'link.clicked';
		if (title === undefined) {
			return hasAny(payload, ['clicked_link', 'link', 'id_sms_api'])
				? 'link.clicked'
				: refusal('has no clicked_link, link or id_sms_api: not an inSIM link click');
		}
		return refusal(`has the title ${quote(title)} where clicked_link was expected`);
	},
	dateKeys: ['date'],
	normalise: (payload, _event, at) => ({
		id_sms_api: idOf(payload.get('id_sms_api')),
		link: linkOf(payload),
		clickedAt: at,
	}),
};

const callQualification: EventDecoder = {
	classify: (payload) => {
		const title = titleOf(payload);
		if (title !== undefined && lookup(QUALIFICATION_SOURCES, title) !== undefined) {
			return 'call.qualified';
		}
		if (title === undefined) {
			return hasAny(payload, ['qualification'])
				? 'call.qualified'
				: refusal('has neither a title nor a qualification: not an inSIM call qualification');
		}
		return refusal(
			`has the unknown title ${quote(title)}: expected call_qualification_from_mobile or call_qualification_from_interface`,
		);
	},
	dateKeys: ['date'],
	normalise: (payload, _event, at) => {
		const title = titleOf(payload);
		return {
			qualification: textOf(payload.get('qualification')),
			source: title === undefined ? null : (lookup(QUALIFICATION_SOURCES, title) ?? null),
			qualifiedAt: at,
		};
	},
};

/** The one table: query parameter (lower case) → decoder. Legacy names share the decoder. */
const DECODERS: ReadonlyMap<string, EventDecoder> = new Map([
	['message', smsReceived],
	['calls', callEvent],
	['status', deliveryStatus],
	['clics', linkClick],
	['qualification', callQualification],
	['call', callEvent],
	['click', linkClick],
]);

export const EVENT_PARAMS: readonly string[] = [...DECODERS.keys()];

/**
 * `action` is the name n8n's node panel lists under the trigger; without it n8n writes
 * "On " + the lower-cased option name ("On sms received").
 */
export const EVENT_OPTIONS: Array<{
	name: string;
	value: InsimEventName;
	action: string;
	description: string;
}> = [
	{
		name: 'Call Incoming',
		value: 'call.incoming',
		action: 'On incoming call',
		description: 'A call was received and answered on the phone',
	},
	{
		name: 'Call Missed',
		value: 'call.missed',
		action: 'On missed call',
		description: 'A call to the phone was not answered',
	},
	{
		name: 'Call Outgoing',
		value: 'call.outgoing',
		action: 'On outgoing call',
		description: 'The phone placed a call',
	},
	{
		name: 'Call Qualified',
		value: 'call.qualified',
		action: 'On call qualified',
		description: 'A call was qualified in the inSIM app or web interface',
	},
	{
		name: 'Delivery Status: Delivered',
		value: 'sms.delivered',
		action: 'On SMS delivered',
		description: "An SMS reached the recipient's phone",
	},
	{
		name: 'Delivery Status: Sent',
		value: 'sms.sent',
		action: 'On SMS sent',
		description: 'The phone sent an SMS',
	},
	{
		name: 'Link Clicked',
		value: 'link.clicked',
		action: 'On link clicked',
		description: 'A recipient opened a tracked link from an SMS',
	},
	{
		name: 'SMS Received',
		value: 'sms.received',
		action: 'On SMS received',
		description: 'The phone received an SMS',
	},
];

export const DASHBOARD_EVENT_KEYS: Record<InsimEventName, InsimDashboardEventKey> = {
	'sms.received': 'incoming_sms',
	'call.incoming': 'call_events',
	'call.outgoing': 'call_events',
	'call.missed': 'call_events',
	'sms.sent': 'delivery_status',
	'sms.delivered': 'delivery_status',
	'link.clicked': 'link_clicks',
	'call.qualified': 'call_qualifications',
};

const SECRET_PARAM = 'secret';
const MAX_UNKNOWN_PARAMS = 50;
const MAX_REPORTED_NAME_LENGTH = 100;
const ACCOUNT_KEYS = ['device_identification', 'user'];
const PHONE_KEYS = ['phone_number', 'phonenumber', 'from'];
// Keys only a bare event payload has (a parameter bag such as `{ message: {...} }` has none).
const BARE_PAYLOAD_MARKERS = ['title', 'id_sms_api', 'clicked_link'];

/**
 * Event parameters, secret and other parameter names of a webhook request, from its RAW URL (path
 * and query, not yet decoded) and, for a POST, its parsed body.
 *
 * The query is parsed here, not by the framework: a callback URL that already has a query
 * (`…?secret=S`) arrives as `…?secret=S?message=…`, so every literal `?` after the first is a
 * separator too (inside a payload inSIM sends `?` as %3F). A literal `+` is kept as is (inSIM
 * encodes `+` as %2B); in a form-encoded body it means a space, as form encoding says.
 *
 * Body: an object's event-parameter keys count (each value an object or JSON text), unless the
 * object is itself an event payload (it has a `title`, `id_sms_api` or `clicked_link` telling its
 * event): then it is one event of the matching parameter, unless the query already carried an event: inSIM's POST repeats its
 * query payload in the body, and one delivery must give one event. For the same reason a body key
 * does not count when the query has that parameter. A string body is parsed as JSON, else as
 * `a=b&c=d`. The secret is only read from the URL, first occurrence.
 */
export function extractEventParams(rawUrl: string, body?: unknown): ExtractedRequest {
	const extracted: ExtractedRequest = { params: [], unknownParams: [] };
	const reported = new Set<string>();
	const reportUnknown = (name: string) => {
		if (name === '' || reported.size >= MAX_UNKNOWN_PARAMS) return;
		const shortened = name.slice(0, MAX_REPORTED_NAME_LENGTH);
		if (reported.has(shortened)) return;
		reported.add(shortened);
		extracted.unknownParams.push(shortened);
	};
	try {
		const url = typeof rawUrl === 'string' ? rawUrl : '';
		const queryStart = url.indexOf('?');
		if (queryStart !== -1) {
			for (const [name, value] of splitPairs(url.slice(queryStart + 1), /[?&]/, false)) {
				const param = name.toLowerCase();
				if (name === SECRET_PARAM) {
					if (extracted.secret === undefined) extracted.secret = value;
				} else if (DECODERS.has(param)) {
					extracted.params.push({ param, value });
				} else {
					reportUnknown(name);
				}
			}
		}
		if (body !== undefined && body !== null) addBodyParams(body, extracted, reportUnknown);
	} catch {
		// Only exotic bodies (throwing getters, proxies) get here: keep what was read so far.
	}
	return extracted;
}

function addBodyParams(
	body: unknown,
	extracted: ExtractedRequest,
	reportUnknown: (name: string) => void,
): void {
	let fields: unknown = body;
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return;
		if (text.startsWith('{')) {
			fields = tryParseJson(text);
		} else {
			// Form encoding: `+` is a space there.
			const form: Payload = new Map();
			for (const [name, value] of splitPairs(text.replace(/\+/g, ' '), /&/, true)) {
				if (!form.has(name)) form.set(name, value);
			}
			fields = form;
		}
	}
	const entries = entriesOf(fields);
	if (entries === undefined) return;

	const queryParams = new Set(extracted.params.map((entry) => entry.param));
	const lowerKeys = new Set(entries.map(([key]) => key.toLowerCase()));
	if (BARE_PAYLOAD_MARKERS.some((marker) => lowerKeys.has(marker))) {
		const param = paramOfBarePayload(lowerCaseView(entries));
		if (param !== undefined) {
			if (queryParams.size === 0) extracted.params.push({ param, value: payloadObjectOf(fields) });
			return;
		}
	}
	for (const [key, value] of entries) {
		const param = key.toLowerCase();
		if (DECODERS.has(param)) {
			if (!queryParams.has(param)) extracted.params.push({ param, value });
		} else {
			reportUnknown(key);
		}
	}
}

/** Which parameter inSIM would have used for a payload posted on its own. */
function paramOfBarePayload(payload: Payload): string | undefined {
	const title = titleOf(payload);
	if (title === 'incoming_sms') return 'message';
	if (title !== undefined && lookup(CALL_DIRECTIONS, title) !== undefined) return 'calls';
	if (title !== undefined && lookup(QUALIFICATION_SOURCES, title) !== undefined) {
		return 'qualification';
	}
	if (title === 'clicked_link' || hasAny(payload, ['clicked_link'])) return 'clics';
	if (hasAny(payload, ['id_sms_api']) && hasAny(payload, ['status'])) return 'status';
	if (hasAny(payload, ['id_sms_api']) && hasAny(payload, ['link'])) return 'clics';
	return undefined;
}

/** Decode one event parameter into the item the trigger emits. */
export function decodeEventParam(
	param: string,
	value: unknown,
	options: DecodeOptions,
): DecodeResult {
	try {
		const name = typeof param === 'string' ? param.toLowerCase() : '';
		const decoder = DECODERS.get(name);
		if (decoder === undefined) {
			return fail(`${quote(String(param))} is not an inSIM event parameter`);
		}
		const parsed = parsePayload(value);
		if ('reason' in parsed) return fail(parsed.reason);
		const entries = entriesOf(parsed.object) ?? [];
		const payload = lowerCaseView(entries);

		const event = decoder.classify(payload);
		if (typeof event !== 'string') return fail(event.reason);

		const json: IDataObject = { event };
		const phone = phoneOf(payload);
		json.phoneNumber = phone.number;
		json.phoneNumberValid = phone.valid;
		const account = firstText(payload, ACCOUNT_KEYS);
		if (account !== undefined) json.account = account;

		const time = eventTime(payload, decoder.dateKeys, options?.timeZone);
		json.occurredAt = time.iso;
		if (time.iso === null && time.raw !== undefined) json.occurredAtRaw = asItemValue(time.raw);

		Object.assign(json, decoder.normalise(payload, event, time.iso));
		if (options?.includeRaw === true) json.raw = parsed.object as IDataObject;
		return { ok: true, event, json };
	} catch (error) {
		return fail(`could not be decoded (${(error as Error)?.message ?? 'unknown error'})`);
	}
}

/**
 * A value as received: an object is the payload; text is JSON.parse'd, and only if that fails,
 * percent-decoded once more and parsed again. The framework has already decoded the query once:
 * decoding first would break any text with a bare `%` ("50% off").
 */
function parsePayload(value: unknown): { object: object } | Refusal {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return refusal('is empty');
		parsed = tryParseJson(value);
		if (parsed === undefined) {
			const decoded = safeDecode(value);
			if (decoded !== value) parsed = tryParseJson(decoded);
			if (parsed === undefined) return refusal('is not JSON');
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return refusal(`is not a JSON object (got ${kindOf(parsed)})`);
	}
	return { object: parsed };
}

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// Not JSON: the caller tries something else.
		return undefined;
	}
}

function entriesOf(fields: unknown): Array<[string, unknown]> | undefined {
	if (fields instanceof Map) return [...(fields as Payload).entries()];
	if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
	return Object.entries(fields);
}

function payloadObjectOf(fields: unknown): unknown {
	return fields instanceof Map ? Object.fromEntries(fields) : fields;
}

/** Keys in lower case (older payloads use TITLE, PHONE_NUMBER); a key already lower case wins. */
function lowerCaseView(entries: Array<[string, unknown]>): Payload {
	const view: Payload = new Map();
	for (const [key, value] of entries) {
		const lower = key.toLowerCase();
		if (lower === key || !view.has(lower)) view.set(lower, value);
	}
	return view;
}

/**
 * Split `a=b&c=d` on `separators`, each name and value percent-decoded without ever throwing.
 * Empty segments and empty names are skipped.
 */
function splitPairs(
	text: string,
	separators: RegExp,
	formEncoded: boolean,
): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const segment of text.split(separators)) {
		if (segment === '') continue;
		const equals = segment.indexOf('=');
		const name = safeDecode(equals === -1 ? segment : segment.slice(0, equals));
		if (name === '' || (formEncoded && name.trim() === '')) continue;
		pairs.push([name, equals === -1 ? '' : safeDecode(segment.slice(equals + 1))]);
	}
	return pairs;
}

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** decodeURIComponent that keeps malformed escapes (`%zz`, a lone `%C3`) as they were. */
export function safeDecode(text: string): string {
	if (!text.includes('%')) return text;
	try {
		return decodeURIComponent(text);
	} catch {
		// Decode what is valid, escape run by escape run, character by character.
		return text.replace(PERCENT_RUN, decodeEscapeRun);
	}
}

function decodeEscapeRun(run: string): string {
	let decoded = '';
	let index = 0;
	while (index < run.length) {
		const lead = parseInt(run.slice(index + 1, index + 3), 16);
		// Bytes in the UTF-8 sequence this lead byte starts (invalid leads: try one, keep it raw).
		const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
		const sequence = run.slice(index, index + length * 3);
		try {
			decoded += decodeURIComponent(sequence);
			index += sequence.length;
		} catch {
			decoded += run.slice(index, index + 3);
			index += 3;
		}
	}
	return decoded;
}

function phoneOf(payload: Payload): { number: string; valid: boolean } {
	for (const key of PHONE_KEYS) {
		const value = payload.get(key);
		if (value === undefined || value === null) continue;
		const text = typeof value === 'string' ? value.trim() : scalarText(value).trim();
		if (text === '') continue;
		const check = normalizePhoneNumber(text);
		return check.ok ? { number: check.e164, valid: true } : { number: text, valid: false };
	}
	return { number: '', valid: false };
}

function linkOf(payload: Payload): string {
	const link = firstText(payload, ['link', 'url']);
	if (link !== undefined) return link;
	// Some payloads carry the URL itself in `clicked_link` rather than the word "clicked_link".
	const clicked = payload.get('clicked_link');
	return typeof clicked === 'string' && /^https?:\/\//i.test(clicked.trim()) ? clicked.trim() : '';
}

/** First of `keys` holding non-empty text (or a number), trimmed. */
function firstText(payload: Payload, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const text = scalarText(payload.get(key)).trim();
		if (text !== '') return text;
	}
	return undefined;
}

function hasAny(payload: Payload, keys: readonly string[]): boolean {
	return keys.some((key) => payload.get(key) !== undefined && payload.get(key) !== null);
}

function titleOf(payload: Payload): string | undefined {
	return normaliseWord(payload.get('title'));
}

const MAX_WORD_LENGTH = 100;

/** 'Clicked Link', 'clicked-link', ' CLICKED_LINK ' → 'clicked_link'; undefined if no text. */
function normaliseWord(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const word = value
		.trim()
		.slice(0, MAX_WORD_LENGTH)
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return word === '' ? undefined : word;
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value : scalarText(value);
}

function idOf(value: unknown): string {
	return scalarText(value).trim();
}

function scalarText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return '';
}

/** Own keys only: a title like "constructor" must not find Object.prototype.constructor. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

// "00:05:23", "5:23", "0", "323". Hours may exceed 24; minutes and seconds after a colon may not
// exceed 59.
const CLOCK_DURATION = /^(?:(\d{1,6}):)?(\d{1,6}):(\d{1,2})$/;
const PLAIN_SECONDS = /^\d{1,9}$/;

function parseDurationSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value) && value >= 0 && value < 1e9 ? Math.round(value) : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (PLAIN_SECONDS.test(text)) return Number(text);
	const match = CLOCK_DURATION.exec(text);
	if (match === null) return undefined;
	const [, hours, minutes, seconds] = match;
	if (Number(seconds) > 59 || (hours !== undefined && Number(minutes) > 59)) return undefined;
	return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
}

const MINUTE_MS = 60_000;
const MAX_DATE_LENGTH = 40;
// ISO-8601 with Z or an offset ('date', 'date_status').
const ZONED_DATE =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
// A wall time without offset ('call_time', click and qualification 'date').
const WALL_DATE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?$/i;

function eventTime(
	payload: Payload,
	keys: readonly string[],
	timeZone: unknown,
): { iso: string | null; raw?: unknown } {
	for (const key of keys) {
		const value = payload.get(key);
		if (value === undefined || value === null || value === '') continue;
		const iso = typeof value === 'string' ? normaliseDate(value.trim(), timeZone) : null;
		// Numbers and objects are not inSIM date shapes: keep them, do not guess a unit.
		return iso === null ? { iso, raw: value } : { iso };
	}
	return { iso: null };
}

/** ISO-8601 with an explicit offset, or null when the text is not one of inSIM's date shapes. */
function normaliseDate(text: string, timeZone: unknown): string | null {
	if (text.length > MAX_DATE_LENGTH) return null;
	const zoned = ZONED_DATE.exec(text);
	if (zoned !== null) return zonedToUtcIso(zoned);
	const wall = WALL_DATE.exec(text);
	return wall === null || typeof timeZone !== 'string' ? null : wallTimeToIso(wall, timeZone);
}

/**
 * What is known of a zone on a day: the one offset it has (minutes east of UTC), or the two it
 * switches between (a DST day), or null (invalid day or zone, offset with seconds).
 */
type DayOffsets = { fixed: number } | { between: [number, number] } | null;

// Bounded caches: a rare full clear is cheaper than tracking the least recently used entry.
const dayOffsets = new Map<string, DayOffsets>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat | null>();
const MAX_CACHED_DAYS = 1000;
const MAX_CACHED_ZONES = 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Offsets span -12 h to +14 h: every instant whose wall time falls in a day is within 14 h of it.
const OFFSET_SPAN_MS = 14 * HOUR_MS;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const GMT_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/**
 * A wall time in `timeZone` as ISO with its offset (fractional seconds dropped), with the same
 * results as the schedule helper, which needs ~20 µs of Intl calls per wall time. Here the
 * offsets are read once per zone and day, at both ends of the span of instants the day covers
 * (one cheap Intl call each). Equal: no change in between (the helper assumes the same), every
 * time of the day has that offset. Different (a DST day): each candidate is kept if the zone
 * really has it at the instant it gives, and in a repeated hour the earlier instant wins, as in
 * the helper. Anything else is left to the helper itself.
 */
function wallTimeToIso(match: RegExpExecArray, timeZone: string): string | null {
	const [, day, hour, minute, second = '00'] = match;
	const time = `${hour}:${minute}:${second}`;
	const [year, month, date] = day.split('-').map(Number);
	const midnight = Date.UTC(year, month - 1, date);
	const checked = new Date(midnight);
	// Date.UTC rolls 2025-02-30 over into March: the fields must come back unchanged.
	if (checked.getUTCMonth() !== month - 1 || checked.getUTCDate() !== date) return null;
	if (year < MIN_YEAR || year > MAX_YEAR) return null;
	if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;

	const zone = timeZone.trim();
	const key = `${zone}|${day}`;
	let known = dayOffsets.get(key);
	if (known === undefined) {
		known = offsetsOfDay(midnight, zone);
		if (dayOffsets.size >= MAX_CACHED_DAYS) dayOffsets.clear();
		dayOffsets.set(key, known);
	}

	let offset: number | undefined;
	if (known !== null && 'fixed' in known) {
		offset = known.fixed;
	} else if (known !== null) {
		const wallMs = midnight + (Number(hour) * 3600 + Number(minute) * 60 + Number(second)) * 1000;
		for (const candidate of known.between) {
			const actual = offsetMinutesAt(wallMs - candidate * MINUTE_MS, zone);
			if (actual === candidate && (offset === undefined || candidate > offset)) offset = candidate;
		}
	}
	if (offset !== undefined) return `${day}T${time}${formatOffset(offset)}`;
	// A time skipped by a DST change, or a zone this shortcut cannot read: the helper decides.
	const exact = formatScheduledDate(`${day} ${time}`, zone);
	return exact.ok ? exact.iso : null;
}

function offsetsOfDay(midnight: number, zone: string): DayOffsets {
	const before = offsetMinutesAt(midnight - OFFSET_SPAN_MS, zone);
	const after = offsetMinutesAt(midnight + DAY_MS + OFFSET_SPAN_MS, zone);
	if (before === undefined || after === undefined) return null;
	return before === after ? { fixed: before } : { between: [before, after] };
}

/** The zone's offset at an instant in minutes, or undefined (unknown zone, offset with seconds). */
function offsetMinutesAt(instant: number, zone: string): number | undefined {
	let formatter = offsetFormatters.get(zone);
	if (formatter === undefined) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
		} catch {
			// An unknown zone: remembered as such.
			formatter = null;
		}
		if (offsetFormatters.size >= MAX_CACHED_ZONES) offsetFormatters.clear();
		offsetFormatters.set(zone, formatter);
	}
	if (formatter === null || !Number.isFinite(instant)) return undefined;
	// e.g. '1/15/2025, GMT+01:00'; plain 'GMT' for a zero offset.
	const match = GMT_OFFSET.exec(formatter.format(instant));
	if (match === null) return undefined;
	const [, sign, hours, minutes] = match;
	if (sign === undefined) return 0;
	return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

function formatOffset(minutes: number): string {
	const magnitude = Math.abs(minutes);
	const hours = String(Math.floor(magnitude / 60)).padStart(2, '0');
	return `${minutes < 0 ? '-' : '+'}${hours}:${String(magnitude % 60).padStart(2, '0')}`;
}

function zonedToUtcIso(match: RegExpExecArray): string | null {
	const [, year, month, day, hour, minute, second = '0', fraction = '', offset] = match;
	const numbers = [year, month, day, hour, minute, second].map(Number);
	const [y, mo, d, h, mi, s] = numbers;
	const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) {
		return null;
	}
	let offsetMinutes = 0;
	if (offset.toUpperCase() !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		const offsetHours = Number(digits.slice(0, 2));
		const extraMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
		if (offsetHours > 23 || extraMinutes > 59) return null;
		offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + extraMinutes);
	}
	const milliseconds = Number((fraction + '000').slice(0, 3));
	const instant = Date.UTC(y, mo - 1, d, h, mi, s, milliseconds) - offsetMinutes * MINUTE_MS;
	const iso = new Date(instant).toISOString();
	// A year past 9999 would print as '+010000-…'.
	return iso.length === 24 ? iso : null;
}

/** A payload value kept as sent in the item (it came from JSON, so it is item data). */
function asItemValue(value: unknown): IDataObject[string] {
	return value as IDataObject[string];
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function quote(text: string | undefined): string {
	const shown = (text ?? '').slice(0, 60);
	return JSON.stringify(shown);
}

function refusal(reason: string): Refusal {
	return { reason };
}

function fail(reason: string): DecodeResult {
	return { ok: false, reason };
}
