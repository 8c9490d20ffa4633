// Real HTTP against a started simulator: it has to behave like inSIM (insim-api.md sections 1-3).
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Agent, request } from 'undici';
import { SegmentedMessage } from 'sms-segments-calculator';

import { prng } from '../support/random';
import { parseCliArgs, READY_PREFIX } from './cli';
import {
	DEMO_ACCOUNT,
	FREE_DEMO_ACCOUNT,
	buildCallPayload,
	buildCallQualificationPayload,
	buildDeliveryStatusPayload,
	buildIncomingSmsPayload,
	buildLinkClickPayload,
	buildWebhookUrl,
	countSmsParts,
	startSimulator,
	toLegacyUpperCaseKeys,
	type FaultKind,
	type SimAccount,
	type Simulator,
} from './index';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INSIM_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SHORT_LINK = /https:\/\/arsms\.co\/[A-Za-z0-9]{12}/;
const INACTIVE_ACCOUNT: SimAccount = {
	login: 'inactive@insim.test',
	accessKey: 'sim-access-key-inactive',
	plan: 'premium',
	active: false,
};
const SECOND_PREMIUM: SimAccount = {
	login: 'second@insim.test',
	accessKey: 'sim-access-key-second',
	plan: 'premium',
	smsCredits: 50,
};
const ALL_ACCOUNTS = [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT, INACTIVE_ACCOUNT, SECOND_PREMIUM];

interface HttpAnswer {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	json: unknown;
}

// A private agent so no keep-alive socket outlives the tests.
const agent = new Agent({ keepAliveTimeout: 100 });

async function call(
	url: string,
	init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: string; headersTimeout?: number } = {},
): Promise<HttpAnswer> {
	const response = await request(url, {
		dispatcher: agent,
		method: init.method ?? 'POST',
		headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
		body: init.body,
		headersTimeout: init.headersTimeout,
	});
	const text = await response.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return {
		status: response.statusCode,
		headers: response.headers as IncomingHttpHeaders,
		text,
		json,
	};
}

function postJson(sim: Simulator, apiPath: string, body: unknown): Promise<HttpAnswer> {
	return call(sim.baseUrl + apiPath, { body: JSON.stringify(body) });
}

const demoHeader = { login: DEMO_ACCOUNT.login, accessKey: DEMO_ACCOUNT.accessKey };

function sendSms(
	sim: Simulator,
	messages: unknown[],
	header: Record<string, unknown> = demoHeader,
): Promise<HttpAnswer> {
	return postJson(sim, '/v1/sendsms', { header, messages });
}

function oneMessage(phone = '+33612345678', message = 'Hello'): unknown[] {
	return [{ phone_number: phone, message }];
}

type Row = Record<string, unknown>;
const rows = (answer: HttpAnswer): Row[] => answer.json as Row[];

/** A tiny 127.0.0.1 receiver that keeps the raw request target of every hit. */
interface Receiver {
	url: string;
	hits: Array<{ method: string; rawUrl: string; body: string }>;
	close(): Promise<void>;
	waitForHits(count: number): Promise<void>;
}

async function startReceiver(status = 200): Promise<Receiver> {
	const hits: Receiver['hits'] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			hits.push({
				method: req.method ?? '',
				rawUrl: req.url ?? '',
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end('received');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hits,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
		waitForHits: async (count) => {
			const deadline = Date.now() + 5000;
			while (hits.length < count) {
				if (Date.now() > deadline) throw new Error(`only ${hits.length}/${count} webhook hits`);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
	};
}

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ accounts: ALL_ACCOUNTS });
});

beforeEach(() => {
	sim.reset();
	sim.setOptions({
		latencyMs: 0,
		badCredentialsStatus: 401,
		rateLimitPerSecond: 0,
		failPhoneNumbers: [],
		singleObjectResponse: false,
		phoneConnected: true,
		autoDeliveryReports: false,
	});
});

afterAll(async () => {
	await sim.close();
	await agent.close();
});

describe('startup', () => {
	it('listens on a random 127.0.0.1 port and exposes the base URL under /api', () => {
		expect(sim.port).toBeGreaterThan(0);
		expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`);
		expect(sim.baseUrl).toBe(`http://127.0.0.1:${sim.port}/api`);
	});

	it('has the documented demo account', () => {
		expect(DEMO_ACCOUNT).toEqual({
			login: 'demo@insim.test',
			accessKey: 'sim-access-key-demo-0001',
			plan: 'premium',
			smsCredits: 10000,
			active: true,
		});
	});

	it('uses DEMO_ACCOUNT when no accounts are given', async () => {
		const plain = await startSimulator();
		try {
			const answer = await postJson(plain, '/v2/account', demoHeader);
			expect(answer.status).toBe(200);
			expect(answer.json).toMatchObject({ success: true, account: { login: DEMO_ACCOUNT.login } });
		} finally {
			await plain.close();
		}
	});
});

describe('countSmsParts (what sms_per_message bills)', () => {
	test('its fast path for plain texts agrees with sms-segments-calculator', () => {
		const random = prng(2026);
		// Plain characters, then the ones that must go to the library: GSM-7 extension, accents, emoji.
		const plain = 'abcXYZ 0189.,;:!?\'"()-+*/=<>@#$%&_\n'.split('');
		const others = [
			'{',
			'}',
			'[',
			']',
			'~',
			'|',
			'\\',
			'^',
			'€',
			'é',
			'ç',
			'😀',
			'\u2019',
			'\u00a0',
		];
		for (let sample = 0; sample < 3000; sample++) {
			const length = random.int(480);
			let text = '';
			for (let index = 0; index < length; index++) {
				text += random.chance(0.005) ? random.pick(others) : random.pick(plain);
			}
			expect({ text, parts: countSmsParts(text) }).toEqual({
				text,
				parts: new SegmentedMessage(text).segmentsCount,
			});
		}
	});
});

describe('POST /v1/sendsms', () => {
	it('answers an array in request order with the documented fields', async () => {
		const answer = await sendSms(sim, [
			{ phone_number: '+33612345678', message: 'First', id_sms_api: 'my-own-id-1' },
			{ phone_number: '+447700900123', message: 'Second', priorite: 2 },
		]);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toContain('application/json');
		const [first, second] = rows(answer);
		expect(rows(answer)).toHaveLength(2);
		expect(first).toEqual({
			id_sms_api: 'my-own-id-1',
			sms_per_message: 1,
			user: DEMO_ACCOUNT.login,
			sent_time: expect.stringMatching(ISO_DATE),
			phone_number: '+33612345678',
			message: 'First',
			sent: 1,
		});
		expect(second.phone_number).toBe('+447700900123');
		expect(second.id_sms_api).toMatch(/^[A-Za-z0-9]{15}$/);
		expect(second.sent).toBe(1);

		const [record] = sim.requests;
		expect(record).toMatchObject({
			method: 'POST',
			path: '/v1/sendsms',
			url: '/api/v1/sendsms',
			status: 200,
			processed: true,
		});
		expect(record.fault).toBeUndefined();
		expect(record.body).toEqual(JSON.parse(record.rawBody));
		expect(record.acceptedMessages).toEqual([
			{ id_sms_api: 'my-own-id-1', phone_number: '+33612345678', message: 'First' },
			{ id_sms_api: second.id_sms_api, phone_number: '+447700900123', message: 'Second' },
		]);
		expect(sim.sentMessages().map((m) => [m.id_sms_api, m.requestSeq, m.priorite])).toEqual([
			['my-own-id-1', record.seq, undefined],
			[second.id_sms_api, record.seq, 2],
		]);
	});

	it('keeps priorite/priority, date_to_send and url, and reads the schedule as UTC', async () => {
		const answer = await sendSms(sim, [
			{
				phone_number: '+33612345678',
				message: 'Confirm here: [link]',
				url: 'https://example.com/confirm',
				priority: 0,
				date_to_send: '2025-10-29 10:00:00',
			},
		]);
		expect(rows(answer)[0].sent_time).toBe('2025-10-29T10:00:00.000Z');
		expect(sim.sentMessages()[0]).toMatchObject({
			priorite: 0,
			date_to_send: '2025-10-29 10:00:00',
			url: 'https://example.com/confirm',
		});
	});

	it('rejects a date_to_send that is not "YYYY-MM-DD HH:mm:ss"', async () => {
		const answer = await sendSms(sim, [
			{ phone_number: '+33612345678', message: 'x', date_to_send: '2025-10-29T10:00:00Z' },
		]);
		expect(rows(answer)[0]).toMatchObject({
			sent: 0,
			error: expect.stringContaining('date_to_send'),
		});
		expect(sim.sentMessages()).toHaveLength(0);
	});

	it('replaces [link] and the legacy [Lien_Tracking] by a 29-char arsms.co link', async () => {
		const answer = await sendSms(sim, [
			{ phone_number: '+33612345678', message: 'Go: [link]', url: 'https://example.com/a' },
			{
				phone_number: '+33612345678',
				message: 'Old: [Lien_Tracking]',
				url: 'https://example.com/b',
			},
			{ phone_number: '+33612345678', message: 'No url: [link]' },
		]);
		const [modern, legacy, untouched] = rows(answer);
		const link = (modern.message as string).slice('Go: '.length);
		expect(link).toMatch(new RegExp(`^${SHORT_LINK.source}$`));
		expect(link).toHaveLength(29);
		expect(legacy.message).toMatch(new RegExp(`^Old: ${SHORT_LINK.source}$`));
		expect(untouched.message).toBe('No url: [link]');
		expect(sim.sentMessages()[0]).toMatchObject({ message: modern.message, short_url: link });
	});

	it.each([
		['160 GSM chars', 'a'.repeat(160), 1],
		['161 GSM chars', 'a'.repeat(161), 2],
		['80 euro signs (escape pairs, 160 septets)', '€'.repeat(80), 1],
		['81 euro signs', '€'.repeat(81), 2],
		['one emoji (UCS-2)', 'Bonjour 😀', 1],
		['35 emoji = 70 UTF-16 units', '😀'.repeat(35), 1],
		['36 emoji = 72 UTF-16 units', '😀'.repeat(36), 2],
		['71 ç (UCS-2)', 'ç'.repeat(71), 2],
	])('counts sms_per_message for %s', async (_label, text, parts) => {
		const answer = await sendSms(sim, oneMessage('+33612345678', text));
		expect(rows(answer)[0]).toMatchObject({ sent: 1, sms_per_message: parts, message: text });
	});

	it('counts the link after replacement', async () => {
		// 140 + 29 = 169 GSM chars -> 2 parts, although the text sent is 136 chars long.
		const text = 'a'.repeat(140) + '[link]';
		const answer = await sendSms(sim, [
			{ phone_number: '+33612345678', message: text, url: 'https://example.com' },
		]);
		expect(rows(answer)[0].sms_per_message).toBe(2);
	});

	it('fails single messages (sent:0 with an error) without failing the others', async () => {
		sim.setOptions({ failPhoneNumbers: ['+33699999999'] });
		const answer = await sendSms(sim, [
			{ phone_number: '0612345678', message: 'national format' },
			{ phone_number: '+33 6 12 34 56 78', message: 'spaces' },
			{ phone_number: '+0612345678', message: 'leading zero' },
			{ phone_number: '+33612345678', message: '' },
			{ phone_number: '+33699999999', message: 'fails on the phone' },
			{ message: 'no phone' },
			'not an object',
			{ phone_number: '+33612345678', message: 'ok' },
		]);
		expect(answer.status).toBe(200);
		const results = rows(answer);
		expect(results.map((r) => r.sent)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
		for (const failed of results.slice(0, 7)) {
			expect(typeof failed.error).toBe('string');
			expect(failed.sms_per_message).toBe(0);
		}
		expect(results[0].phone_number).toBe('0612345678');
		expect(sim.requests[0].acceptedMessages.map((m) => m.message)).toEqual(['ok']);
		expect(sim.sentMessages()).toHaveLength(1);
	});

	it.each([
		['missing', {}],
		['not an array', { messages: { phone_number: '+33612345678', message: 'x' } }],
	])('answers 400 success:false when messages is %s', async (_label, extra) => {
		const answer = await postJson(sim, '/v1/sendsms', { header: demoHeader, ...extra });
		expect(answer.status).toBe(400);
		expect(answer.json).toMatchObject({ success: false, error: expect.any(String) });
		expect(sim.sentMessages()).toHaveLength(0);
	});

	it('answers a single object for one message when singleObjectResponse is on', async () => {
		sim.setOptions({ singleObjectResponse: true });
		const single = await sendSms(sim, oneMessage());
		expect(Array.isArray(single.json)).toBe(false);
		expect(single.json).toMatchObject({ sent: 1, phone_number: '+33612345678' });
		const two = await sendSms(sim, [...oneMessage(), ...oneMessage('+33612345679')]);
		expect(Array.isArray(two.json)).toBe(true);
	});

	it('appends the free-plan footer before counting', async () => {
		const freeHeader = { login: FREE_DEMO_ACCOUNT.login, accessKey: FREE_DEMO_ACCOUNT.accessKey };
		const answer = await sendSms(
			sim,
			[
				{ phone_number: '+33612345678', message: 'a'.repeat(144) },
				{ phone_number: '+33612345678', message: 'a'.repeat(145) },
			],
			freeHeader,
		);
		const [fits, overflows] = rows(answer);
		expect(fits.message).toBe('a'.repeat(144) + '\nSent with inSIM');
		expect(fits.sms_per_message).toBe(1);
		expect(overflows.sms_per_message).toBe(2);
		expect(fits.user).toBe(FREE_DEMO_ACCOUNT.login);
	});

	it('refuses an inactive account', async () => {
		const answer = await sendSms(sim, oneMessage(), {
			login: INACTIVE_ACCOUNT.login,
			accessKey: INACTIVE_ACCOUNT.accessKey,
		});
		expect(answer.status).toBe(403);
		expect(answer.json).toMatchObject({ success: false, error_code: 'ACCOUNT_INACTIVE' });
		expect(sim.sentMessages()).toHaveLength(0);
	});

	it('spends credits and fails messages once they run out', async () => {
		const header = { login: SECOND_PREMIUM.login, accessKey: SECOND_PREMIUM.accessKey };
		await sendSms(sim, oneMessage('+33612345678', 'a'.repeat(161)), header); // 2 credits
		const account = await postJson(sim, '/v2/account', header);
		expect(account.json).toMatchObject({ account: { sms_credits: 48 } });
		const many = Array.from({ length: 49 }, () => ({ phone_number: '+33612345678', message: 'x' }));
		const answer = await sendSms(sim, many, header);
		expect(rows(answer).filter((r) => r.sent === 1)).toHaveLength(48);
		expect(rows(answer)[48]).toMatchObject({ sent: 0, error: expect.stringContaining('credits') });
	});
});

describe('bad credentials', () => {
	const attempts: Array<[string, string, unknown]> = [
		[
			'a wrong access key',
			'/v1/sendsms',
			{ header: { ...demoHeader, accessKey: 'WRONG-KEY-123' }, messages: oneMessage() },
		],
		[
			'an unknown login',
			'/v1/sendsms',
			{ header: { login: 'nobody@x.test', accessKey: 'WRONG-KEY-123' }, messages: oneMessage() },
		],
		['a missing header', '/v1/sendsms', { messages: oneMessage() }],
		['v2 flat credentials on v1', '/v1/contact', { ...demoHeader, contacts: [] }],
		['v1 header credentials on v2', '/v2/account', { header: demoHeader }],
		[
			'a wrong key on click-to-call',
			'/v1/clictocall',
			{
				header: {
					login: demoHeader.login,
					accessKey: 'WRONG-KEY-123',
					type: 'clicToCall',
					phone_number: '+33612345678',
				},
			},
		],
		[
			'a wrong key on v2',
			'/v2/account/webhooks',
			{ login: demoHeader.login, accessKey: 'WRONG-KEY-123', action: 'get' },
		],
	];

	it.each(attempts)('answers 401 INVALID_CREDENTIALS for %s', async (_label, apiPath, body) => {
		const answer = await postJson(sim, apiPath, body);
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({
			success: false,
			error: 'Invalid login or access key',
			error_code: 'INVALID_CREDENTIALS',
		});
		expect(answer.text).not.toContain('WRONG-KEY-123');
		expect(answer.text).not.toContain(DEMO_ACCOUNT.accessKey);
		expect(sim.sentMessages()).toHaveLength(0);
		expect(sim.requests[0]).toMatchObject({ status: 401, acceptedMessages: [] });
	});

	it('can answer bad credentials with 200 (the real status is undocumented)', async () => {
		sim.setOptions({ badCredentialsStatus: 200 });
		const v1 = await sendSms(sim, oneMessage(), { ...demoHeader, accessKey: 'nope' });
		const v2 = await postJson(sim, '/v2/account', { login: demoHeader.login, accessKey: 'nope' });
		for (const answer of [v1, v2]) {
			expect(answer.status).toBe(200);
			expect(answer.json).toMatchObject({ success: false, error_code: 'INVALID_CREDENTIALS' });
		}
		expect(sim.sentMessages()).toHaveLength(0);
	});
});

describe('POST /v1/contact', () => {
	it('returns success rows, failed rows with #001-#003 and the #004 warning', async () => {
		const answer = await postJson(sim, '/v1/contact', {
			header: demoHeader,
			contacts: [
				{
					firstname: 'John',
					lastname: 'Doe',
					phone_number: '+33612345678',
					email: 'john.doe@example.com',
					adress: '123 Main Street',
				},
				{ firstname: 'Bad', lastname: 'Phone', phone_number: '0612345678' },
				{ firstname: 'Empty', lastname: 'Phone', phone_number: '' },
				{ firstname: 'No', lastname: 'Phone' },
				{ firstname: 'Bad', lastname: 'Mail', phone_number: '+33612345679', email: 'not-an-email' },
				{ firstname: 'Both', lastname: 'Bad', phone_number: 'abc', email: 'nope@' },
			],
		});
		expect(answer.status).toBe(200);
		const contact = (answer.json as { data: { contact: Row[] } }).data.contact;
		expect(contact).toEqual([
			{ firstname: 'John', lastname: 'Doe', phonenumber: '+33612345678', result: 'success' },
			{
				first_name: 'Bad',
				last_name: 'Phone',
				phone_number: '0612345678',
				result: 'failed',
				errors: ['#001'],
			},
			{
				first_name: 'Empty',
				last_name: 'Phone',
				phone_number: '',
				result: 'failed',
				errors: ['#002'],
			},
			{
				first_name: 'No',
				last_name: 'Phone',
				phone_number: '',
				result: 'failed',
				errors: ['#003'],
			},
			{
				firstname: 'Bad',
				lastname: 'Mail',
				phonenumber: '+33612345679',
				result: 'success',
				errors: ['#004'],
			},
			{
				first_name: 'Both',
				last_name: 'Bad',
				phone_number: 'abc',
				result: 'failed',
				errors: ['#001', '#004'],
			},
		]);
		expect(sim.contacts.map((c) => c.phone_number)).toEqual(['+33612345678', '+33612345679']);
		expect(sim.contacts[0]).toMatchObject({ adress: '123 Main Street', login: DEMO_ACCOUNT.login });
		expect(sim.requests[0].acceptedMessages).toEqual([]);
	});

	it('answers 400 when contacts is not an array', async () => {
		const answer = await postJson(sim, '/v1/contact', { header: demoHeader, contacts: 'John' });
		expect(answer.status).toBe(400);
		expect(answer.json).toMatchObject({ success: false });
		expect(sim.contacts).toHaveLength(0);
	});
});

describe('POST /v1/clictocall', () => {
	const dial = (apiPath: string, extra: Record<string, unknown>): Promise<HttpAnswer> =>
		postJson(sim, apiPath, { header: { ...demoHeader, type: 'clicToCall', ...extra } });

	it.each(['/v1/clictocall', '/v1/clicTocall'])('dials through %s', async (apiPath) => {
		const answer = await dial(apiPath, { phone_number: '+33612345678' });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual([
			{
				info: 'please make sure the phone is connected and inSIM is running',
				result: 'success',
				errors: [],
			},
		]);
		expect(sim.calls).toEqual([{ phone_number: '+33612345678', at: expect.any(Number) }]);
	});

	it('fails an invalid number', async () => {
		const answer = await dial('/v1/clictocall', { phone_number: '06 12 34 56 78' });
		expect(rows(answer)[0]).toMatchObject({ result: 'failed', errors: [expect.any(String)] });
		expect(sim.calls).toHaveLength(0);
	});

	it('fails with #002 when the phone is not connected', async () => {
		sim.setOptions({ phoneConnected: false });
		const answer = await dial('/v1/clictocall', { phone_number: '+33612345678' });
		expect(rows(answer)[0]).toMatchObject({ result: 'failed', errors: ['#002'] });
		expect(sim.calls).toHaveLength(0);
	});

	it('wants the parameters in header, type clicToCall', async () => {
		const wrongType = await dial('/v1/clictocall', { type: 'call', phone_number: '+33612345678' });
		expect(wrongType.status).toBe(400);
		const topLevel = await postJson(sim, '/v1/clictocall', {
			header: { ...demoHeader, type: 'clicToCall' },
			phone_number: '+33612345678',
		});
		expect(rows(topLevel)[0]).toMatchObject({ result: 'failed' });
		expect(sim.calls).toHaveLength(0);
	});
});

describe('API v2', () => {
	const premium = { login: DEMO_ACCOUNT.login, accessKey: DEMO_ACCOUNT.accessKey };

	it('reads the account', async () => {
		const answer = await postJson(sim, '/v2/account', premium);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			success: true,
			account: expect.objectContaining({
				login: DEMO_ACCOUNT.login,
				plan: 'premium',
				sms_credits: 10000,
				active: true,
			}),
		});
	});

	it('reads and sets webhooks, changing only the keys sent', async () => {
		const get = () => postJson(sim, '/v2/account/webhooks', { ...premium, action: 'get' });
		expect((await get()).json).toEqual({
			success: true,
			webhooks: {
				incoming_sms: '',
				delivery_status: '',
				link_clicks: '',
				call_events: '',
				call_qualifications: '',
			},
		});
		await postJson(sim, '/v2/account/webhooks', {
			...premium,
			webhooks: {
				incoming_sms: 'https://n8n.example/webhook/a',
				delivery_status: 'https://n8n.example/webhook/b',
			},
		});
		const set = await postJson(sim, '/v2/account/webhooks', {
			...premium,
			webhooks: { delivery_status: '', call_events: 'https://n8n.example/webhook/c?x=1' },
		});
		const expected = {
			incoming_sms: 'https://n8n.example/webhook/a',
			delivery_status: '',
			link_clicks: '',
			call_events: 'https://n8n.example/webhook/c?x=1',
			call_qualifications: '',
		};
		expect(set.json).toEqual({ success: true, webhooks: expected });
		expect((await get()).json).toEqual({ success: true, webhooks: expected });
		expect(sim.webhooks).toEqual(expected);
		expect(sim.webhooksFor(SECOND_PREMIUM.login).incoming_sms).toBe('');
	});

	it('rejects an unknown key or a non-URL and changes nothing', async () => {
		for (const webhooks of [
			{ incoming_sms: 'https://ok.example', sms: 'https://x.example' },
			{ incoming_sms: 'not a url' },
		]) {
			const answer = await postJson(sim, '/v2/account/webhooks', { ...premium, webhooks });
			expect(answer.status).toBe(400);
			expect(answer.json).toMatchObject({
				success: false,
				error_code: expect.any(String),
				field: expect.any(String),
			});
		}
		expect(sim.webhooks.incoming_sms).toBe('');
	});

	it('answers LICENSE_REQUIRED for webhooks on a free plan', async () => {
		const answer = await postJson(sim, '/v2/account/webhooks', {
			login: FREE_DEMO_ACCOUNT.login,
			accessKey: FREE_DEMO_ACCOUNT.accessKey,
			action: 'get',
		});
		expect(answer.json).toEqual({
			success: false,
			error_code: 'LICENSE_REQUIRED',
			error: expect.any(String),
			subscription_type: 'free',
			upgrade_url: expect.stringMatching(/^https:\/\//),
			feature: 'webhooks',
		});
	});
});

describe('routing', () => {
	it('answers 405 to a GET on an endpoint and 404 to an unknown one, both JSON', async () => {
		const get = await call(sim.baseUrl + '/v1/sendsms', { method: 'GET' });
		expect(get.status).toBe(405);
		expect(get.json).toMatchObject({ success: false });
		const unknown = await postJson(sim, '/v1/nothing', { header: demoHeader });
		expect(unknown.status).toBe(404);
		expect(unknown.json).toMatchObject({ success: false });
		const noApiPrefix = await call(sim.origin + '/v1/sendsms', { body: '{}' });
		expect(noApiPrefix.status).toBe(404);
		expect(sim.requests.map((r) => [r.path, r.status])).toEqual([
			['/v1/sendsms', 405],
			['/v1/nothing', 404],
			['/v1/sendsms', 404],
		]);
		expect(sim.requests[2].url).toBe('/v1/sendsms');
	});

	it('answers 400 to a body that is not JSON', async () => {
		const answer = await call(sim.baseUrl + '/v1/sendsms', { body: 'phone=+336&message=hi' });
		expect(answer.status).toBe(400);
		expect(sim.requests[0]).toMatchObject({ rawBody: 'phone=+336&message=hi', body: undefined });
	});
});

describe('faults', () => {
	const nothingProcessed: Array<[FaultKind, number, (answer: HttpAnswer) => void]> = [
		[
			'http500',
			500,
			(a) => expect(a.json).toMatchObject({ success: false, error: expect.any(String) }),
		],
		[
			'http429',
			429,
			(a) => {
				expect(a.headers['retry-after']).toBe('1');
				expect(a.json).toMatchObject({ success: false, error_code: 'RATE_LIMITED' });
			},
		],
		[
			'http503Html',
			503,
			(a) => {
				expect(a.headers['content-type']).toContain('text/html');
				expect(a.text).toContain('<html>');
			},
		],
		[
			'html',
			200,
			(a) => {
				expect(a.headers['content-type']).toContain('text/html');
				expect(a.text).toContain('<form');
			},
		],
		['empty', 200, (a) => expect(a.text).toBe('')],
		[
			'malformed',
			200,
			(a) => {
				expect(a.text).toBe('[{"id_sms_api": "abc", ');
				expect(a.json).toBeUndefined();
			},
		],
		[
			'badCredentials',
			401,
			(a) => expect(a.json).toMatchObject({ error_code: 'INVALID_CREDENTIALS' }),
		],
	];

	it.each(nothingProcessed)(
		'%s answers %i and processes nothing, once',
		async (kind, status, check) => {
			sim.addFault({ kind });
			const faulted = await sendSms(sim, oneMessage());
			expect(faulted.status).toBe(status);
			check(faulted);
			expect(sim.requests[0]).toMatchObject({
				fault: kind,
				status,
				processed: false,
				acceptedMessages: [],
			});
			expect(sim.sentMessages()).toHaveLength(0);

			const next = await sendSms(sim, oneMessage());
			expect(next.status).toBe(200);
			expect(sim.requests[1]).toMatchObject({ processed: true, status: 200 });
			expect(sim.requests[1].fault).toBeUndefined();
			expect(sim.sentMessages()).toHaveLength(1);
		},
	);

	it('http500AfterProcessing accepts the messages and still answers 500', async () => {
		sim.addFault({ kind: 'http500AfterProcessing' });
		const answer = await sendSms(sim, oneMessage('+33612345678', 'charged twice if retried'));
		expect(answer.status).toBe(500);
		expect(answer.json).toMatchObject({ success: false });
		expect(sim.requests[0]).toMatchObject({
			fault: 'http500AfterProcessing',
			status: 500,
			processed: true,
		});
		expect(sim.requests[0].acceptedMessages).toHaveLength(1);
		expect(sim.sentMessages()).toHaveLength(1);
	});

	it('hang records and processes the request but never answers', async () => {
		sim.addFault({ kind: 'hang' });
		await expect(
			call(sim.baseUrl + '/v1/sendsms', {
				body: JSON.stringify({ header: demoHeader, messages: oneMessage() }),
				headersTimeout: 300,
			}),
		).rejects.toThrow();
		expect(sim.requests[0]).toMatchObject({ fault: 'hang', processed: true });
		expect(sim.requests[0].status).toBeUndefined();
		expect(sim.requests[0].acceptedMessages).toHaveLength(1);
	});

	it('reset drops the connection before anything is processed', async () => {
		sim.addFault({ kind: 'reset' });
		await expect(sendSms(sim, oneMessage())).rejects.toThrow();
		expect(sim.requests[0]).toMatchObject({
			fault: 'reset',
			processed: false,
			acceptedMessages: [],
		});
		expect(sim.requests[0].status).toBeUndefined();
		expect(sim.requests[0].rawBody).toContain('+33612345678');
		expect(sim.sentMessages()).toHaveLength(0);
	});

	it('resetAfterProcessing accepts the messages, then drops the connection', async () => {
		sim.addFault({ kind: 'resetAfterProcessing' });
		await expect(sendSms(sim, oneMessage())).rejects.toThrow();
		expect(sim.requests[0]).toMatchObject({ fault: 'resetAfterProcessing', processed: true });
		expect(sim.requests[0].status).toBeUndefined();
		expect(sim.sentMessages()).toHaveLength(1);
	});

	it('honours path, skip and times', async () => {
		sim.addFault({ kind: 'http500', path: '/v1/sendsms', skip: 1, times: 2 });
		const contact = await postJson(sim, '/v1/contact', { header: demoHeader, contacts: [] });
		expect(contact.status).toBe(200);
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await sendSms(sim, oneMessage())).status);
		expect(statuses).toEqual([200, 500, 500, 200]);
		expect(sim.sentMessages()).toHaveLength(2);
	});

	it('matches an /api-prefixed rule path and the other click-to-call spelling', async () => {
		sim.addFault({ kind: 'http500', path: '/api/v1/clictocall' });
		const answer = await postJson(sim, '/v1/clicTocall', {
			header: { ...demoHeader, type: 'clicToCall', phone_number: '+33612345678' },
		});
		expect(answer.status).toBe(500);
	});

	it('repeats forever with times Infinity, until cleared', async () => {
		sim.addFault({ kind: 'http503Html', times: Infinity });
		for (let i = 0; i < 5; i++) expect((await sendSms(sim, oneMessage())).status).toBe(503);
		sim.clearFaults();
		expect((await sendSms(sim, oneMessage())).status).toBe(200);
	});

	it('sends the configured Retry-After with http429', async () => {
		sim.addFault({ kind: 'http429', retryAfterSeconds: 7 });
		const answer = await sendSms(sim, oneMessage());
		expect(answer.headers['retry-after']).toBe('7');
	});

	it('refuses an unknown fault kind', () => {
		expect(() => sim.addFault({ kind: 'explode' as FaultKind })).toThrow(/unknown fault kind/);
	});

	it('close() ends hung requests so the process can exit', async () => {
		const own = await startSimulator();
		own.addFault({ kind: 'hang', times: Infinity });
		const pending = sendSms(own, oneMessage()).then(
			() => 'answered',
			() => 'failed',
		);
		while (own.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await pending).toBe('failed');
	});
});

describe('rate limit and latency', () => {
	it('answers 429 + Retry-After beyond the limit, per login, processing nothing', async () => {
		sim.setOptions({ rateLimitPerSecond: 2 });
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) statuses.push((await sendSms(sim, oneMessage())).status);
		expect(statuses).toEqual([200, 200, 429]);
		const limited = sim.requests[2];
		expect(limited).toMatchObject({ status: 429, processed: false, acceptedMessages: [] });
		expect(sim.sentMessages()).toHaveLength(2);

		const again = await sendSms(sim, oneMessage());
		expect(again.status).toBe(429);
		expect(again.json).toEqual({
			success: false,
			error: 'Too many requests',
			error_code: 'RATE_LIMITED',
		});
		const retryAfter = Number(again.headers['retry-after']);
		expect(Number.isInteger(retryAfter)).toBe(true);
		expect(retryAfter).toBeGreaterThanOrEqual(1);

		const other = await sendSms(sim, oneMessage(), {
			login: SECOND_PREMIUM.login,
			accessKey: SECOND_PREMIUM.accessKey,
		});
		expect(other.status).toBe(200);

		await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
		expect((await sendSms(sim, oneMessage())).status).toBe(200);
	});

	it('waits latencyMs before answering', async () => {
		sim.setOptions({ latencyMs: 150 });
		const started = Date.now();
		await sendSms(sim, oneMessage());
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('webhooks (inSIM -> receiver)', () => {
	let receiver: Receiver;

	beforeEach(async () => {
		receiver = await startReceiver();
	});

	afterEach(async () => {
		await receiver.close();
	});

	const trickyTexts = [
		'50% off today only',
		'Emoji 😀🎉 and accents éàç',
		'Tom & Jerry + friends #1',
		'line one\nline two\r\nline three',
		'quotes "double" and \'single\' and = ? / \\ back',
		'%E9 looks encoded but is not, 100%',
	];

	it.each(trickyTexts)(
		'builds the URL exactly like inSIM and it decodes back: %j',
		async (text) => {
			const payload = buildIncomingSmsPayload({
				login: DEMO_ACCOUNT.login,
				from: '+33612345678',
				message: text,
			});
			const callbackUrl = `${receiver.url}/webhook/insim?token=abc`;
			const result = await sim.fireWebhook(callbackUrl, 'message', payload);
			expect(result).toEqual({ status: 200, body: 'received' });

			const [hit] = receiver.hits;
			expect(hit.method).toBe('GET');
			const expectedUrl = buildWebhookUrl(callbackUrl, 'message', payload);
			expect(expectedUrl).toBe(
				callbackUrl + '?message=' + encodeURIComponent(JSON.stringify(payload)),
			);
			// Byte for byte what inSIM sends, two '?' included.
			expect(receiver.url + hit.rawUrl).toBe(expectedUrl);
			expect(hit.rawUrl.startsWith('/webhook/insim?token=abc?message=')).toBe(true);
			const encoded = hit.rawUrl.slice(hit.rawUrl.indexOf('?message=') + '?message='.length);
			expect(JSON.parse(decodeURIComponent(encoded))).toEqual(payload);
			// The trap a receiver must handle: a standard parser sees the payload inside `token`.
			const parsed = new URL(hit.rawUrl, receiver.url).searchParams;
			expect(parsed.get('message')).toBeNull();
			expect(parsed.get('token')).toBe('abc?message=' + JSON.stringify(payload));
			expect(sim.firedWebhooks).toEqual([
				{ url: expectedUrl, method: 'GET', status: 200, at: expect.any(Number) },
			]);
		},
	);

	it('uses a single ? when the callback has no query', async () => {
		const payload = buildCallPayload({
			login: DEMO_ACCOUNT.login,
			phoneNumber: '+33612345678',
			kind: 'incoming',
			duration: '00:05:23',
		});
		await sim.fireWebhook(`${receiver.url}/hook`, 'calls', payload);
		expect(receiver.hits[0].rawUrl).toBe(
			'/hook?calls=' + encodeURIComponent(JSON.stringify(payload)),
		);
	});

	it('POSTs the same URL with a JSON body when asked', async () => {
		const payload = buildDeliveryStatusPayload({
			login: DEMO_ACCOUNT.login,
			phoneNumber: '+33612345678',
			status: 'received',
			idSmsApi: 'FI5O7apqaaqcUmQ',
		});
		await sim.fireWebhook(`${receiver.url}/hook`, 'status', payload, { method: 'POST' });
		const [hit] = receiver.hits;
		expect(hit.method).toBe('POST');
		expect(hit.rawUrl).toBe('/hook?status=' + encodeURIComponent(JSON.stringify(payload)));
		expect(JSON.parse(hit.body)).toEqual(payload);
	});

	it('reports a non-200 status and rejects on a dead receiver', async () => {
		const failing = await startReceiver(500);
		try {
			expect((await sim.fireWebhook(`${failing.url}/x`, 'message', {})).status).toBe(500);
		} finally {
			await failing.close();
		}
		await expect(sim.fireWebhook(`${failing.url}/x`, 'message', {})).rejects.toThrow();
		expect(sim.firedWebhooks[1]).toMatchObject({ error: expect.any(String) });
	});

	it('builds the documented payload shapes', () => {
		const at = new Date('2025-01-15T14:30:00.000Z');
		expect(
			buildIncomingSmsPayload({ login: 'u@e.com', from: '+33612345678', message: 'Hi', date: at }),
		).toEqual({
			device_identification: 'u@e.com',
			title: 'incoming_sms',
			from: '+33612345678',
			message: 'Hi',
			date: '2025-01-15T14:30:00.000Z',
		});
		expect(
			buildCallPayload({
				login: 'u@e.com',
				phoneNumber: '+33612345678',
				kind: 'outgoing',
				callTime: at,
				duration: '00:05:23',
			}),
		).toEqual({
			device_identification: 'u@e.com',
			title: 'outgoing_call',
			phone_number: '+33612345678',
			call_time: '2025-01-15 14:30:00',
			duration: '00:05:23',
		});
		expect(
			buildCallPayload({
				login: 'u@e.com',
				phoneNumber: '+33612345678',
				kind: 'missed',
				duration: '00:01:00',
			}),
		).toMatchObject({
			title: 'missed_call',
			duration: '0',
			call_time: expect.stringMatching(INSIM_DATE_TIME),
		});
		expect(
			buildDeliveryStatusPayload({
				login: 'u@e.com',
				phoneNumber: '+33612345678',
				status: 'sent',
				idSmsApi: 'ID1',
				date: at,
			}),
		).toEqual({
			user: 'u@e.com',
			phone_number: '+33612345678',
			status: 'sent',
			date_status: '2025-01-15T14:30:00.000Z',
			id_sms_api: 'ID1',
		});
		expect(
			buildLinkClickPayload({
				idSmsApi: 'ID1',
				phoneNumber: '+33612345678',
				link: 'https://example.com/confirm',
				date: at,
			}),
		).toEqual({
			id_sms_api: 'ID1',
			clicked_link: 'clicked_link',
			phone_number: '+33612345678',
			link: 'https://example.com/confirm',
			date: '2025-01-15 14:30:00',
		});
		expect(
			buildCallQualificationPayload({
				login: 'u@e.com',
				from: '+33612345678',
				qualification: 'Interested',
				source: 'interface',
				date: '2025-01-15 14:40:00',
			}),
		).toEqual({
			device_identification: 'u@e.com',
			title: 'call_qualification_from_interface',
			from: '+33612345678',
			date: '2025-01-15 14:40:00',
			qualification: 'Interested',
		});
		expect(toLegacyUpperCaseKeys({ title: 'incoming_call', phone_number: '+33612345678' })).toEqual(
			{
				TITLE: 'incoming_call',
				PHONE_NUMBER: '+33612345678',
			},
		);
	});

	it('fires sent then received delivery reports when autoDeliveryReports is on', async () => {
		sim.setOptions({ autoDeliveryReports: true });
		await postJson(sim, '/v2/account/webhooks', {
			...demoHeader,
			webhooks: { delivery_status: `${receiver.url}/dlr?src=insim` },
		});
		const answer = await sendSms(sim, [
			{ phone_number: '+33612345678', message: 'a', id_sms_api: 'A1' },
			{ phone_number: 'bad', message: 'b', id_sms_api: 'B1' },
			{ phone_number: '+33612345679', message: 'c', id_sms_api: 'C1' },
		]);
		expect(rows(answer).map((r) => r.sent)).toEqual([1, 0, 1]);
		await receiver.waitForHits(4);
		const payloads = receiver.hits.map((hit) => {
			expect(hit.rawUrl.startsWith('/dlr?src=insim?status=')).toBe(true);
			return JSON.parse(decodeURIComponent(hit.rawUrl.split('?status=')[1])) as Row;
		});
		expect(payloads.map((p) => [p.id_sms_api, p.status])).toEqual([
			['A1', 'sent'],
			['A1', 'received'],
			['C1', 'sent'],
			['C1', 'received'],
		]);
		expect(payloads[0]).toMatchObject({
			user: DEMO_ACCOUNT.login,
			phone_number: '+33612345678',
			date_status: expect.stringMatching(ISO_DATE),
		});
	});

	it('fires nothing by default', async () => {
		sim.webhooks.delivery_status = `${receiver.url}/dlr`;
		await sendSms(sim, oneMessage());
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.hits).toHaveLength(0);
	});
});

describe('test-control endpoints (/__sim)', () => {
	const control = (route: string, method: 'GET' | 'POST' | 'DELETE' = 'GET', body?: unknown) =>
		call(`${sim.origin}/__sim${route}`, {
			method,
			body: body === undefined ? undefined : JSON.stringify(body),
		});

	it('adds faults, reads the log and messages, resets', async () => {
		// JSON turns Infinity into null, which the endpoint reads back as Infinity.
		const added = await control(
			'/faults',
			'POST',
			JSON.parse(JSON.stringify({ kind: 'http500', path: '/v1/sendsms', times: Infinity })),
		);
		expect(added.status).toBe(200);
		expect((await sendSms(sim, oneMessage())).status).toBe(500);
		expect((await sendSms(sim, oneMessage())).status).toBe(500);
		await control('/faults', 'DELETE');
		expect((await sendSms(sim, oneMessage())).status).toBe(200);

		const log = (await control('/requests')).json as Row[];
		expect(log.map((r) => [r.seq, r.fault ?? null, r.status, r.processed])).toEqual([
			[1, 'http500', 500, false],
			[2, 'http500', 500, false],
			[3, null, 200, true],
		]);
		const messages = (await control('/messages')).json as Row[];
		expect(messages).toEqual([
			expect.objectContaining({ phone_number: '+33612345678', requestSeq: 3 }),
		]);

		expect((await control('/reset', 'POST')).status).toBe(200);
		expect(sim.requests).toHaveLength(0);
		expect((await control('/requests')).json as Row[]).toEqual([]);
	});

	it('refuses a bad fault rule', async () => {
		const answer = await control('/faults', 'POST', { kind: 'nope' });
		expect(answer.status).toBe(400);
	});

	it('changes options', async () => {
		await control('/options', 'POST', { badCredentialsStatus: 200, singleObjectResponse: true });
		const answer = await sendSms(sim, oneMessage(), { ...demoHeader, accessKey: 'bad' });
		expect(answer.status).toBe(200);
		expect(Array.isArray((await sendSms(sim, oneMessage())).json)).toBe(false);
	});

	it('records anything sent to the recorder', async () => {
		const answer = await call(`${sim.origin}/__sim/recorder/crm/leads?source=n8n`, {
			method: 'PUT',
			body: JSON.stringify({ name: 'John' }),
		});
		expect(answer.json).toEqual({ ok: true });
		const recorded = (await control('/recorder')).json as Row[];
		expect(recorded).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: '/crm/leads?source=n8n',
				body: { name: 'John' },
			}),
		]);
		expect(sim.recorded).toHaveLength(1);
		expect(sim.requests).toHaveLength(0); // the recorder is not inSIM
	});

	it('fires a webhook for another process', async () => {
		const receiver = await startReceiver();
		try {
			const payload = buildLinkClickPayload({
				idSmsApi: 'X',
				phoneNumber: '+33612345678',
				link: 'https://e.com/?a=1&b=2',
			});
			const answer = await control('/fire-webhook', 'POST', {
				callbackUrl: `${receiver.url}/c?k=v`,
				param: 'clics',
				payload,
			});
			expect(answer.json).toMatchObject({ ok: true, status: 200, body: 'received' });
			expect(receiver.hits[0].rawUrl).toBe(
				'/c?k=v?clics=' + encodeURIComponent(JSON.stringify(payload)),
			);
		} finally {
			await receiver.close();
		}
	});
});

describe('reset()', () => {
	it('clears the state in place and keeps options', async () => {
		sim.setOptions({ singleObjectResponse: true });
		const requestsRef = sim.requests;
		sim.addFault({ kind: 'http500', times: Infinity, path: '/v1/contact' });
		await sendSms(sim, oneMessage());
		await postJson(sim, '/v1/clictocall', {
			header: { ...demoHeader, type: 'clicToCall', phone_number: '+33612345678' },
		});
		sim.webhooks.incoming_sms = 'https://n8n.example/x';
		sim.reset();
		expect(requestsRef).toBe(sim.requests);
		expect(sim.requests).toHaveLength(0);
		expect(sim.sentMessages()).toHaveLength(0);
		expect(sim.calls).toHaveLength(0);
		expect(sim.webhooks.incoming_sms).toBe('');
		expect((await postJson(sim, '/v1/contact', { header: demoHeader, contacts: [] })).status).toBe(
			200,
		);
		expect(Array.isArray((await sendSms(sim, oneMessage())).json)).toBe(false);
		expect(sim.requests[0].seq).toBe(1);
	});
});

describe('cli', () => {
	it('parses its flags', () => {
		expect(
			parseCliArgs([
				'--port',
				'3999',
				'--latency',
				'20',
				'--fail-phone',
				'+33600000000',
				'--single-object',
			]),
		).toEqual({
			port: 3999,
			latencyMs: 20,
			failPhoneNumbers: ['+33600000000'],
			singleObjectResponse: true,
		});
		expect(() => parseCliArgs(['--bogus'])).toThrow(/unknown option/);
		expect(parseCliArgs(['--help'])).toBe('help');
	});

	it('runs as a process, prints how to connect and stops cleanly on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'cli.ts'), '--port', '0'],
			{ cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);
		try {
			const ready = await new Promise<{ baseUrl: string }>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no ready line:\n${output}`)), 30000);
				child.stdout.on('data', (chunk: Buffer) => {
					output += chunk.toString();
					const line = output.split('\n').find((l) => l.startsWith(READY_PREFIX));
					if (line && output.includes('Ctrl-C')) {
						clearTimeout(timer);
						resolve(JSON.parse(line.slice(READY_PREFIX.length)) as { baseUrl: string });
					}
				});
				child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			});
			expect(output).toContain(DEMO_ACCOUNT.login);
			expect(output).toContain(DEMO_ACCOUNT.accessKey);
			const answer = await call(`${ready.baseUrl}/v2/account`, {
				body: JSON.stringify(demoHeader),
			});
			expect(answer.status).toBe(200);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	});
});
