import type { IDataObject } from 'n8n-workflow';

import type { DecodeOptions, DecodeResult } from '../../../nodes/InsimTrigger/events';
import {
	DASHBOARD_EVENT_KEYS,
	EVENT_OPTIONS,
	EVENT_PARAMS,
	decodeEventParam,
	extractEventParams,
	safeDecode,
} from '../../../nodes/InsimTrigger/events';

// Section 2 of insim-api.md, payloads verbatim.
const DOC = {
	sms: {
		device_identification: 'user@email.com',
		title: 'incoming_sms',
		from: '+33612345678',
		message: 'Hi, I confirm my appointment',
		date: '2025-01-15T14:30:00.000Z',
	},
	call: {
		device_identification: 'user@email.com',
		title: 'incoming_call',
		phone_number: '+33612345678',
		call_time: '2025-01-15 14:30:00',
		duration: '00:05:23',
	},
	status: {
		user: 'user@email.com',
		phone_number: '+33612345678',
		status: 'received',
		date_status: '2025-01-15T14:30:00.000Z',
		id_sms_api: 'FI5O7apqaaqcUmQ',
	},
	click: {
		id_sms_api: 'FI5O7apqaaqcUmQ',
		clicked_link: 'clicked_link',
		phone_number: '+33612345678',
		link: 'https://example.com/confirm',
		date: '2025-01-15 14:35:00',
	},
	qualification: {
		device_identification: 'user@email.com',
		title: 'call_qualification_from_mobile',
		from: '+33612345678',
		date: '2025-01-15 14:40:00',
		qualification: 'Interested customer - callback next week',
	},
} as const;

const PATH = '/webhook/4f1c2a7e-insim/webhook';
const FULL_URL = `https://n8n.example.com${PATH}`;
const PARIS: DecodeOptions = { timeZone: 'Europe/Paris', includeRaw: false };
const NEW_YORK: DecodeOptions = { timeZone: 'America/New_York', includeRaw: false };

/** Exactly what inSIM does: plain concatenation, so a URL with a query gets a second '?'. */
function insimUrl(callbackUrl: string, param: string, payload: unknown): string {
	return callbackUrl + '?' + param + '=' + encodeURIComponent(JSON.stringify(payload));
}

function upperKeys(payload: object): Record<string, unknown> {
	const upper: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(payload)) upper[key.toUpperCase()] = value;
	return upper;
}

function deliver(rawUrl: string, body?: unknown, options: DecodeOptions = PARIS): DecodeResult[] {
	const { params } = extractEventParams(rawUrl, body);
	return params.map(({ param, value }) => decodeEventParam(param, value, options));
}

/** The one event a request carries, decoded. */
function eventOf(rawUrl: string, options: DecodeOptions = PARIS, body?: unknown): IDataObject {
	const results = deliver(rawUrl, body, options);
	expect(results).toHaveLength(1);
	const [result] = results;
	if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
	return result.json;
}

function decoded(param: string, value: unknown, options: DecodeOptions = PARIS): IDataObject {
	const result = decodeEventParam(param, value, options);
	if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
	return result.json;
}

function reasonOf(param: string, value: unknown, options: DecodeOptions = PARIS): string {
	const result = decodeEventParam(param, value, options);
	if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.json)}`);
	return result.reason;
}

describe('the documented payloads, delivered by GET exactly as inSIM builds the URL', () => {
	test('SMS received (message)', () => {
		expect(eventOf(insimUrl(PATH, 'message', DOC.sms))).toEqual({
			event: 'sms.received',
			phoneNumber: '+33612345678',
			phoneNumberValid: true,
			account: 'user@email.com',
			occurredAt: '2025-01-15T14:30:00.000Z',
			text: 'Hi, I confirm my appointment',
			receivedAt: '2025-01-15T14:30:00.000Z',
		});
	});

	test('incoming call (calls): wall time in the chosen zone, duration in seconds', () => {
		expect(eventOf(insimUrl(PATH, 'calls', DOC.call))).toEqual({
			event: 'call.incoming',
			phoneNumber: '+33612345678',
			phoneNumberValid: true,
			account: 'user@email.com',
			occurredAt: '2025-01-15T14:30:00+01:00',
			direction: 'incoming',
			startedAt: '2025-01-15T14:30:00+01:00',
			durationSeconds: 323,
		});
	});

	test('delivery status (status): received means delivered; id_sms_api kept as is', () => {
		expect(eventOf(insimUrl(PATH, 'status', DOC.status))).toEqual({
			event: 'sms.delivered',
			phoneNumber: '+33612345678',
			phoneNumberValid: true,
			account: 'user@email.com',
			occurredAt: '2025-01-15T14:30:00.000Z',
			id_sms_api: 'FI5O7apqaaqcUmQ',
			status: 'delivered',
			statusAt: '2025-01-15T14:30:00.000Z',
		});
	});

	test('link click (clics)', () => {
		expect(eventOf(insimUrl(PATH, 'clics', DOC.click))).toEqual({
			event: 'link.clicked',
			phoneNumber: '+33612345678',
			phoneNumberValid: true,
			occurredAt: '2025-01-15T14:35:00+01:00',
			id_sms_api: 'FI5O7apqaaqcUmQ',
			link: 'https://example.com/confirm',
			clickedAt: '2025-01-15T14:35:00+01:00',
		});
	});

	test('call qualification (qualification)', () => {
		expect(eventOf(insimUrl(PATH, 'qualification', DOC.qualification))).toEqual({
			event: 'call.qualified',
			phoneNumber: '+33612345678',
			phoneNumberValid: true,
			account: 'user@email.com',
			occurredAt: '2025-01-15T14:40:00+01:00',
			qualification: 'Interested customer - callback next week',
			source: 'mobile',
			qualifiedAt: '2025-01-15T14:40:00+01:00',
		});
	});

	test('the raw payload is added only with includeRaw, exactly as received', () => {
		for (const [param, payload] of [
			['message', DOC.sms],
			['calls', DOC.call],
			['status', DOC.status],
			['clics', DOC.click],
			['qualification', DOC.qualification],
		] as const) {
			const url = insimUrl(PATH, param, payload);
			expect(eventOf(url, { ...PARIS, includeRaw: true }).raw).toEqual(payload);
			expect(eventOf(url)).not.toHaveProperty('raw');
		}
	});

	test('a full URL works as well as the path', () => {
		expect(eventOf(insimUrl(FULL_URL, 'message', DOC.sms)).text).toBe(DOC.sms.message);
	});
});

describe('every variant of each event', () => {
	test.each([
		['incoming_call', 'call.incoming', 'incoming'],
		['outgoing_call', 'call.outgoing', 'outgoing'],
		['missed_call', 'call.missed', 'missed'],
	])('call title %s → %s', (title, event, direction) => {
		const json = eventOf(insimUrl(PATH, 'calls', { ...DOC.call, title }));
		expect(json.event).toBe(event);
		expect(json.direction).toBe(direction);
	});

	test('a missed call lasts 0 seconds (its duration is "0")', () => {
		const missed = { ...DOC.call, title: 'missed_call', duration: '0' };
		expect(eventOf(insimUrl(PATH, 'calls', missed)).durationSeconds).toBe(0);
		// Whatever the field says, a missed call was never answered.
		const odd = { ...missed, duration: 'n/a' };
		expect(eventOf(insimUrl(PATH, 'calls', odd))).toMatchObject({ durationSeconds: 0 });
		expect(eventOf(insimUrl(PATH, 'calls', odd))).not.toHaveProperty('durationRaw');
	});

	test.each([
		['0', 0],
		['00:05:23', 323],
		['01:00:00', 3600],
		['26:03:04', 93784],
		['05:23', 323],
		['5:23', 323],
		['75:00', 4500],
		['323', 323],
		[' 00:00:07 ', 7],
		[42, 42],
	])('duration %j → %d seconds', (duration, seconds) => {
		const json = eventOf(insimUrl(PATH, 'calls', { ...DOC.call, duration }));
		expect(json.durationSeconds).toBe(seconds);
		expect(json).not.toHaveProperty('durationRaw');
	});

	test.each(['00:60:00', '00:00:60', '1:2:3:4', 'abc', '-5', '', '12.5s', '1e3'])(
		'an unreadable duration %j is null, kept in durationRaw, and not a failure',
		(duration) => {
			const json = eventOf(insimUrl(PATH, 'calls', { ...DOC.call, duration }));
			expect(json.durationSeconds).toBeNull();
			expect(json.durationRaw).toBe(duration);
		},
	);

	test('a call without duration: durationSeconds null, no durationRaw', () => {
		const { duration: _omitted, ...withoutDuration } = DOC.call;
		const json = eventOf(insimUrl(PATH, 'calls', withoutDuration));
		expect(json.durationSeconds).toBeNull();
		expect(json).not.toHaveProperty('durationRaw');
	});

	test('delivery status sent', () => {
		const json = eventOf(insimUrl(PATH, 'status', { ...DOC.status, status: 'sent' }));
		expect(json).toMatchObject({
			event: 'sms.sent',
			status: 'sent',
			id_sms_api: 'FI5O7apqaaqcUmQ',
		});
	});

	test.each(['RECEIVED', ' Received ', 'delivered'])(
		'delivery status %j means delivered',
		(status) => {
			expect(eventOf(insimUrl(PATH, 'status', { ...DOC.status, status })).event).toBe(
				'sms.delivered',
			);
		},
	);

	test('call qualification from the web interface', () => {
		const payload = { ...DOC.qualification, title: 'call_qualification_from_interface' };
		expect(eventOf(insimUrl(PATH, 'qualification', payload))).toMatchObject({
			event: 'call.qualified',
			source: 'web',
		});
	});

	test('a qualification without a title: source null', () => {
		const { title: _omitted, ...untitled } = DOC.qualification;
		expect(eventOf(insimUrl(PATH, 'qualification', untitled))).toMatchObject({
			event: 'call.qualified',
			source: null,
			qualification: DOC.qualification.qualification,
		});
	});

	test('legacy params: click and call', () => {
		expect(eventOf(insimUrl(PATH, 'click', DOC.click)).event).toBe('link.clicked');
		expect(eventOf(insimUrl(PATH, 'call', DOC.call)).event).toBe('call.incoming');
		expect(extractEventParams(insimUrl(PATH, 'click', DOC.click)).params[0].param).toBe('click');
	});

	test('parameter names match in any case', () => {
		const { params } = extractEventParams(insimUrl(PATH, 'MESSAGE', DOC.sms));
		expect(params).toHaveLength(1);
		expect(params[0].param).toBe('message');
		expect(eventOf(insimUrl(PATH, 'Calls', DOC.call)).event).toBe('call.incoming');
		expect(decoded('QUALIFICATION', JSON.stringify(DOC.qualification)).event).toBe(
			'call.qualified',
		);
	});

	test.each([
		['message', DOC.sms],
		['calls', DOC.call],
		['status', DOC.status],
		['clics', DOC.click],
		['qualification', DOC.qualification],
	] as const)('upper-case keys (TITLE, PHONE_NUMBER…) decode like lower-case: %s', (param, p) => {
		const upper = upperKeys(p);
		const expected = eventOf(insimUrl(PATH, param, p), { ...PARIS, includeRaw: true });
		const actual = eventOf(insimUrl(PATH, param, upper), { ...PARIS, includeRaw: true });
		expect(actual).toEqual({ ...expected, raw: upper });
	});

	test('upper-case title values and mixed-case keys', () => {
		const payload = {
			Title: 'MISSED_CALL',
			Phone_Number: '+33612345678',
			CALL_TIME: '2025-01-15 14:30:00',
		};
		expect(eventOf(insimUrl(PATH, 'calls', payload))).toMatchObject({
			event: 'call.missed',
			phoneNumber: '+33612345678',
			startedAt: '2025-01-15T14:30:00+01:00',
		});
	});

	test('a lower-case key wins over the same key in upper case', () => {
		const payload = { ...DOC.sms, MESSAGE: 'shouted', message: 'spoken' };
		expect(eventOf(insimUrl(PATH, 'message', payload)).text).toBe('spoken');
	});

	test('phonenumber as well as phone_number', () => {
		const { phone_number: phone, ...rest } = DOC.call;
		const json = eventOf(insimUrl(PATH, 'calls', { ...rest, phonenumber: phone }));
		expect(json).toMatchObject({ phoneNumber: '+33612345678', phoneNumberValid: true });
		const upper = eventOf(insimUrl(PATH, 'clics', upperKeys({ ...DOC.click, phonenumber: phone })));
		expect(upper.phoneNumber).toBe('+33612345678');
	});

	test.each(['clicked link', 'clicked_link', 'Clicked Link', 'CLICKED_LINK', 'clicked-link'])(
		'a click titled %j',
		(title) => {
			const { clicked_link: _omitted, ...untitled } = DOC.click;
			expect(eventOf(insimUrl(PATH, 'clics', { ...untitled, title })).event).toBe('link.clicked');
		},
	);

	test('a click with neither title nor clicked_link (id and link suffice)', () => {
		const { clicked_link: _omitted, ...bare } = DOC.click;
		expect(eventOf(insimUrl(PATH, 'clics', bare)).event).toBe('link.clicked');
	});

	test('link: the original URL or the short URL, passed through as sent', () => {
		for (const link of [
			'https://example.com/confirm?booking=42&lang=fr#top',
			'https://insim.link/Ab3xZ',
			'http://sho.rt/x',
		]) {
			expect(eventOf(insimUrl(PATH, 'clics', { ...DOC.click, link })).link).toBe(link);
		}
	});

	test('a URL held in clicked_link is the link when there is no link key', () => {
		const { link: _omitted, ...withoutLink } = DOC.click;
		const payload = { ...withoutLink, clicked_link: 'https://insim.link/Ab3xZ' };
		expect(eventOf(insimUrl(PATH, 'clics', payload)).link).toBe('https://insim.link/Ab3xZ');
		expect(eventOf(insimUrl(PATH, 'clics', withoutLink)).link).toBe('');
	});

	test('a numeric id_sms_api becomes text', () => {
		expect(eventOf(insimUrl(PATH, 'status', { ...DOC.status, id_sms_api: 1234 })).id_sms_api).toBe(
			'1234',
		);
	});
});

describe('phone numbers and account', () => {
	test.each([
		['+33 6 12 34 56 78', '+33612345678', true],
		['0033612345678', '+33612345678', true],
		['AMAZON', 'AMAZON', false],
		['  InfoSMS ', 'InfoSMS', false],
		['0612345678', '0612345678', false],
		['36111', '36111', false],
		[33612345678, '33612345678', false],
	])('sender %j → phoneNumber %j (valid: %s)', (from, phoneNumber, valid) => {
		const json = eventOf(insimUrl(PATH, 'message', { ...DOC.sms, from }));
		expect(json).toMatchObject({ phoneNumber, phoneNumberValid: valid });
	});

	test('no number at all: still an event, phoneNumber "" and not valid', () => {
		const { from: _omitted, ...anonymous } = DOC.sms;
		expect(eventOf(insimUrl(PATH, 'message', anonymous))).toMatchObject({
			phoneNumber: '',
			phoneNumberValid: false,
		});
		const { phone_number: _gone, ...withoutNumber } = DOC.status;
		expect(eventOf(insimUrl(PATH, 'status', withoutNumber))).toMatchObject({
			event: 'sms.delivered',
			phoneNumber: '',
			id_sms_api: 'FI5O7apqaaqcUmQ',
		});
	});

	test('account comes from device_identification or user, and is left out when absent', () => {
		expect(eventOf(insimUrl(PATH, 'status', DOC.status)).account).toBe('user@email.com');
		expect(eventOf(insimUrl(PATH, 'calls', DOC.call)).account).toBe('user@email.com');
		expect(eventOf(insimUrl(PATH, 'clics', DOC.click))).not.toHaveProperty('account');
	});
});

describe('dates', () => {
	test('ISO with Z stays UTC, normalised to milliseconds', () => {
		for (const [date, iso] of [
			['2025-01-15T14:30:00.000Z', '2025-01-15T14:30:00.000Z'],
			['2025-01-15T14:30:00Z', '2025-01-15T14:30:00.000Z'],
			['2025-01-15T14:30Z', '2025-01-15T14:30:00.000Z'],
			['2025-01-15T14:30:00.123456Z', '2025-01-15T14:30:00.123Z'],
			['2025-01-15t14:30:00z', '2025-01-15T14:30:00.000Z'],
			['2025-01-15T15:30:00+01:00', '2025-01-15T14:30:00.000Z'],
			['2025-01-15T09:30:00-0500', '2025-01-15T14:30:00.000Z'],
			['2025-01-15T16:30:00+02', '2025-01-15T14:30:00.000Z'],
		]) {
			const json = eventOf(insimUrl(PATH, 'message', { ...DOC.sms, date }));
			expect({ date, occurredAt: json.occurredAt }).toEqual({ date, occurredAt: iso });
			// The zone option only applies to wall times.
			expect(eventOf(insimUrl(PATH, 'message', { ...DOC.sms, date }), NEW_YORK).occurredAt).toBe(
				iso,
			);
		}
	});

	test('wall times "YYYY-MM-DD HH:mm:ss" are read in the chosen zone (two zones, winter and summer)', () => {
		const at = (callTime: string, options: DecodeOptions) =>
			eventOf(insimUrl(PATH, 'calls', { ...DOC.call, call_time: callTime }), options).startedAt;
		expect(at('2025-01-15 14:30:00', PARIS)).toBe('2025-01-15T14:30:00+01:00');
		expect(at('2025-07-15 14:30:00', PARIS)).toBe('2025-07-15T14:30:00+02:00');
		expect(at('2025-01-15 14:30:00', NEW_YORK)).toBe('2025-01-15T14:30:00-05:00');
		expect(at('2025-07-15 14:30:00', NEW_YORK)).toBe('2025-07-15T14:30:00-04:00');
		expect(at('2025-01-15 14:30:00', { timeZone: 'UTC', includeRaw: false })).toBe(
			'2025-01-15T14:30:00+00:00',
		);
		expect(at('2025-01-15T14:30', PARIS)).toBe('2025-01-15T14:30:00+01:00');
		expect(at('2025-01-15 14:30:00.250', PARIS)).toBe('2025-01-15T14:30:00+01:00');
	});

	test('click and qualification dates follow the zone as well', () => {
		expect(eventOf(insimUrl(PATH, 'clics', DOC.click), NEW_YORK).clickedAt).toBe(
			'2025-01-15T14:35:00-05:00',
		);
		expect(eventOf(insimUrl(PATH, 'qualification', DOC.qualification), NEW_YORK).qualifiedAt).toBe(
			'2025-01-15T14:40:00-05:00',
		);
	});

	test('daylight saving days: a repeated hour takes its first pass, a skipped hour is unreadable', () => {
		const at = (callTime: string) =>
			eventOf(insimUrl(PATH, 'calls', { ...DOC.call, call_time: callTime }));
		expect(at('2025-10-26 01:59:59').occurredAt).toBe('2025-10-26T01:59:59+02:00');
		expect(at('2025-10-26 02:30:00').occurredAt).toBe('2025-10-26T02:30:00+02:00');
		expect(at('2025-10-26 03:00:00').occurredAt).toBe('2025-10-26T03:00:00+01:00');
		expect(at('2025-03-30 01:59:59').occurredAt).toBe('2025-03-30T01:59:59+01:00');
		expect(at('2025-03-30 03:00:00').occurredAt).toBe('2025-03-30T03:00:00+02:00');
		expect(at('2025-03-30 02:30:00')).toMatchObject({
			occurredAt: null,
			occurredAtRaw: '2025-03-30 02:30:00',
			startedAt: null,
		});
	});

	test.each([
		'yesterday',
		'2025-13-01 10:00:00',
		'2025-02-30 10:00:00',
		'2025-01-15 24:00:00',
		'2025-01-15 14:60:00',
		'2025-01-15T14:30:00+25:00',
		'15/01/2025 14:30',
		'2025-01-15',
		'1969-12-31T23:59:59Z',
		'99999-01-01T00:00:00Z',
	])('an unreadable date %j: occurredAt null, occurredAtRaw kept, still an event', (date) => {
		const json = eventOf(insimUrl(PATH, 'qualification', { ...DOC.qualification, date }));
		expect(json).toMatchObject({ occurredAt: null, occurredAtRaw: date, qualifiedAt: null });
	});

	test('a date given as a number is kept raw (no unit is guessed)', () => {
		const json = eventOf(insimUrl(PATH, 'message', { ...DOC.sms, date: 1736951400000 }));
		expect(json).toMatchObject({ occurredAt: null, occurredAtRaw: 1736951400000 });
	});

	test('a missing date: occurredAt null without occurredAtRaw', () => {
		const { date: _omitted, ...undated } = DOC.sms;
		const json = eventOf(insimUrl(PATH, 'message', undated));
		expect(json.occurredAt).toBeNull();
		expect(json).not.toHaveProperty('occurredAtRaw');
	});

	test('an unknown time zone leaves wall times unread, ISO dates unaffected', () => {
		const bad: DecodeOptions = { timeZone: 'Mars/Olympus_Mons', includeRaw: false };
		expect(eventOf(insimUrl(PATH, 'calls', DOC.call), bad)).toMatchObject({
			occurredAt: null,
			occurredAtRaw: '2025-01-15 14:30:00',
		});
		expect(eventOf(insimUrl(PATH, 'message', DOC.sms), bad).occurredAt).toBe(
			'2025-01-15T14:30:00.000Z',
		);
	});

	test('call_time wins over date; date is the fallback', () => {
		const both = { ...DOC.call, date: '2025-01-16 09:00:00' };
		expect(eventOf(insimUrl(PATH, 'calls', both)).startedAt).toBe('2025-01-15T14:30:00+01:00');
		const { call_time: _omitted, ...onlyDate } = both;
		expect(eventOf(insimUrl(PATH, 'calls', onlyDate)).startedAt).toBe('2025-01-16T09:00:00+01:00');
	});
});

const TRICKY_TEXTS = [
	'50% off',
	'100%',
	'%',
	'%%',
	'%25',
	'%E9',
	'%zz',
	'a%20b stays a%20b',
	'Crème brûlée à 5 € — déjà réservé, ç’est noté « merci »',
	'emoji 😀👍🏽🇫🇷 and ZWJ 👨‍👩‍👧',
	'line 1\nline 2\r\nline 3\ttab',
	'Tom & Jerry & co',
	'a=b&c=d',
	'1+1=2, +33 6 12',
	'#hashtag #1',
	'"double" \'single\' `back`',
	'question? yes?? ?message=x',
	'back\\slash and /slash',
	'{"looks":"like json"}',
	'<script>alert(1)</script>',
	'   leading and trailing   ',
	'',
	'日本語のテキスト、한국어, العربية, עברית',
	'\u0000 nul and \u001f control',
	'x'.repeat(2000),
];

describe('texts survive the trip whatever they contain', () => {
	test.each(TRICKY_TEXTS.map((text) => [text.slice(0, 40), text]))('%j', (_label, text) => {
		const sms = { ...DOC.sms, message: text };
		expect(eventOf(insimUrl(PATH, 'message', sms)).text).toBe(text);
		// Callback URL with its own query: two '?'.
		expect(eventOf(insimUrl(`${PATH}?secret=S3cr3t`, 'message', sms)).text).toBe(text);
		const qualification = { ...DOC.qualification, qualification: text };
		expect(eventOf(insimUrl(PATH, 'qualification', qualification)).qualification).toBe(text);
		// The value already decoded once by a framework (req.query): parsed first, never re-decoded.
		expect(decoded('message', JSON.stringify(sms)).text).toBe(text);
	});

	test('the vendor sample pattern (decode twice) throws on "50% off"; ours does not', () => {
		const value = JSON.stringify({ ...DOC.sms, message: '50% off' });
		expect(() => decodeURIComponent(value)).toThrow(URIError);
		expect(decoded('message', value).text).toBe('50% off');
	});

	test('a value still percent-encoded (not decoded by anyone) is decoded once more', () => {
		const encoded = encodeURIComponent(JSON.stringify({ ...DOC.sms, message: '50% off & more' }));
		expect(decoded('message', encoded).text).toBe('50% off & more');
	});

	test('a parsed object is accepted as is', () => {
		expect(decoded('calls', { ...DOC.call })).toMatchObject({ event: 'call.incoming' });
	});
});

describe('extractEventParams: the raw query', () => {
	test('a callback URL with a secret: "?secret=S3cr3t?message=…"', () => {
		const url = insimUrl(`${PATH}?secret=S3cr3t`, 'message', DOC.sms);
		expect(url).toContain('?secret=S3cr3t?message=%7B');
		const extracted = extractEventParams(url);
		expect(extracted.secret).toBe('S3cr3t');
		expect(extracted.unknownParams).toEqual([]);
		expect(extracted.params).toEqual([{ param: 'message', value: JSON.stringify(DOC.sms) }]);
	});

	test('secret and event in the usual form "?secret=S&message=…", in either order', () => {
		const payload = encodeURIComponent(JSON.stringify(DOC.call));
		for (const url of [
			`${PATH}?secret=S3cr3t&calls=${payload}`,
			`${PATH}?calls=${payload}&secret=S3cr3t`,
		]) {
			const extracted = extractEventParams(url);
			expect(extracted.secret).toBe('S3cr3t');
			expect(extracted.params).toHaveLength(1);
			expect(decoded(extracted.params[0].param, extracted.params[0].value).event).toBe(
				'call.incoming',
			);
		}
	});

	test('secret: name is exactly "secret", percent-decoded value, first one wins', () => {
		expect(extractEventParams(`${PATH}?secret=a%2Db`).secret).toBe('a-b');
		expect(extractEventParams(`${PATH}?secret=first&secret=second`).secret).toBe('first');
		expect(extractEventParams(`${PATH}?secret=`).secret).toBe('');
		expect(extractEventParams(`${PATH}?secret`).secret).toBe('');
		const upper = extractEventParams(`${PATH}?SECRET=x`);
		expect(upper.secret).toBeUndefined();
		expect(upper.unknownParams).toEqual(['SECRET']);
		expect(extractEventParams(PATH).secret).toBeUndefined();
	});

	test('other parameters are listed, decoded, once each', () => {
		const url = insimUrl(
			`${PATH}?utm_source=sms&x%20y=1&utm_source=again&&=novalue`,
			'message',
			DOC.sms,
		);
		const extracted = extractEventParams(url);
		expect(extracted.unknownParams).toEqual(['utm_source', 'x y']);
		expect(extracted.params).toHaveLength(1);
	});

	test('unknown parameter names are bounded in number and length', () => {
		const names = Array.from({ length: 500 }, (_, index) => `p${index}=${index}`).join('&');
		const extracted = extractEventParams(`${PATH}?${names}&${'n'.repeat(5000)}=1`);
		expect(extracted.unknownParams).toHaveLength(50);
		const long = extractEventParams(`${PATH}?${'n'.repeat(5000)}=1`);
		expect(long.unknownParams[0]).toHaveLength(100);
	});

	test('no query, empty query, bare "?"', () => {
		for (const url of [PATH, `${PATH}?`, `${PATH}??`, `${PATH}?&&`, '', '?']) {
			expect(extractEventParams(url)).toEqual({ params: [], unknownParams: [] });
		}
	});

	test('several event parameters are all returned, in order', () => {
		const url = insimUrl(insimUrl(PATH, 'message', DOC.sms), 'status', DOC.status);
		const results = deliver(url);
		expect(results.map((result) => result.ok && result.event)).toEqual([
			'sms.received',
			'sms.delivered',
		]);
	});

	test('a literal "+" in the query stays a "+" (inSIM sends %2B; "+" is not a space here)', () => {
		const raw = `${PATH}?message={"title":"incoming_sms","from":"+33612345678","message":"1+1"}`;
		expect(eventOf(raw)).toMatchObject({ phoneNumber: '+33612345678', text: '1+1' });
	});

	test('a malformed percent escape does not throw: what can be decoded is, the rest kept', () => {
		expect(safeDecode('100%')).toBe('100%');
		expect(safeDecode('%zz%41')).toBe('%zzA');
		expect(safeDecode('caf%C3%A9 %C3 %E2%82%AC %E2%82 %F0%9F%98%80 %FF')).toBe(
			'café %C3 € %E2%82 😀 %FF',
		);
		const extracted = extractEventParams(`${PATH}?message=%7B%22a%22%3A%2250%%22&x%E0=1`);
		expect(extracted.params).toEqual([{ param: 'message', value: '{"a":"50%"' }]);
		expect(extracted.unknownParams).toEqual(['x%E0']);
	});

	test('a truncated URL yields a refusal, not an exception', () => {
		const url = insimUrl(PATH, 'message', DOC.sms);
		for (let cut = url.indexOf('=') + 1; cut < url.length; cut += 7) {
			for (const result of deliver(url.slice(0, cut))) expect(result.ok).toBe(false);
		}
	});
});

describe('extractEventParams: POST bodies', () => {
	test('an object body keyed by parameter, value an object or JSON text', () => {
		expect(eventOf(PATH, PARIS, { message: DOC.sms })).toMatchObject({ event: 'sms.received' });
		expect(eventOf(PATH, PARIS, { calls: JSON.stringify(DOC.call) })).toMatchObject({
			event: 'call.incoming',
		});
		expect(eventOf(PATH, PARIS, { CLICS: DOC.click }).event).toBe('link.clicked');
		expect(eventOf(`${PATH}?secret=S3cr3t`, PARIS, { status: DOC.status }).event).toBe(
			'sms.delivered',
		);
	});

	test('a form body parsed by the framework: value is percent-decoded JSON text', () => {
		const body = { qualification: JSON.stringify(DOC.qualification), foo: 'bar' };
		const extracted = extractEventParams(PATH, body);
		expect(extracted.params).toHaveLength(1);
		expect(extracted.unknownParams).toEqual(['foo']);
		expect(eventOf(PATH, PARIS, body).event).toBe('call.qualified');
	});

	test('a bare payload posted on its own is one event of the matching parameter', () => {
		expect(eventOf(PATH, PARIS, DOC.sms).event).toBe('sms.received');
		expect(eventOf(PATH, PARIS, DOC.call).event).toBe('call.incoming');
		expect(eventOf(PATH, PARIS, DOC.status).event).toBe('sms.delivered');
		expect(eventOf(PATH, PARIS, DOC.click).event).toBe('link.clicked');
		expect(eventOf(PATH, PARIS, DOC.qualification).event).toBe('call.qualified');
		expect(eventOf(PATH, PARIS, upperKeys(DOC.call)).event).toBe('call.incoming');
		expect(extractEventParams(PATH, DOC.status).params[0].param).toBe('status');
	});

	test('inSIM POST: same payload in the query and the body → one event, not two', () => {
		for (const [param, payload] of [
			['message', DOC.sms],
			['calls', DOC.call],
			['status', DOC.status],
			['clics', DOC.click],
			['qualification', DOC.qualification],
		] as const) {
			const url = insimUrl(`${PATH}?secret=S3cr3t`, param, payload);
			expect(deliver(url, { ...payload })).toHaveLength(1);
			expect(deliver(url, JSON.stringify(payload))).toHaveLength(1);
			expect(deliver(url, { [param]: payload })).toHaveLength(1);
		}
	});

	test('a body key does not count twice when the query already has that parameter', () => {
		const url = insimUrl(PATH, 'message', DOC.sms);
		const extracted = extractEventParams(url, { message: DOC.sms, calls: DOC.call });
		expect(extracted.params.map((entry) => entry.param)).toEqual(['message', 'calls']);
	});

	test('a JSON text body, bag or bare payload', () => {
		expect(eventOf(PATH, PARIS, JSON.stringify({ message: DOC.sms })).event).toBe('sms.received');
		expect(eventOf(PATH, PARIS, `  ${JSON.stringify(DOC.status)}\n`).event).toBe('sms.delivered');
		expect(eventOf(PATH, PARIS, JSON.stringify({ calls: JSON.stringify(DOC.call) })).event).toBe(
			'call.incoming',
		);
	});

	test('a raw form body "a=b&c=d": percent-decoded, "+" is a space', () => {
		const text = 'Rendez-vous confirmé + 50% off';
		const encoded = encodeURIComponent(JSON.stringify({ ...DOC.sms, message: text }));
		expect(eventOf(PATH, PARIS, `message=${encoded}&x=1`).text).toBe(text);
		const spaced = `message=${encoded.replace(/%20/g, '+')}`;
		expect(eventOf(PATH, PARIS, spaced).text).toBe(text);
	});

	test('a secret in the body is not a secret (it must be in the URL)', () => {
		const extracted = extractEventParams(PATH, { secret: 'S3cr3t', message: DOC.sms });
		expect(extracted.secret).toBeUndefined();
		expect(extracted.unknownParams).toEqual(['secret']);
	});

	test('bodies that carry nothing', () => {
		for (const body of [
			undefined,
			null,
			{},
			[],
			'',
			'   ',
			'{not json',
			'[1,2]',
			42,
			true,
			{ foo: 1 },
			'foo=bar',
			{ title: 'voicemail', phone_number: '+33612345678' },
		]) {
			const extracted = extractEventParams(PATH, body);
			expect(extracted.params).toEqual([]);
		}
	});

	test('an SMS whose own text starts with "{" is still one bare payload', () => {
		const payload = { ...DOC.sms, message: '{curly} text' };
		expect(eventOf(PATH, PARIS, payload).text).toBe('{curly} text');
	});
});

describe('refusals', () => {
	test.each([
		['calls', { ...DOC.call, title: 'voicemail' }, 'unknown title "voicemail"'],
		['calls', { ...DOC.call, title: '' }, 'has no title'],
		['calls', { phone_number: '+33612345678', duration: '0' }, 'has no title'],
		['call', { ...DOC.call, title: 'incoming_sms' }, 'unknown title "incoming_sms"'],
		['message', { ...DOC.sms, title: 'outgoing_sms' }, 'title "outgoing_sms"'],
		['message', { from: '+33612345678' }, 'neither a title nor a message'],
		['message', {}, 'neither a title nor a message'],
		['status', { ...DOC.status, status: 'failed' }, 'unknown status "failed"'],
		['status', { id_sms_api: 'x' }, 'has no status'],
		['clics', { ...DOC.click, title: 'opened' }, 'title "opened"'],
		['clics', { phone_number: '+33612345678' }, 'not an inSIM link click'],
		['qualification', { ...DOC.qualification, title: 'call_rating' }, 'unknown title'],
		['qualification', { from: '+33612345678' }, 'neither a title nor a qualification'],
		['calls', { ...DOC.call, title: 'constructor' }, 'unknown title "constructor"'],
		['qualification', { ...DOC.qualification, title: 'toString' }, 'unknown title "tostring"'],
	])('%s %j → %s', (param, payload, reason) => {
		expect(reasonOf(param, JSON.stringify(payload))).toContain(reason);
		expect(reasonOf(param, payload)).toContain(reason);
	});

	test.each([
		['', 'is empty'],
		['   ', 'is empty'],
		['42', 'not a JSON object (got a number)'],
		['"text"', 'not a JSON object (got a string)'],
		['[1,2]', 'not a JSON object (got an array)'],
		['null', 'not a JSON object (got null)'],
		['true', 'not a JSON object (got a boolean)'],
		['{broken', 'is not JSON'],
		['Hi there', 'is not JSON'],
		['%7Bbroken', 'is not JSON'],
		['a=b', 'is not JSON'],
	])('value %j → %s', (value, reason) => {
		expect(reasonOf('message', value)).toContain(reason);
	});

	test('non-text values', () => {
		expect(reasonOf('message', 42)).toContain('got a number');
		expect(reasonOf('message', null)).toContain('got null');
		expect(reasonOf('message', undefined)).toContain('got nothing');
		expect(reasonOf('message', [DOC.sms])).toContain('got an array');
	});

	test('an unknown parameter name', () => {
		expect(reasonOf('voicemail', JSON.stringify(DOC.call))).toBe(
			'"voicemail" is not an inSIM event parameter',
		);
		expect(reasonOf('secret', 'S3cr3t')).toContain('not an inSIM event parameter');
	});

	test('a value whose getters throw is refused, not thrown', () => {
		const hostile = {
			get title(): string {
				throw new Error('boom');
			},
		};
		expect(reasonOf('message', hostile)).toContain('could not be decoded');
		expect(() => extractEventParams(PATH, hostile)).not.toThrow();
	});
});

describe('option lists and tables', () => {
	test('EVENT_PARAMS: the five parameters and the two legacy ones', () => {
		expect([...EVENT_PARAMS].sort()).toEqual(
			['call', 'calls', 'click', 'clics', 'message', 'qualification', 'status'].sort(),
		);
	});

	test('EVENT_OPTIONS: one per event, the agreed names, sorted by name', () => {
		expect(EVENT_OPTIONS.map((option) => [option.name, option.value])).toEqual([
			['Call Incoming', 'call.incoming'],
			['Call Missed', 'call.missed'],
			['Call Outgoing', 'call.outgoing'],
			['Call Qualified', 'call.qualified'],
			['Delivery Status: Delivered', 'sms.delivered'],
			['Delivery Status: Sent', 'sms.sent'],
			['Link Clicked', 'link.clicked'],
			['SMS Received', 'sms.received'],
		]);
		const names = EVENT_OPTIONS.map((option) => option.name);
		expect(names).toEqual([...names].sort((left, right) => left.localeCompare(right)));
		for (const option of EVENT_OPTIONS) expect(option.description.length).toBeGreaterThan(10);
	});

	test('DASHBOARD_EVENT_KEYS: each event to its dashboard callback', () => {
		expect(DASHBOARD_EVENT_KEYS).toEqual({
			'sms.received': 'incoming_sms',
			'call.incoming': 'call_events',
			'call.outgoing': 'call_events',
			'call.missed': 'call_events',
			'sms.sent': 'delivery_status',
			'sms.delivered': 'delivery_status',
			'link.clicked': 'link_clicks',
			'call.qualified': 'call_qualifications',
		});
		expect(Object.keys(DASHBOARD_EVENT_KEYS).sort()).toEqual(
			EVENT_OPTIONS.map((option) => option.value).sort(),
		);
	});

	test('every event the decoder can emit is an option', () => {
		const values = new Set(EVENT_OPTIONS.map((option) => option.value));
		const emitted = [
			decoded('message', DOC.sms),
			decoded('calls', DOC.call),
			decoded('calls', { ...DOC.call, title: 'outgoing_call' }),
			decoded('calls', { ...DOC.call, title: 'missed_call' }),
			decoded('status', DOC.status),
			decoded('status', { ...DOC.status, status: 'sent' }),
			decoded('clics', DOC.click),
			decoded('qualification', DOC.qualification),
		].map((json) => json.event);
		expect(new Set(emitted)).toEqual(values);
	});
});
