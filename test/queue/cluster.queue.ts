/**
 * Both nodes in n8n's queue mode (scripts/queue): Postgres, Redis, a main process, 2 workers and
 * 2 webhook processors of the pinned n8n, the package installed once in their shared user folder,
 * the inSIM simulator on loopback. `npm run test:queue` (called by .ci/run).
 */
import type { OutputItem } from '../../scripts/n8n';
import { startQueueCluster, type QueueCluster } from '../../scripts/queue';
import {
	DEMO_ACCOUNT,
	buildCallPayload,
	buildCallQualificationPayload,
	buildDeliveryStatusPayload,
	buildIncomingSmsPayload,
	buildLinkClickPayload,
	startSimulator,
	type Simulator,
} from '../simulator';

const CREDENTIAL_ID = 'insimQueueCredential';
const credentialRef = { insimApi: { id: CREDENTIAL_ID, name: 'inSIM simulator' } };
const login = DEMO_ACCOUNT.login;

let cluster: QueueCluster;
let sim: Simulator;
let failed = false;

beforeAll(async () => {
	try {
		sim = await startSimulator();
		cluster = await startQueueCluster({ label: 'queue-e2e' });
		await cluster.main.importCredential({
			id: CREDENTIAL_ID,
			name: 'inSIM simulator',
			type: 'insimApi',
			data: { login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
		});
		process.stderr.write(`${cluster.describe()}\n`);
	} catch (error) {
		failed = true;
		throw error;
	}
}, 420_000);

afterAll(async () => {
	await cluster?.stop({ failed });
	await sim?.close();
}, 120_000);

/** A test whose failure keeps every process's log. */
function queueTest(name: string, body: () => Promise<void>, timeout = 240_000): void {
	test(
		name,
		async () => {
			try {
				await body();
			} catch (error) {
				failed = true;
				throw error;
			}
		},
		timeout,
	);
}

interface Execution {
	id: string;
	status: string;
	mode?: string;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main?: OutputItem[][] } }>> } };
}

async function executionsOf(workflowId: string): Promise<Execution[]> {
	const answer = await cluster.main.publicApi<{ data?: Execution[] }>(
		'GET',
		`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
	);
	return answer.data ?? [];
}

/** Waits until `count` executions finished (and a little more, to see any extra one). */
async function finishedExecutions(workflowId: string, count: number, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await executionsOf(workflowId);
		const done = all.filter((e) => ['success', 'error', 'crashed'].includes(e.status));
		if ((done.length >= count && done.length === all.length) || Date.now() > deadline) {
			return done.sort((a, b) => Number(a.id) - Number(b.id));
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

function outputOf(execution: Execution, node: string): Array<Record<string, unknown>> {
	const run = execution.data?.resultData.runData[node]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** `${processor}/webhook/<path>`: a production webhook URL on one webhook processor. */
const productionUrl = (processor: { baseUrl: string }, path: string) =>
	`${processor.baseUrl}/webhook/${path}`;

async function importAndPublish(workflow: Record<string, unknown>): Promise<string> {
	const id = await cluster.main.importWorkflow({
		settings: { executionOrder: 'v1', timezone: 'Europe/Paris' },
		...(workflow as { name: string; nodes: unknown[]; connections: Record<string, unknown> }),
	});
	await cluster.main.publishWorkflow(id);
	return id;
}

function triggerNode(webhookId: string, parameters: Record<string, unknown>) {
	return {
		id: `${webhookId}-trigger`,
		name: 'inSIM Trigger',
		type: 'n8n-nodes-insim.insimTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		credentials: credentialRef,
	};
}

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

function everyEventDelivery(): Array<[string, object]> {
	return [
		['message', buildIncomingSmsPayload({ login, from: '+33612345678', message: 'Oui 50% off' })],
		[
			'calls',
			buildCallPayload({
				login,
				phoneNumber: '+33612345678',
				kind: 'incoming',
				duration: '00:05:23',
			}),
		],
		[
			'calls',
			buildCallPayload({
				login,
				phoneNumber: '+33612345678',
				kind: 'outgoing',
				duration: '00:00:42',
			}),
		],
		['calls', buildCallPayload({ login, phoneNumber: '+33612345678', kind: 'missed' })],
		[
			'status',
			buildDeliveryStatusPayload({
				login,
				phoneNumber: '+33612345678',
				status: 'sent',
				idSmsApi: 'Q1',
			}),
		],
		[
			'status',
			buildDeliveryStatusPayload({
				login,
				phoneNumber: '+33612345678',
				status: 'received',
				idSmsApi: 'Q1',
			}),
		],
		[
			'clics',
			buildLinkClickPayload({
				idSmsApi: 'Q1',
				phoneNumber: '+33612345678',
				link: 'https://example.com/confirm',
			}),
		],
		[
			'qualification',
			buildCallQualificationPayload({
				login,
				from: '+33612345678',
				qualification: 'Interested',
				source: 'interface',
			}),
		],
	];
}

queueTest(
	'250 SMS sent from a workflow that runs on a worker: 3 requests, none twice',
	async () => {
		const rows = Array.from({ length: 250 }, (_, n) => ({
			n,
			phone: `+3361${String(n).padStart(7, '0')}`,
			name: `Client ${n}`,
		}));
		const id = await importAndPublish({
			name: 'queue: send 250 SMS',
			nodes: [
				{
					id: 'q-send-webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'queue-send-250',
					parameters: { httpMethod: 'POST', path: 'queue-send-250', options: {} },
				},
				{
					id: 'q-send-rows',
					name: 'Rows',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
					parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
				},
				{
					id: 'q-send-split',
					name: 'Split Out',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [440, 0],
					parameters: { fieldToSplitOut: 'rows', options: {} },
				},
				{
					id: 'q-send-insim',
					name: 'inSIM',
					type: 'n8n-nodes-insim.insim',
					typeVersion: 1,
					position: [660, 0],
					parameters: {
						resource: 'sms',
						operation: 'send',
						phoneNumber: '={{ $json.phone }}',
						message: '={{ "Hello " + $json.name }}',
						options: { messageId: '={{ "order-" + $json.n }}' },
					},
					credentials: credentialRef,
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
				Rows: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
				'Split Out': { main: [[{ node: 'inSIM', type: 'main', index: 0 }]] },
			},
		});
		const before = sim.requests.length;
		const answer = await fetch(productionUrl(cluster.webhooks[1], 'queue-send-250'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(answer.status).toBe(200);

		const [execution] = await finishedExecutions(id, 1);
		expect(execution?.status).toBe('success');
		const worker = cluster.workerOf(execution.id);
		expect(worker).toMatch(/^worker-\d$/);
		const sends = sim.requests.slice(before).filter((request) => request.path.endsWith('/sendsms'));
		const sent = sim.sentMessages();
		const ids = sent.map((message) => message.id_sms_api);
		expect(sends).toHaveLength(3);
		expect(sent).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
		const output = outputOf(execution, 'inSIM');
		expect(output).toHaveLength(250);
		expect(output.every((item) => item.success === true)).toBe(true);
		process.stderr.write(
			`[queue] 250 SMS: execution ${execution.id} ran on ${worker}; ${sends.length} requests, ` +
				`${sent.length} messages, ${new Set(ids).size} distinct\n`,
		);
	},
);

queueTest('every event type through both webhook processors, executed on workers', async () => {
	const id = await importAndPublish({
		name: 'queue: all inSIM events',
		nodes: [
			triggerNode('queue-all-events', { events: ALL_EVENTS, options: {} }),
			{
				id: 'q-all-noop',
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { 'inSIM Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	});
	const deliveries = everyEventDelivery();
	for (const processor of cluster.webhooks) {
		for (const [param, payload] of deliveries) {
			const url = productionUrl(processor, 'queue-all-events/webhook');
			const delivery = await sim.fireWebhook(url, param, payload);
			expect({ processor: processor.name, param, status: delivery.status }).toEqual({
				processor: processor.name,
				param,
				status: 200,
			});
		}
	}
	// The answer is the node's JSON, from a webhook processor (the main serves no production URL).
	const answer = await fetch(
		`${productionUrl(cluster.webhooks[0], 'queue-all-events/webhook')}?message=${encodeURIComponent(
			JSON.stringify(deliveries[0][1]),
		)}`,
	);
	expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
	expect(await answer.json()).toEqual({ accepted: true, started: true, events: 1 });
	// N8N_DISABLE_PRODUCTION_MAIN_PROCESS: the main does not run the node (it may answer its
	// editor page).
	const mainAnswer = await fetch(
		`${cluster.main.baseUrl}/webhook/queue-all-events/webhook?message=${encodeURIComponent(
			JSON.stringify(deliveries[0][1]),
		)}`,
	);
	expect(await mainAnswer.text()).not.toContain('"accepted"');

	const expected = deliveries.length * cluster.webhooks.length + 1;
	const executions = await finishedExecutions(id, expected);
	expect(executions).toHaveLength(expected);
	expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	const events = executions.flatMap((execution) =>
		outputOf(execution, 'inSIM Trigger').map((item) => String(item.event)),
	);
	for (const event of ALL_EVENTS) {
		expect({ event, times: events.filter((seen) => seen === event).length }).toEqual({
			event,
			times: event === 'sms.received' ? 3 : 2,
		});
	}
	const byWorker: Record<string, number> = {};
	for (const execution of executions) {
		const worker = cluster.workerOf(execution.id) ?? 'no worker';
		byWorker[worker] = (byWorker[worker] ?? 0) + 1;
	}
	expect(byWorker['no worker']).toBeUndefined();
	process.stderr.write(
		`[queue] every event: ${executions.length} executions, by worker ${JSON.stringify(byWorker)}\n`,
	);
});

queueTest(
	'the same delivery to processor A, A, B, then A after a restart: one execution does the work',
	async () => {
		const id = await importAndPublish({
			name: 'queue: repeated deliveries',
			nodes: [
				triggerNode('queue-repeats', { events: ALL_EVENTS, options: { dropRepeats: true } }),
				{
					id: 'q-rep-http',
					name: 'Record',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: {
						method: 'POST',
						url: `${sim.origin}/__sim/recorder/queue-repeats`,
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify({ deliveryId: $json.deliveryId, text: $json.text }) }}',
						options: {},
					},
				},
			],
			connections: { 'inSIM Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		});
		const [a, b] = cluster.webhooks;
		const payload = buildIncomingSmsPayload({
			login,
			from: '+33612345678',
			message: 'same delivery',
		});
		const send = async (processor: typeof a) => {
			const delivery = await sim.fireWebhook(
				productionUrl(processor, 'queue-repeats/webhook'),
				'message',
				payload,
			);
			expect(delivery.status).toBe(200);
			return JSON.parse(String(delivery.body ?? '{}')) as { events?: number };
		};
		const answers: Array<[string, number | undefined]> = [];
		answers.push(['A', (await send(a)).events]);
		await finishedExecutions(id, 1);
		answers.push(['A again', (await send(a)).events]);
		answers.push(['B', (await send(b)).events]);
		await finishedExecutions(id, 2);
		await a.restart();
		answers.push(['A after restart', (await send(a)).events]);
		// The fast first line: the repeat to the same processor starts nothing at all.
		expect(answers).toEqual([
			['A', 1],
			['A again', 0],
			['B', 1],
			['A after restart', 1],
		]);
		const executions = await finishedExecutions(id, 3);
		expect(executions).toHaveLength(3);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		const carried = executions.map((execution) => outputOf(execution, 'inSIM Trigger').length);
		expect(carried).toEqual([1, 0, 0]);
		const recorded = sim.recorded.filter((entry) => entry.path === '/queue-repeats');
		expect(recorded).toHaveLength(1);
		expect((recorded[0].body as { text?: string }).text).toBe('same delivery');
		const workers = executions.map((execution) => cluster.workerOf(execution.id));
		expect(workers.every((worker) => worker !== undefined)).toBe(true);
		const rows = await cluster.postgres.query(
			`select count(*) from processed_data where "workflowId" = '${id}'`,
		);
		expect(rows).toBe('1');

		// A different delivery still goes through, on either processor.
		const other = buildIncomingSmsPayload({ login, from: '+33612345678', message: 'another one' });
		const delivery = await sim.fireWebhook(
			productionUrl(b, 'queue-repeats/webhook'),
			'message',
			other,
		);
		expect(delivery.status).toBe(200);
		await finishedExecutions(id, 4);
		expect(sim.recorded.filter((entry) => entry.path === '/queue-repeats')).toHaveLength(2);
		process.stderr.write(
			`[queue] repeats: answers ${JSON.stringify(answers)}; executions ${executions.length} ` +
				`(trigger items ${JSON.stringify(carried)}, workers ${JSON.stringify(workers)}); ` +
				`downstream runs ${recorded.length}\n`,
		);
	},
	300_000,
);

queueTest(
	'Register Automatically: the main registers on activation and restores on deactivation',
	async () => {
		const account = sim.webhooks;
		account.incoming_sms = 'https://crm.example.com/old-sms';
		account.call_events = 'https://crm.example.com/old-calls';
		const webhookId = 'queue-register';
		const id = await importAndPublish({
			name: 'queue: register automatically',
			nodes: [
				triggerNode(webhookId, {
					events: ['sms.received'],
					registerAutomatically: true,
					options: {},
				}),
				{
					id: 'q-reg-noop',
					name: 'Received',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: { 'inSIM Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		});
		// The main registered the public webhook URL (processor A here), not its own address.
		const registered = `${cluster.webhooks[0].baseUrl}/webhook/${webhookId}/webhook`;
		expect(sim.webhooks.incoming_sms).toBe(registered);
		expect(sim.webhooks.call_events).toBe('https://crm.example.com/old-calls');
		const stored = await cluster.postgres.query(
			`select "staticData" from workflow_entity where id = '${id}'`,
		);
		expect(stored).toContain('https://crm.example.com/old-sms');
		expect(stored).toContain(registered);

		// inSIM calls the registered URL; a worker runs the execution.
		const delivery = await sim.fireWebhook(
			sim.webhooks.incoming_sms,
			'message',
			buildIncomingSmsPayload({ login, from: '+33612345678', message: 'registered' }),
		);
		expect(delivery.status).toBe(200);
		const [execution] = await finishedExecutions(id, 1);
		expect(outputOf(execution, 'inSIM Trigger')[0]).toMatchObject({ text: 'registered' });
		expect(cluster.workerOf(execution.id)).toMatch(/^worker-\d$/);

		await cluster.main.publicApi('POST', `/workflows/${id}/deactivate`);
		const deadline = Date.now() + 30_000;
		while (sim.webhooks.incoming_sms === registered && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(sim.webhooks.incoming_sms).toBe('https://crm.example.com/old-sms');
		expect(sim.webhooks.call_events).toBe('https://crm.example.com/old-calls');
		// n8n saves the static data after every webhook of the workflow is removed: poll for it.
		let after = '';
		const saved = Date.now() + 30_000;
		do {
			await new Promise((resolve) => setTimeout(resolve, 200));
			after = await cluster.postgres.query(
				`select "staticData" from workflow_entity where id = '${id}'`,
			);
		} while (after.includes('old-sms') && Date.now() < saved);
		expect(after).not.toContain('old-sms');
		process.stderr.write(
			`[queue] registration: activation set incoming_sms to ${registered}, static data ` +
				`${stored}; deactivation restored ${sim.webhooks.incoming_sms}; static data now ${after}\n`,
		);
	},
);

queueTest(
	'SMS → Send and Wait for Response: the execution waits, the page POST resumes it on a worker',
	async () => {
		const path = 'queue-send-and-wait';
		const id = await importAndPublish({
			name: 'queue: send and wait',
			nodes: [
				{
					id: 'q-saw-start',
					name: 'Start',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'q-saw-start-webhook',
					parameters: { path, httpMethod: 'POST', responseMode: 'onReceived' },
				},
				{
					id: 'q-saw-ask',
					name: 'Ask',
					type: 'n8n-nodes-insim.insim',
					typeVersion: 1,
					position: [220, 0],
					webhookId: 'q-saw-ask-webhook',
					parameters: {
						resource: 'sms',
						operation: 'sendAndWait',
						phoneNumber: '+33612345678',
						message: 'Approve the quote?',
						responseType: 'approval',
						approvalOptions: { values: { approvalType: 'double' } },
					},
					credentials: credentialRef,
				},
				{
					id: 'q-saw-done',
					name: 'Answered',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [440, 0],
					parameters: {},
				},
			],
			connections: {
				Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
				Ask: { main: [[{ node: 'Answered', type: 'main', index: 0 }]] },
			},
		});
		const sentBefore = sim.sentMessages().length;
		const started = await fetch(productionUrl(cluster.webhooks[0], path), { method: 'POST' });
		expect(started.status).toBe(200);
		const deadline = Date.now() + 120_000;
		let waiting: Execution | undefined;
		while (!waiting && Date.now() < deadline) {
			waiting = (await executionsOf(id)).find((execution) => execution.status === 'waiting');
			if (!waiting) await new Promise((resolve) => setTimeout(resolve, 300));
		}
		expect(waiting?.status).toBe('waiting');
		const sms = sim.sentMessages()[sentBefore];
		const resumeUrl = String(sms.url);
		expect(resumeUrl).toContain(`/webhook-waiting/${waiting!.id}/q-saw-ask?to=`);
		expect(resumeUrl).toMatch(/&signature=[0-9a-f]{64}$/);

		// The link on a webhook processor: GET shows the page, the button's POST resumes.
		const onProcessor = new URL(resumeUrl);
		const processor = new URL(cluster.webhooks[1].baseUrl);
		onProcessor.host = processor.host;
		const page = await fetch(onProcessor);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('>Decline</button>');
		expect((await executionsOf(id)).find((e) => e.id === waiting!.id)?.status).toBe('waiting');
		const pressed = Date.now();
		const answer = await fetch(onProcessor, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'approved=false',
		});
		expect(answer.status).toBe(200);
		const [finished] = await finishedExecutions(id, 1);
		expect(finished.status).toBe('success');
		const [output] = (
			finished.data?.resultData.runData.Answered?.at(-1)?.data?.main?.[0] ?? []
		).map((item) => item.json);
		expect(output).toMatchObject({ data: { approved: false }, answered: true });
		expect(cluster.workerOf(finished.id)).toMatch(/^worker-\d$/);
		process.stderr.write(
			`[queue] send and wait: button POST → execution finished in ${Date.now() - pressed} ms, ` +
				`resumed by ${cluster.workerOf(finished.id)}\n`,
		);
	},
);
