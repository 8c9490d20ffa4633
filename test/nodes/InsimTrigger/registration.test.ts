/**
 * The trigger's Register Automatically and its restore on deactivation write `account/webhooks`
 * only after a read the node recognises, and never change a URL they were not asked to change.
 * The read's other shapes come from a small server in front of the simulator.
 */
import { DEMO_ACCOUNT, startSimulator } from '../../simulator';
import type { Simulator } from '../../simulator';
import type { TriggerServer } from '../../engine/triggerHarness';
import { startTriggerServer } from '../../engine/triggerHarness';
import type { AnswerOverride } from '../../engine/v2/answerOverride';
import { FORWARD, startAnswerOverride } from '../../engine/v2/answerOverride';

const OTHERS = {
	incoming_sms: 'https://crm.example.com/old-sms',
	delivery_status: 'https://crm.example.com/status',
	link_clicks: '',
	call_events: 'https://crm.example.com/calls',
	call_qualifications: '',
};

let sim: Simulator;
let proxy: AnswerOverride;
let trigger: TriggerServer | undefined;
beforeAll(async () => {
	sim = await startSimulator();
	proxy = await startAnswerOverride(sim);
});
beforeEach(() => {
	sim.reset();
	proxy.clear();
	Object.assign(sim.webhooks, OTHERS);
});
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});
afterAll(async () => {
	await proxy.close();
	await sim.close();
});

async function start(): Promise<TriggerServer> {
	trigger = await startTriggerServer({
		parameters: { events: ['sms.received'], registerAutomatically: true },
		credentials: {
			login: DEMO_ACCOUNT.login,
			apiKey: DEMO_ACCOUNT.accessKey,
			baseUrl: proxy.baseUrl,
		},
	});
	return trigger;
}

const writesToSimulator = () =>
	sim.requests.filter(
		(request) =>
			request.path.toLowerCase() === '/v2/account/webhooks' &&
			(request.body as Record<string, unknown>).webhooks !== undefined,
	);

test('an unrecognised read: activation fails with the error naming the endpoint, and nothing is written', async () => {
	proxy.answerWith('account/webhooks', (body) =>
		body.action === 'get' ? { success: true, settings: { ...OTHERS } } : FORWARD,
	);
	const server = await start();
	await expect(server.runHook('create')).rejects.toThrow(
		'inSIM answered v2/account/webhooks in a shape this node does not recognise',
	);
	expect(writesToSimulator()).toEqual([]);
	expect({ ...sim.webhooks }).toEqual(OTHERS);
	expect(server.staticData).not.toHaveProperty('node.replaced');
});

test('a flat read: registration changes only its own URL, and deactivation restores it', async () => {
	proxy.answerWith('account/webhooks', (body) =>
		body.action === 'get' ? { success: true, ...sim.webhooks } : FORWARD,
	);
	const server = await start();
	expect(await server.runHook('create')).toBe(true);
	expect({ ...sim.webhooks }).toEqual({ ...OTHERS, incoming_sms: server.webhookUrl });
	await server.runHook('delete');
	expect({ ...sim.webhooks }).toEqual(OTHERS);
	expect(writesToSimulator()).toHaveLength(2);
});

test('an unrecognised read at deactivation: nothing is written and the record of what to restore is kept', async () => {
	const server = await start();
	expect(await server.runHook('create')).toBe(true);
	expect(sim.webhooks.incoming_sms).toBe(server.webhookUrl);
	proxy.answerWith('account/webhooks', (body) =>
		body.action === 'get'
			? { success: true, webhooks: { incoming_sms: server.webhookUrl } }
			: FORWARD,
	);
	await expect(server.runHook('delete')).rejects.toThrow(
		'inSIM answered v2/account/webhooks in a shape this node does not recognise',
	);
	expect(writesToSimulator()).toHaveLength(1);
	expect(sim.webhooks.incoming_sms).toBe(server.webhookUrl);
	expect(JSON.stringify(server.staticData)).toContain(OTHERS.incoming_sms);
});
