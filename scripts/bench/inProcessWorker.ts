// A child process of `npm run bench` (fresh heap, --expose-gc): runs one in-process measurement
// inside n8n-core's engine and prints its figures as the last line of stdout (JSON).
import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { buildIncomingSmsPayload, buildWebhookUrl } from '../../test/simulator';
import { TestCredentialsHelper, additionalDataFor } from '../../test/engine/harness';
import {
	BenchNodeTypes,
	INSIM_TRIGGER_NODE_TYPE,
	loadBuiltPackage,
	runInEngine,
	stopEngineTimers,
} from './engineRunner';

export type WorkerTask =
	| {
			kind: 'send';
			node: 'insim' | 'passThrough';
			count: number;
			batchSize?: number;
			runs: number;
	  }
	| { kind: 'decode'; events: number; runs: number }
	| { kind: 'memory'; node: 'insim' | 'passThrough'; count: number; batchSize?: number };

export interface WorkerInput {
	task: WorkerTask;
	baseUrl: string;
	login: string;
	accessKey: string;
}

export interface TimingFigures {
	/** per run: wall time and CPU time (user + system) of this process */
	wallMs: number[];
	cpuMs: number[];
	count: number;
	failures: number;
	/** decode only: per run, the time spent inside the node's webhook() alone */
	webhookOnlyMs?: number[];
}

export interface MemoryFigures {
	count: number;
	batchSize?: number;
	/** after a full GC, before the workflow starts */
	baselineHeapBytes: number;
	baselineRssBytes: number;
	/** highest values seen while the workflow ran (sampled every 5 ms) and right after it */
	peakHeapBytes: number;
	peakRssBytes: number;
	/** after the run and a full GC, with the execution (its output items) still held */
	retainedHeapBytes: number;
	failures: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function timeSend(input: WorkerInput, task: Extract<WorkerTask, { kind: 'send' }>) {
	const credentials = { login: input.login, apiKey: input.accessKey, baseUrl: input.baseUrl };
	// Warm-up: the first run compiles the code paths and opens the connection pool.
	await runInEngine({ node: task.node, count: 500, batchSize: task.batchSize, credentials });
	const figures: TimingFigures = { wallMs: [], cpuMs: [], count: task.count, failures: 0 };
	for (let run = 0; run < task.runs; run++) {
		gc();
		const cpuBefore = process.cpuUsage();
		const started = performance.now();
		const result = await runInEngine({
			node: task.node,
			count: task.count,
			batchSize: task.batchSize,
			credentials,
		});
		figures.wallMs.push(performance.now() - started);
		const cpu = process.cpuUsage(cpuBefore);
		figures.cpuMs.push((cpu.user + cpu.system) / 1000);
		figures.failures += result.failedItems + (result.error ? 1 : 0);
	}
	return figures;
}

async function measureMemory(input: WorkerInput, task: Extract<WorkerTask, { kind: 'memory' }>) {
	const credentials = { login: input.login, apiKey: input.accessKey, baseUrl: input.baseUrl };
	await runInEngine({ node: task.node, count: 200, batchSize: task.batchSize, credentials });
	gc();
	gc();
	const baseline = process.memoryUsage();
	let peakHeap = baseline.heapUsed;
	let peakRss = baseline.rss;
	const sample = () => {
		const usage = process.memoryUsage();
		peakHeap = Math.max(peakHeap, usage.heapUsed);
		peakRss = Math.max(peakRss, usage.rss);
	};
	const sampler = setInterval(sample, 5);
	const result = await runInEngine({
		node: task.node,
		count: task.count,
		batchSize: task.batchSize,
		credentials,
	});
	sample();
	clearInterval(sampler);
	gc();
	gc();
	const retained = process.memoryUsage().heapUsed;
	const figures: MemoryFigures = {
		count: task.count,
		batchSize: task.batchSize,
		baselineHeapBytes: baseline.heapUsed,
		baselineRssBytes: baseline.rss,
		peakHeapBytes: peakHeap,
		peakRssBytes: peakRss,
		retainedHeapBytes: retained,
		failures: result.failedItems + (result.error ? 1 : 0),
	};
	// Read after the measurement, so that the execution is still referenced at the GC above.
	if (result.run === undefined) figures.failures++;
	return figures;
}

/** The trigger's webhook() as n8n's webhook server calls it, without the HTTP server around it. */
async function timeDecode(input: WorkerInput, task: Extract<WorkerTask, { kind: 'decode' }>) {
	const { insimTrigger, credential } = loadBuiltPackage();
	const nodeTypes = new BenchNodeTypes().register(INSIM_TRIGGER_NODE_TYPE, insimTrigger);
	const credentialsHelper = new TestCredentialsHelper(
		{ login: input.login, apiKey: input.accessKey, baseUrl: input.baseUrl },
		credential,
	);
	const node: INode = {
		id: 'trigger',
		name: 'inSIM Trigger',
		type: INSIM_TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'bench-decode',
		parameters: {},
		credentials: { insimApi: { id: '1', name: 'inSIM account' } },
	};
	node.parameters =
		NodeHelpers.getNodeParameters(
			insimTrigger.description.properties,
			{},
			true,
			false,
			node,
			insimTrigger.description,
		) ?? {};
	const workflow = new Workflow({
		id: 'wf-bench-decode',
		name: 'bench decode',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: { timezone: 'Europe/Paris' },
	});
	const webhookData: IWebhookData = {
		httpMethod: 'GET',
		node: node.name,
		path: 'bench-decode/webhook',
		webhookDescription: insimTrigger.description.webhooks!.find(
			(description) => description.httpMethod === 'GET',
		) as IWebhookDescription,
		workflowId: 'wf-bench-decode',
		workflowExecuteAdditionalData: additionalDataFor(credentialsHelper),
		webhookId: 'bench-decode',
	};
	const urls = Array.from({ length: task.events }, (_, index) =>
		buildWebhookUrl(
			'/webhook/bench-decode/webhook',
			'message',
			buildIncomingSmsPayload({
				login: input.login,
				from: '+33612345678',
				message: `Yes, I confirm 50% off & more #${index}`,
				date: new Date('2026-01-15T14:30:00.000Z'),
			}),
		),
	);
	const response = {
		statusCode: 200,
		status(code: number) {
			this.statusCode = code;
			return this;
		},
		json: () => undefined,
	};
	let failures = 0;
	let insideWebhookMs = 0;
	const decodeAll = async (count: number) => {
		for (let index = 0; index < count; index++) {
			const url = urls[index];
			const request = {
				method: 'GET',
				url,
				originalUrl: url,
				headers: { host: '127.0.0.1' },
				socket: { remoteAddress: '127.0.0.1' },
				ip: '127.0.0.1',
				query: {},
				body: {},
			};
			const additionalData = Object.assign(additionalDataFor(credentialsHelper), {
				httpRequest: request,
				httpResponse: response,
			}) as unknown as IWorkflowExecuteAdditionalData;
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			const callStarted = performance.now();
			const result = await insimTrigger.webhook!.call(context);
			insideWebhookMs += performance.now() - callStarted;
			if (result.workflowData?.[0]?.length !== 1) failures++;
		}
	};
	await decodeAll(Math.min(1000, task.events));
	failures = 0;
	const figures: TimingFigures = {
		wallMs: [],
		cpuMs: [],
		count: task.events,
		failures: 0,
		webhookOnlyMs: [],
	};
	for (let run = 0; run < task.runs; run++) {
		gc();
		insideWebhookMs = 0;
		const cpuBefore = process.cpuUsage();
		const started = performance.now();
		await decodeAll(task.events);
		figures.wallMs.push(performance.now() - started);
		figures.webhookOnlyMs?.push(insideWebhookMs);
		const cpu = process.cpuUsage(cpuBefore);
		figures.cpuMs.push((cpu.user + cpu.system) / 1000);
	}
	figures.failures = failures;
	return figures;
}

async function main(): Promise<void> {
	const input = JSON.parse(process.argv[2]) as WorkerInput;
	const { task } = input;
	let figures: TimingFigures | MemoryFigures;
	if (task.kind === 'send') figures = await timeSend(input, task);
	else if (task.kind === 'decode') figures = await timeDecode(input, task);
	else figures = await measureMemory(input, task);
	stopEngineTimers();
	process.stdout.write(`\n${JSON.stringify(figures as unknown as IDataObject)}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exitCode = 1;
});
