/**
 * The inSIM Trigger inside a real n8n: published workflows, the simulator firing every event type
 * at the production webhook URL exactly as inSIM builds the call, and the finished executions read
 * back through n8n's public API. Then the example workflows, imported and run end to end.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { OutputItem } from '../../scripts/n8n';
import { REPO_ROOT } from '../../scripts/n8n';
import {
	DEMO_ACCOUNT,
	buildCallPayload,
	buildCallQualificationPayload,
	buildDeliveryStatusPayload,
	buildIncomingSmsPayload,
	buildLinkClickPayload,
} from '../simulator';
import { setUpE2e } from './harness';

const CREDENTIAL_ID = 'insimDemoCredential';
const credentialRef = { insimApi: { id: CREDENTIAL_ID, name: 'inSIM account' } };
const login = DEMO_ACCOUNT.login;

const { context, e2eTest } = setUpE2e('trigger');

beforeAll(async () => {
	await context.n8n.importCredential({
		id: CREDENTIAL_ID,
		name: 'inSIM account',
		type: 'insimApi',
		data: { login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: context.sim.baseUrl },
	});
}, 120_000);

const webhookUrl = (webhookId: string) => `${context.n8n.baseUrl}/webhook/${webhookId}/webhook`;

/** A published workflow: the inSIM Trigger, then a No-Op so its items show in the run data. */
async function publishTriggerWorkflow(
	name: string,
	webhookId: string,
	parameters: Record<string, unknown>,
): Promise<string> {
	const id = await context.n8n.importWorkflow({
		name,
		nodes: [
			{
				id: `${webhookId}-trigger`,
				name: 'inSIM Trigger',
				type: 'n8n-nodes-insim.insimTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: credentialRef,
			},
			{
				id: `${webhookId}-noop`,
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { 'inSIM Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { timezone: 'Europe/Paris', executionOrder: 'v1' },
	});
	await context.n8n.publishWorkflow(id);
	return id;
}

interface ExecutionSummary {
	id: string;
	status: string;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main?: OutputItem[][] } }>> } };
}

async function executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
	const answer = await context.n8n.publicApi<{ data?: ExecutionSummary[] } | ExecutionSummary[]>(
		'GET',
		`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
	);
	return Array.isArray(answer) ? answer : (answer.data ?? []);
}

/** Waits until `count` executions of the workflow have finished, then returns them. */
async function finishedExecutions(workflowId: string, count: number, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = (await executionsOf(workflowId)).filter((execution) =>
			['success', 'error', 'crashed'].includes(execution.status),
		);
		if (executions.length >= count || Date.now() > deadline) return executions;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function triggerItems(execution: ExecutionSummary): Array<Record<string, unknown>> {
	const run = execution.data?.resultData.runData['inSIM Trigger']?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

describe('every event type through a published workflow', () => {
	let workflowId: string;
	const webhookId = 'e2e-insim-all-events';

	beforeAll(async () => {
		workflowId = await publishTriggerWorkflow('e2e: all inSIM events', webhookId, {
			events: [
				'sms.received',
				'call.incoming',
				'call.outgoing',
				'call.missed',
				'sms.sent',
				'sms.delivered',
				'link.clicked',
				'call.qualified',
			],
			options: {},
		});
	}, 120_000);

	e2eTest(
		'the simulator fires each event as inSIM does; each execution carries the decoded item',
		async () => {
			const url = webhookUrl(webhookId);
			const deliveries: Array<[string, object]> = [
				[
					'message',
					buildIncomingSmsPayload({
						login,
						from: '+33612345678',
						message: 'Oui 50% off & +1 #ok "merci" 👍',
						date: new Date('2025-01-15T14:30:00.000Z'),
					}),
				],
				[
					'calls',
					buildCallPayload({
						login,
						phoneNumber: '+33612345678',
						kind: 'incoming',
						duration: '00:05:23',
						callTime: '2025-01-15 14:30:00',
					}),
				],
				[
					'calls',
					buildCallPayload({
						login,
						phoneNumber: '+33612345678',
						kind: 'outgoing',
						duration: '00:00:42',
						callTime: '2025-01-15 15:00:00',
					}),
				],
				[
					'calls',
					buildCallPayload({
						login,
						phoneNumber: '+33612345678',
						kind: 'missed',
						callTime: '2025-01-15 16:00:00',
					}),
				],
				[
					'status',
					buildDeliveryStatusPayload({
						login,
						phoneNumber: '+33612345678',
						status: 'sent',
						idSmsApi: 'FI5O7apqaaqcUmQ',
						date: new Date('2025-01-15T14:30:00.000Z'),
					}),
				],
				[
					'status',
					buildDeliveryStatusPayload({
						login,
						phoneNumber: '+33612345678',
						status: 'received',
						idSmsApi: 'FI5O7apqaaqcUmQ',
						date: new Date('2025-01-15T14:31:00.000Z'),
					}),
				],
				[
					'clics',
					buildLinkClickPayload({
						idSmsApi: 'FI5O7apqaaqcUmQ',
						phoneNumber: '+33612345678',
						link: 'https://example.com/confirm',
						date: '2025-01-15 14:35:00',
					}),
				],
				[
					'qualification',
					buildCallQualificationPayload({
						login,
						from: '+33612345678',
						qualification: 'Interested - call back',
						source: 'interface',
						date: '2025-01-15 14:40:00',
					}),
				],
			];
			for (const [param, payload] of deliveries) {
				const delivery = await context.sim.fireWebhook(url, param, payload);
				expect({ param, status: delivery.status }).toEqual({ param, status: 200 });
			}

			const executions = await finishedExecutions(workflowId, deliveries.length);
			expect(executions).toHaveLength(deliveries.length);
			expect(executions.every((execution) => execution.status === 'success')).toBe(true);
			const items = executions.map(triggerItems).flat();
			const byEvent = Object.fromEntries(items.map((item) => [String(item.event), item]));
			expect(Object.keys(byEvent).sort()).toEqual([
				'call.incoming',
				'call.missed',
				'call.outgoing',
				'call.qualified',
				'link.clicked',
				'sms.delivered',
				'sms.received',
				'sms.sent',
			]);
			expect(byEvent['sms.received']).toMatchObject({
				phoneNumber: '+33612345678',
				text: 'Oui 50% off & +1 #ok "merci" 👍',
				receivedAt: '2025-01-15T14:30:00.000Z',
				account: login,
			});
			expect(byEvent['call.incoming']).toMatchObject({
				durationSeconds: 323,
				startedAt: '2025-01-15T14:30:00+01:00',
			});
			expect(byEvent['call.missed']).toMatchObject({ durationSeconds: 0 });
			expect(byEvent['sms.delivered']).toMatchObject({
				id_sms_api: 'FI5O7apqaaqcUmQ',
				status: 'delivered',
			});
			expect(byEvent['link.clicked']).toMatchObject({
				id_sms_api: 'FI5O7apqaaqcUmQ',
				clickedAt: '2025-01-15T14:35:00+01:00',
			});
			expect(byEvent['call.qualified']).toMatchObject({
				source: 'web',
				qualification: 'Interested - call back',
			});
		},
		120_000,
	);
});

describe('security options and repeated deliveries in a real n8n', () => {
	const sms = () => buildIncomingSmsPayload({ login, from: '+33612345678', message: 'hello' });

	e2eTest(
		'a refused IP gets 403 and starts no execution',
		async () => {
			const webhookId = 'e2e-insim-ip';
			const id = await publishTriggerWorkflow('e2e: IP allowlist', webhookId, {
				events: ['sms.received'],
				options: { allowedIps: '10.0.0.0/8, 2001:db8::/32' },
			});
			const delivery = await context.sim.fireWebhook(webhookUrl(webhookId), 'message', sms());
			expect(delivery.status).toBe(403);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(await executionsOf(id)).toHaveLength(0);
		},
		120_000,
	);

	e2eTest(
		'a wrong or missing secret gets 401 and starts nothing; the right one runs',
		async () => {
			const webhookId = 'e2e-insim-secret';
			const id = await publishTriggerWorkflow('e2e: secret', webhookId, {
				events: ['sms.received'],
				options: { secret: 'e2e-Secret_2026' },
			});
			const base = webhookUrl(webhookId);
			expect(
				(await context.sim.fireWebhook(`${base}?secret=e2e-Secret_2025`, 'message', sms())).status,
			).toBe(401);
			expect((await context.sim.fireWebhook(base, 'message', sms())).status).toBe(401);
			expect(
				(await context.sim.fireWebhook(`${base}?secret=e2e-Secret_2026`, 'message', sms())).status,
			).toBe(200);
			const executions = await finishedExecutions(id, 1);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(await executionsOf(id)).toHaveLength(1);
			expect(triggerItems(executions[0])[0]).toMatchObject({
				event: 'sms.received',
				text: 'hello',
			});
		},
		120_000,
	);

	e2eTest(
		'a repeated delivery is dropped when the option is on (across requests)',
		async () => {
			const webhookId = 'e2e-insim-repeats';
			const id = await publishTriggerWorkflow('e2e: repeats', webhookId, {
				events: ['sms.received'],
				options: { dropRepeats: true },
			});
			const payload = sms();
			for (let attempt = 0; attempt < 3; attempt++) {
				expect(
					(await context.sim.fireWebhook(webhookUrl(webhookId), 'message', payload)).status,
				).toBe(200);
			}
			await finishedExecutions(id, 1);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(await executionsOf(id)).toHaveLength(1);
		},
		120_000,
	);
});

describe('the example workflows', () => {
	const examplesDir = join(REPO_ROOT, 'examples');
	const load = (file: string) => {
		// The demo's stand-in CRM is the simulator's recorder, on whatever port it got here.
		const text = readFileSync(join(examplesDir, file), 'utf8')
			.split('http://127.0.0.1:3999')
			.join(context.sim.origin);
		return JSON.parse(text) as {
			id: string;
			name: string;
			nodes: unknown[];
			connections: Record<string, unknown>;
		};
	};
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		for (const file of readdirSync(examplesDir).filter((name) => name.endsWith('.json'))) {
			ids[file] = await context.n8n.importWorkflow(load(file));
			if (file !== 'appointment-reminders.json') await context.n8n.publishWorkflow(ids[file]);
		}
	}, 300_000);

	beforeEach(() => context.sim.reset());

	e2eTest(
		'appointment reminders: one batched request, scheduled, tracked, CRM ids',
		async () => {
			const result = await context.n8n.executeWorkflow(ids['appointment-reminders.json']);
			expect(result.error).toBeUndefined();
			const output = result.output('Send reminder 24 h before');
			expect(output.map((item) => item.json.id_sms_api)).toEqual([
				'crm-1001',
				'crm-1002',
				'crm-1003',
			]);
			expect(output.every((item) => item.json.success === true)).toBe(true);
			expect(context.sim.requests.filter((request) => request.path === '/v1/sendsms')).toHaveLength(
				1,
			);
			expect(context.sim.sentMessages().map((message) => message.date_to_send)).toEqual([
				'2026-12-23 09:30:00',
				'2026-12-23 10:15:00',
				'2026-12-23 11:00:00',
			]);
		},
		180_000,
	);

	e2eTest(
		'incoming SMS → an auto-reply is sent and a log row written',
		async () => {
			const delivery = await context.sim.fireWebhook(
				webhookUrl('insim-incoming-sms'),
				'message',
				buildIncomingSmsPayload({ login, from: '+33699887766', message: 'Bonjour !' }),
			);
			expect(delivery.status).toBe(200);
			await finishedExecutions(ids['incoming-sms-auto-reply.json'], 1);
			expect(context.sim.sentMessages().map((message) => message.phone_number)).toEqual([
				'+33699887766',
			]);
			expect(context.sim.recorded.map((entry) => [entry.method, entry.path, entry.body])).toEqual([
				[
					'POST',
					'/crm/sms-log',
					expect.objectContaining({ from: '+33699887766', text: 'Bonjour !' }),
				],
			]);
		},
		120_000,
	);

	e2eTest(
		'delivery status and link click → the matching record is updated',
		async () => {
			const url = webhookUrl('insim-delivery-clicks');
			await context.sim.fireWebhook(
				url,
				'status',
				buildDeliveryStatusPayload({
					login,
					phoneNumber: '+33612345678',
					status: 'received',
					idSmsApi: 'crm-1001',
				}),
			);
			await context.sim.fireWebhook(
				url,
				'clics',
				buildLinkClickPayload({
					idSmsApi: 'crm-1001',
					phoneNumber: '+33612345678',
					link: 'https://example.com/appointments/crm-1001/confirm',
				}),
			);
			await finishedExecutions(ids['delivery-and-clicks-update-record.json'], 2);
			const patches = context.sim.recorded.filter((entry) => entry.method === 'PATCH');
			expect(patches.map((entry) => entry.path)).toEqual([
				'/crm/records/crm-1001',
				'/crm/records/crm-1001',
			]);
			// Two requests, two executions running side by side: either PATCH may land first.
			const bodies = patches.map((entry) => entry.body as Record<string, unknown>);
			expect(bodies).toHaveLength(2);
			expect(bodies).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ smsStatus: 'delivered' }),
					expect.objectContaining({ link: 'https://example.com/appointments/crm-1001/confirm' }),
				]),
			);
		},
		120_000,
	);

	e2eTest(
		'missed call → an SMS back and a contact created',
		async () => {
			await context.sim.fireWebhook(
				webhookUrl('insim-missed-call'),
				'calls',
				buildCallPayload({
					login,
					phoneNumber: '+33655443322',
					kind: 'missed',
					callTime: '2026-01-15 14:30:00',
				}),
			);
			await finishedExecutions(ids['missed-call-callback.json'], 1);
			expect(
				context.sim.sentMessages().map((message) => [message.phone_number, message.message]),
			).toEqual([
				['+33655443322', 'Sorry we missed your call at 14:30. We will call you back shortly.'],
			]);
			expect(context.sim.contacts).toEqual([
				expect.objectContaining({ phone_number: '+33655443322' }),
			]);
		},
		120_000,
	);

	e2eTest(
		'call qualification → a CRM note',
		async () => {
			await context.sim.fireWebhook(
				webhookUrl('insim-call-qualified'),
				'qualification',
				buildCallQualificationPayload({
					login,
					from: '+33612345678',
					qualification: 'Wants a quote',
					date: '2026-01-15 10:00:00',
				}),
			);
			await finishedExecutions(ids['call-qualification-crm-note.json'], 1);
			expect(context.sim.recorded.map((entry) => [entry.method, entry.path, entry.body])).toEqual([
				[
					'POST',
					'/crm/notes',
					expect.objectContaining({
						phone: '+33612345678',
						note: 'Wants a quote',
						source: 'mobile',
						at: '2026-01-15T10:00:00+01:00',
					}),
				],
			]);
		},
		120_000,
	);
});
