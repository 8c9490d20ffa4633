import { request } from 'undici';

import {
	DEMO_ACCOUNT,
	buildCallPayload,
	buildCallQualificationPayload,
	buildDeliveryStatusPayload,
	buildIncomingSmsPayload,
	buildLinkClickPayload,
	startSimulator,
	toLegacyUpperCaseKeys,
} from '../../simulator';
import type { Simulator } from '../../simulator';
import type { TriggerServer } from '../../engine/triggerHarness';
import { startTriggerServer } from '../../engine/triggerHarness';
import { seededRandom } from '../../support/random';

const login = DEMO_ACCOUNT.login;
const ALL_EVENTS = [
	'sms.received',
	'call.incoming',
	'call.outgoing',
	'call.missed',
	'sms.sent',
	'sms.delivered',
	'link.clicked',
	'call.qualified',
];

let sim: Simulator;
let trigger: TriggerServer;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());
afterEach(async () => trigger?.close());

const start = async (parameters: Record<string, unknown> = {}, timezone = 'Europe/Paris') => {
	trigger = await startTriggerServer({
		parameters: { events: ALL_EVENTS, ...parameters },
		credentials: { login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
		timezone,
	});
	return trigger;
};

const lastItem = () => trigger.executions.at(-1)?.[0]?.json;

describe('every event type, fired by the simulator exactly as inSIM builds the call', () => {
	test('SMS received, with a text that a second URL-decoding would break', async () => {
		await start();
		const text = 'Oui, 50% off & +33 #1 "ok" ça marche 👍\nmerci';
		const payload = buildIncomingSmsPayload({
			login,
			from: '+33612345678',
			message: text,
			date: new Date('2025-01-15T14:30:00.000Z'),
		});
		const delivery = await sim.fireWebhook(trigger.webhookUrl, 'message', payload);
		expect(delivery.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		expect(lastItem()).toMatchObject({
			event: 'sms.received',
			phoneNumber: '+33612345678',
			text,
			receivedAt: '2025-01-15T14:30:00.000Z',
			occurredAt: '2025-01-15T14:30:00.000Z',
			account: login,
			raw: payload,
		});
	});

	test.each([
		['incoming', 'call.incoming', '00:05:23', 323],
		['outgoing', 'call.outgoing', '01:00:00', 3600],
		['missed', 'call.missed', '0', 0],
	] as const)('call %s', async (kind, event, duration, seconds) => {
		await start();
		const payload = buildCallPayload({
			login,
			phoneNumber: '+33612345678',
			kind,
			duration,
			callTime: '2025-01-15 14:30:00',
		});
		await sim.fireWebhook(trigger.webhookUrl, 'calls', payload);
		expect(lastItem()).toMatchObject({
			event,
			phoneNumber: '+33612345678',
			durationSeconds: seconds,
			startedAt: '2025-01-15T14:30:00+01:00',
		});
	});

	test.each([
		['sent', 'sms.sent'],
		['received', 'sms.delivered'],
	] as const)('delivery status %s joins the Send output on id_sms_api', async (status, event) => {
		await start();
		const payload = buildDeliveryStatusPayload({
			login,
			phoneNumber: '+33612345678',
			status,
			idSmsApi: 'FI5O7apqaaqcUmQ',
			date: new Date('2025-01-15T14:30:00.000Z'),
		});
		await sim.fireWebhook(trigger.webhookUrl, 'status', payload);
		expect(lastItem()).toMatchObject({
			event,
			id_sms_api: 'FI5O7apqaaqcUmQ',
			status: status === 'received' ? 'delivered' : 'sent',
			statusAt: '2025-01-15T14:30:00.000Z',
		});
	});

	test('link click, in the workflow time zone or the chosen one', async () => {
		await start({ options: { timeZone: 'America/New_York' } });
		const payload = buildLinkClickPayload({
			idSmsApi: 'FI5O7apqaaqcUmQ',
			phoneNumber: '+33612345678',
			link: 'https://example.com/confirm',
			date: '2025-01-15 14:35:00',
		});
		await sim.fireWebhook(trigger.webhookUrl, 'clics', payload);
		expect(lastItem()).toMatchObject({
			event: 'link.clicked',
			id_sms_api: 'FI5O7apqaaqcUmQ',
			link: 'https://example.com/confirm',
			clickedAt: '2025-01-15T14:35:00-05:00',
		});
	});

	test.each([
		['mobile', 'mobile'],
		['interface', 'web'],
	] as const)('call qualification from %s', async (source, expected) => {
		await start();
		const payload = buildCallQualificationPayload({
			login,
			from: '+33612345678',
			qualification: 'Interested customer - callback next week',
			source,
			date: '2025-01-15 14:40:00',
		});
		await sim.fireWebhook(trigger.webhookUrl, 'qualification', payload);
		expect(lastItem()).toMatchObject({
			event: 'call.qualified',
			source: expected,
			qualification: 'Interested customer - callback next week',
			qualifiedAt: '2025-01-15T14:40:00+01:00',
		});
	});

	test('POST works like GET; older params and upper-case keys still decode', async () => {
		await start();
		const call = buildCallPayload({ login, phoneNumber: '+33612345678', kind: 'missed' });
		await sim.fireWebhook(trigger.webhookUrl, 'call', toLegacyUpperCaseKeys(call), {
			method: 'POST',
		});
		expect(lastItem()).toMatchObject({ event: 'call.missed', phoneNumber: '+33612345678' });
		const click = {
			...buildLinkClickPayload({
				idSmsApi: 'x1',
				phoneNumber: '+33612345678',
				link: 'https://arsms.co/abcdefabcdef',
			}),
			clicked_link: 'clicked link',
		};
		await sim.fireWebhook(trigger.webhookUrl, 'click', click);
		expect(lastItem()).toMatchObject({
			event: 'link.clicked',
			link: 'https://arsms.co/abcdefabcdef',
		});
	});

	test('Include Raw Payload off leaves raw out', async () => {
		await start({ options: { includeRaw: false } });
		await sim.fireWebhook(
			trigger.webhookUrl,
			'message',
			buildIncomingSmsPayload({ login, from: '+33612345678', message: 'hi' }),
		);
		expect(lastItem()).not.toHaveProperty('raw');
	});
});

describe('filtering, security and malformed requests', () => {
	const sms = () => buildIncomingSmsPayload({ login, from: '+33612345678', message: 'hello' });

	test('an event that is not selected is acknowledged with 200 and starts nothing', async () => {
		await start({ events: ['call.missed'] });
		const delivery = await sim.fireWebhook(trigger.webhookUrl, 'message', sms());
		expect(delivery.status).toBe(200);
		expect(JSON.parse(delivery.body)).toEqual({ accepted: true, started: false, events: 0 });
		expect(trigger.executions).toHaveLength(0);
	});

	test('an accepted call is answered with JSON, by the node, and starts the execution', async () => {
		await start();
		const delivery = await sim.fireWebhook(trigger.webhookUrl, 'message', sms());
		expect(delivery.status).toBe(200);
		// n8n would otherwise answer with the webhook's responseData setting, the text
		// "firstEntryJson" (packages/cli webhook-helpers, responseMode onReceived).
		expect(JSON.parse(delivery.body)).toEqual({ accepted: true, started: true, events: 1 });
		expect(trigger.responses.at(-1)).toMatchObject({
			status: 200,
			body: { accepted: true, started: true, events: 1 },
		});
		expect(trigger.executions).toHaveLength(1);
	});

	test('secret glued to the event parameter by inSIM: right → runs, wrong or missing → 401', async () => {
		await start({ options: { secret: 'Sup3r-secret_42' } });
		const right = await sim.fireWebhook(
			`${trigger.webhookUrl}?secret=Sup3r-secret_42`,
			'message',
			sms(),
		);
		expect(right.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		const wrong = await sim.fireWebhook(
			`${trigger.webhookUrl}?secret=Sup3r-secret_43`,
			'message',
			sms(),
		);
		const missing = await sim.fireWebhook(trigger.webhookUrl, 'message', sms());
		expect([wrong.status, missing.status]).toEqual([401, 401]);
		expect(trigger.executions).toHaveLength(1);
	});

	test('allowed IP ranges: loopback allowed runs, anything else 403 and no execution', async () => {
		await start({ options: { allowedIps: '10.0.0.0/8, 127.0.0.0/8' } });
		expect((await sim.fireWebhook(trigger.webhookUrl, 'message', sms())).status).toBe(200);
		trigger.setParameters({
			events: ALL_EVENTS,
			options: { allowedIps: '10.0.0.0/8, 2001:db8::/32' },
		});
		expect((await sim.fireWebhook(trigger.webhookUrl, 'message', sms())).status).toBe(403);
		expect(trigger.executions).toHaveLength(1);
	});

	test('behind a proxy: X-Forwarded-For is trusted only for the configured hops', async () => {
		await start({ options: { allowedIps: '198.51.100.0/24', trustProxyHops: 1 } });
		const url = `${trigger.webhookUrl}?message=${encodeURIComponent(JSON.stringify(sms()))}`;
		const viaProxy = await request(url, { headers: { 'x-forwarded-for': '198.51.100.7' } });
		await viaProxy.body.text();
		const spoofed = await request(url, {
			headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' },
		});
		await spoofed.body.text();
		expect([viaProxy.statusCode, spoofed.statusCode]).toEqual([200, 403]);
		expect(trigger.executions).toHaveLength(1);
	});

	test('repeated deliveries are dropped within the window when the option is on', async () => {
		await start({ options: { dropRepeats: true, repeatWindowSeconds: 60 } });
		const payload = sms();
		for (let attempt = 0; attempt < 3; attempt++) {
			expect((await sim.fireWebhook(trigger.webhookUrl, 'message', payload)).status).toBe(200);
		}
		await sim.fireWebhook(trigger.webhookUrl, 'message', { ...payload, message: 'another text' });
		expect(trigger.executions).toHaveLength(2);
	});

	test('deactivating the workflow releases what this process remembered of its deliveries', async () => {
		await start({ options: { dropRepeats: true, repeatWindowSeconds: 60 } });
		const payload = sms();
		await sim.fireWebhook(trigger.webhookUrl, 'message', payload);
		await sim.fireWebhook(trigger.webhookUrl, 'message', payload);
		expect(trigger.executions).toHaveLength(1);
		// n8n runs the webhook's delete hook on deactivation, whether or not it registered anything.
		expect(await trigger.runHook('delete')).toBe(true);
		// Released: the same delivery is new to this process again (n8n's database, checked in
		// execute(), is what still knows it after a re-activation).
		await sim.fireWebhook(trigger.webhookUrl, 'message', payload);
		expect(trigger.executions).toHaveLength(2);
	});

	test('without the option, repeats all start executions', async () => {
		await start();
		const payload = sms();
		await sim.fireWebhook(trigger.webhookUrl, 'message', payload);
		await sim.fireWebhook(trigger.webhookUrl, 'message', payload);
		expect(trigger.executions).toHaveLength(2);
	});

	test.each([
		['no known parameter', '?foo=bar'],
		['broken JSON', '?message=%7B%22from%22%3A'],
		['a JSON that is not an object', '?message=42'],
		['a broken percent escape', '?message=%E0%A4%A'],
	])('%s → 400 with a short JSON reason, no execution', async (_name, query) => {
		await start();
		const response = await request(`${trigger.webhookUrl}${query}`);
		const body = (await response.body.json()) as { accepted: boolean; reason: string };
		expect(response.statusCode).toBe(400);
		expect(body.accepted).toBe(false);
		expect(typeof body.reason).toBe('string');
		expect(trigger.executions).toHaveLength(0);
	});

	test('an oversized request → 413, no execution', async () => {
		await start();
		const response = await request(trigger.webhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ message: { ...sms(), message: 'x'.repeat(100_000) } }),
		});
		await response.body.text();
		expect(response.statusCode).toBe(413);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('automatic registration through API v2 account/webhooks', () => {
	test('activate sets only the selected events, keeps the others, deactivate restores them', async () => {
		sim.reset();
		sim.webhooks.incoming_sms = 'https://crm.example.com/old-sms';
		sim.webhooks.link_clicks = 'https://crm.example.com/clicks';
		await start({ events: ['sms.received', 'call.missed'], registerAutomatically: true });

		expect(await trigger.runHook('checkExists')).toBe(false);
		expect(await trigger.runHook('create')).toBe(true);
		expect(sim.webhooks).toMatchObject({
			incoming_sms: trigger.webhookUrl,
			call_events: trigger.webhookUrl,
			link_clicks: 'https://crm.example.com/clicks',
			delivery_status: '',
		});
		expect(await trigger.runHook('checkExists')).toBe(true);

		await trigger.runHook('delete');
		expect(sim.webhooks).toMatchObject({
			incoming_sms: 'https://crm.example.com/old-sms',
			call_events: '',
			link_clicks: 'https://crm.example.com/clicks',
		});
	});

	test('a second workflow that took an event over keeps it after the first is deactivated', async () => {
		sim.reset();
		await start({ events: ['sms.received'], registerAutomatically: true });
		await trigger.runHook('create');
		const other = await startTriggerServer({
			parameters: { events: ['sms.received'], registerAutomatically: true },
			credentials: { login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
			webhookId: 'other-workflow',
			workflowId: 'wf-other',
		});
		try {
			await other.runHook('create');
			expect(sim.webhooks.incoming_sms).toBe(other.webhookUrl);
			await trigger.runHook('delete');
			expect(sim.webhooks.incoming_sms).toBe(other.webhookUrl);
			await other.runHook('delete');
			expect(sim.webhooks.incoming_sms).toBe(trigger.webhookUrl);
		} finally {
			await other.close();
		}
	});

	test('with a secret, the registered URL carries it and events pass', async () => {
		sim.reset();
		await start({
			events: ['sms.received'],
			registerAutomatically: true,
			options: { secret: 'Sup3r-secret_42' },
		});
		await trigger.runHook('create');
		expect(sim.webhooks.incoming_sms).toBe(`${trigger.webhookUrl}?secret=Sup3r-secret_42`);
		const delivery = await sim.fireWebhook(
			sim.webhooks.incoming_sms,
			'message',
			buildIncomingSmsPayload({ login, from: '+33612345678', message: 'hi' }),
		);
		expect(delivery.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	test('manual mode never calls inSIM', async () => {
		sim.reset();
		await start();
		expect(await trigger.runHook('checkExists')).toBe(true);
		expect(await trigger.runHook('create')).toBe(true);
		expect(await trigger.runHook('delete')).toBe(true);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('node description', () => {
	test('the Events default selects every event the decoder knows', () => {
		const { InsimTrigger } = jest.requireActual('../../../nodes/InsimTrigger/InsimTrigger.node');
		const { EVENT_OPTIONS } = jest.requireActual('../../../nodes/InsimTrigger/events');
		const events = new InsimTrigger().description.properties.find(
			(property: { name: string }) => property.name === 'events',
		);
		expect([...events.default].sort()).toEqual(
			EVENT_OPTIONS.map((option: { value: string }) => option.value).sort(),
		);
		expect(new InsimTrigger().description.usableAsTool).toBeUndefined();
		expect(new InsimTrigger().description.inputs).toEqual([]);
	});

	test('the credential is asked for only with Register Automatically on', () => {
		const { InsimTrigger } = jest.requireActual('../../../nodes/InsimTrigger/InsimTrigger.node');
		expect(new InsimTrigger().description.credentials).toEqual([
			{
				name: 'insimApi',
				required: true,
				displayOptions: { show: { registerAutomatically: [true] } },
			},
		]);
	});

	test('the description fits the merged "inSIM" entry of the node panel (actions and triggers)', () => {
		const { InsimTrigger } = jest.requireActual('../../../nodes/InsimTrigger/InsimTrigger.node');
		const { description } = new InsimTrigger().description;
		expect(description).toMatch(/^Send SMS/);
		expect(description).toContain('start workflows when inSIM reports an SMS received');
	});

	test('the setup notice has no angle brackets (n8n renders a notice as HTML)', () => {
		const { InsimTrigger } = jest.requireActual('../../../nodes/InsimTrigger/InsimTrigger.node');
		const notice = new InsimTrigger().description.properties.find(
			(property: { type: string }) => property.type === 'notice',
		);
		expect(notice.displayName).not.toMatch(/[<>]/);
		expect(notice.displayName).toContain('Production URL followed by ?secret= and your secret');
	});

	test('every event has a readable action name for the node panel', () => {
		const { EVENT_OPTIONS } = jest.requireActual('../../../nodes/InsimTrigger/events');
		for (const option of EVENT_OPTIONS) {
			expect(option.action).toMatch(/^On /);
			// n8n would otherwise show "On " + the lower-cased name: "On sms received".
			expect(option.action).not.toMatch(/\bsms\b/);
		}
		expect(
			EVENT_OPTIONS.find((option: { value: string }) => option.value === 'sms.received').action,
		).toBe('On SMS received');
	});
});

describe('fuzz through the webhook', () => {
	const next = seededRandom(20261124);
	const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)];
	const alphabet = [
		'%',
		'%2',
		'%ZZ',
		'{',
		'}',
		'"',
		'?',
		'&',
		'=',
		'+',
		'é',
		'😀',
		'a',
		'0',
		':',
		',',
		'[',
		']',
		'\\',
		'#',
	];
	const garbageValue = () =>
		Array.from({ length: 1 + Math.floor(next() * 40) }, () => pick(alphabet)).join('');
	const params = [
		'message',
		'calls',
		'status',
		'clics',
		'qualification',
		'call',
		'click',
		'secret',
		'x',
		'MESSAGE',
		'__proto__',
	];

	test('2,000 random requests: never a 5xx, no execution from garbage, valid events still decoded', async () => {
		await start();
		let valid = 0;
		for (let index = 0; index < 2000; index++) {
			const isValid = index % 10 === 0;
			let query: string;
			if (isValid) {
				valid++;
				const payload = buildIncomingSmsPayload({
					login,
					from: '+33612345678',
					message: `valid ${index} ${garbageValue()}`,
				});
				query = `message=${encodeURIComponent(JSON.stringify(payload))}`;
			} else {
				query = Array.from(
					{ length: 1 + Math.floor(next() * 3) },
					() => `${pick(params)}=${garbageValue()}`,
				).join(pick(['&', '?', '&&']));
			}
			// Characters a client cannot put in a URL as they are go percent-encoded, like undici does.
			const url = `${trigger.webhookUrl}?${encodeURI(query).replace(/%25/g, '%')}`;
			const method = next() < 0.2 ? 'POST' : 'GET';
			const response = await request(url, { method }).catch(() => undefined);
			if (!response) continue;
			await response.body.text();
			expect(response.statusCode).toBeLessThan(500);
			if (!isValid) expect(response.statusCode).not.toBe(200);
		}
		expect(trigger.executions).toHaveLength(valid);
		trigger.executions.forEach((items) => {
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ event: 'sms.received', phoneNumber: '+33612345678' });
			expect(String(items[0].json.text)).toMatch(/^valid \d+ /);
		});
		expect(Object.prototype).not.toHaveProperty('polluted');
	}, 120_000);
});
