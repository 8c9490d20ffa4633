/**
 * The five event decoders: which event a payload is, and the item the trigger emits for it.
 * Pure: no I/O, no clock, and no exported function throws.
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

import type { EventParamName, InsimEventName } from './catalog';
import { CALL_DIRECTIONS, QUALIFICATION_SOURCES } from './catalog';
import { eventTime } from './dates';
import type { Payload, Refusal } from './payload';
import {
	asItemValue,
	entriesOf,
	firstText,
	hasAny,
	idOf,
	linkOf,
	lookup,
	lowerCaseView,
	normaliseWord,
	parseDurationSeconds,
	parsePayload,
	phoneOf,
	quote,
	refusal,
	textOf,
	titleOf,
} from './payload';

export interface DecodeOptions {
	/** IANA zone of the space-separated date shape ('YYYY-MM-DD HH:mm:ss'), which has no offset. */
	timeZone: string;
	includeRaw: boolean;
}

export type DecodeResult =
	{ ok: true; event: InsimEventName; json: IDataObject } | { ok: false; reason: string };

interface EventDecoder {
	/** Which event this payload is (from its title or status), or why that cannot be told. */
	classify: (payload: Payload) => InsimEventName | Refusal;
	/** Keys that may hold the event's own time; the first one present wins. */
	dateKeys: readonly string[];
	/** Event-specific fields; `at` is the event time, already normalised. */
	normalise: (payload: Payload, event: InsimEventName, at: string | null) => IDataObject;
}

const ACCOUNT_KEYS = ['device_identification', 'user'];

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
const DECODERS: Readonly<Record<EventParamName, EventDecoder>> = {
	message: smsReceived,
	calls: callEvent,
	status: deliveryStatus,
	clics: linkClick,
	qualification: callQualification,
	call: callEvent,
	click: linkClick,
};

/** Decode one event parameter into the item the trigger emits. */
export function decodeEventParam(
	param: string,
	value: unknown,
	options: DecodeOptions,
): DecodeResult {
	try {
		const name = typeof param === 'string' ? param.toLowerCase() : '';
		const decoder = lookup<EventDecoder>(DECODERS, name);
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

function fail(reason: string): DecodeResult {
	return { ok: false, reason };
}
