/**
 * What a webhook request carries: its event parameters, its secret, and the names of any other
 * parameters (for diagnostics). Pure; the exported function never throws.
 */
import type { EventParamName } from './catalog';
import { CALL_DIRECTIONS, QUALIFICATION_SOURCES, isEventParam } from './catalog';
import type { Payload } from './payload';
import {
	entriesOf,
	hasAny,
	lookup,
	lowerCaseView,
	payloadObjectOf,
	titleOf,
	tryParseJson,
} from './payload';
import { splitPairs } from './percent';

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

const SECRET_PARAM = 'secret';
const MAX_UNKNOWN_PARAMS = 50;
const MAX_REPORTED_NAME_LENGTH = 100;
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
				} else if (isEventParam(param)) {
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
		if (isEventParam(param)) {
			if (!queryParams.has(param)) extracted.params.push({ param, value });
		} else {
			reportUnknown(key);
		}
	}
}

/** Which parameter inSIM would have used for a payload posted on its own. */
function paramOfBarePayload(payload: Payload): EventParamName | undefined {
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
