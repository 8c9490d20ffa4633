// Section 1: bulk send through a real n8n, this package's node against n8n's HTTP Request node.
import { request } from 'undici';

import type { RecordedRequest } from '../../test/simulator';
import type { BenchOptions } from './options';
import { BENCH_ACCOUNT, latestExecutions, type BenchEnvironment } from './realN8n';
import { median, nowMs, sleep } from './stats';
import {
	SENDER_NODE_NAME,
	bulkSendWorkflow,
	httpRequestSender,
	insimSender,
	type HttpBatching,
} from './workflows';

export type Profile = 'open' | 'rateLimited';

export type SenderKind = 'insim' | 'httpRequest';

export interface BulkScenario {
	id: string;
	profile: Profile;
	sender: SenderKind;
	label: string;
	/** the inSIM node's batch size */
	batchSize?: number;
	/** HTTP Request's Batching option; undefined = the option not added (n8n's default) */
	batching?: HttpBatching;
	/** the best per-item setting of this profile (the ratios are taken against it) */
	bestPerItem?: boolean;
	sizes: number[];
	/** sizes left out, with the reason printed in BENCHMARKS.md */
	skipped: Array<{ size: number; reason: string }>;
}

export interface BulkRun {
	wallMs: number;
	/** the sender node's own time in the execution (n8n's executionTime) */
	nodeMs: number | null;
	workflowStatus: string;
	webhookStatus: number;
	requests: number;
	rateLimited: number;
	otherFailures: number;
	acceptedMessages: number;
	uniqueMessages: number;
	lostMessages: number;
	duplicateMessages: number;
}

export interface BulkFigure {
	scenario: BulkScenario;
	size: number;
	runs: BulkRun[];
	/** median of the runs, per field */
	median: BulkRun;
	/** insim only: requests needed × latency (and the rate limit's own floor when limited) */
	floorMs?: number;
}

export interface BulkResults {
	latencyMs: number;
	rateLimitPerSecond: number;
	figures: BulkFigure[];
	scenarios: BulkScenario[];
}

const phoneAt = (index: number): string => `+336100${String(index).padStart(5, '0')}`;

function rowsOf(count: number): Array<{ phone: string; text: string }> {
	return Array.from({ length: count }, (_, n) => ({
		phone: phoneAt(n),
		text: `Hello customer ${n}, your appointment is confirmed for tomorrow at 10:00.`,
	}));
}

/** The fixed scenario list; sizes that cannot fit the time budget are listed with the reason. */
export function bulkScenarios(options: BenchOptions): BulkScenario[] {
	const { bulkSizes, latencyMs, rateLimitPerSecond } = options;
	const perItemSize = options.rateLimitedPerItemSize;
	const smallPerItemSize = Math.max(10, Math.round(perItemSize / 5));
	const fits = (size: number, boundMs: number, what: string) =>
		boundMs <= 60000
			? { fits: true as const }
			: {
					fits: false as const,
					reason: `not run: ${what} needs at least ${Math.round(boundMs / 1000)} s for ${size.toLocaleString('en-US')} items by construction`,
				};
	const split = (sizes: number[], bound: (size: number) => [number, string]) => {
		const kept: number[] = [];
		const skipped: BulkScenario['skipped'] = [];
		for (const size of sizes) {
			const [ms, what] = bound(size);
			const verdict = fits(size, ms, what);
			if (verdict.fits) kept.push(size);
			else skipped.push({ size, reason: verdict.reason });
		}
		return { sizes: kept, skipped };
	};
	const rateFloorMs = (requests: number) =>
		(Math.max(0, requests - rateLimitPerSecond) / rateLimitPerSecond) * 1000;
	const defaultBatching: HttpBatching = { batchSize: 50, batchIntervalMs: 1000 };
	// 10 per 1000 ms sits exactly on the limit and collides with the sliding window on timing
	// jitter; one 429 makes Retry On Fail resend every item. 10 per 1100 ms never hit a 429 here.
	const limitedBatching: HttpBatching = {
		batchSize: rateLimitPerSecond,
		batchIntervalMs: 1100,
	};
	const scenarios: BulkScenario[] = [
		{
			id: 'open-insim-default',
			profile: 'open',
			sender: 'insim',
			label: 'inSIM node, batch size 100 (default)',
			batchSize: 100,
			...split(bulkSizes, () => [0, '']),
		},
		{
			id: 'open-insim-batch1',
			profile: 'open',
			sender: 'insim',
			label: 'inSIM node, batch size 1',
			batchSize: 1,
			...split(bulkSizes, (size) => [
				size * latencyMs,
				`one request after another, ${size} × ${latencyMs} ms`,
			]),
		},
		{
			id: 'open-http-nobatching',
			profile: 'open',
			sender: 'httpRequest',
			label: 'HTTP Request per item, no Batching option (n8n default: all items at once)',
			bestPerItem: true,
			...split(bulkSizes, () => [0, '']),
		},
		{
			id: 'open-http-batching-defaults',
			profile: 'open',
			sender: 'httpRequest',
			label: 'HTTP Request per item, Batching option at its defaults (50 items / 1000 ms)',
			batching: defaultBatching,
			...split(bulkSizes, (size) => [
				(Math.ceil(size / 50) - 1) * 1000,
				'a pause of 1000 ms after every 50 items',
			]),
		},
		{
			id: 'limited-insim-default',
			profile: 'rateLimited',
			sender: 'insim',
			label: 'inSIM node, batch size 100 (default)',
			batchSize: 100,
			...split(bulkSizes, () => [0, '']),
		},
		{
			id: 'limited-insim-batch1',
			profile: 'rateLimited',
			sender: 'insim',
			label: 'inSIM node, batch size 1',
			batchSize: 1,
			...split([smallPerItemSize, ...bulkSizes], (size) =>
				size === smallPerItemSize
					? [0, '']
					: [rateFloorMs(size), `${size} requests at ${rateLimitPerSecond} per second`],
			),
		},
		{
			id: 'limited-http-nobatching',
			profile: 'rateLimited',
			sender: 'httpRequest',
			label: 'HTTP Request per item, no Batching option, Retry On Fail',
			...split([perItemSize], () => [0, '']),
		},
		{
			id: 'limited-http-batching-defaults',
			profile: 'rateLimited',
			sender: 'httpRequest',
			label: 'HTTP Request per item, Batching at its defaults (50 / 1000 ms), Retry On Fail',
			batching: defaultBatching,
			...split([smallPerItemSize], () => [0, '']),
		},
		{
			id: 'limited-http-best',
			profile: 'rateLimited',
			sender: 'httpRequest',
			label: `HTTP Request per item, Batching ${limitedBatching.batchSize} / ${limitedBatching.batchIntervalMs} ms (best setting), Retry On Fail`,
			batching: limitedBatching,
			bestPerItem: true,
			sizes: [perItemSize],
			skipped: bulkSizes
				.filter((size) => size > perItemSize)
				.map((size) => ({
					size,
					reason: `not run: ${size.toLocaleString('en-US')} requests at ${rateLimitPerSecond} per second need at least ${Math.round(rateFloorMs(size) / 1000)} s by construction`,
				})),
		},
	];
	return scenarios.map((scenario) => ({
		...scenario,
		sizes: [...new Set(scenario.sizes)].sort((a, b) => a - b),
	}));
}

export function floorMsFor(
	scenario: BulkScenario,
	size: number,
	latencyMs: number,
	rateLimitPerSecond: number,
): number | undefined {
	if (scenario.sender !== 'insim') return undefined;
	const requests = Math.ceil(size / (scenario.batchSize ?? 100));
	const latencyFloor = requests * latencyMs;
	if (scenario.profile === 'open') return latencyFloor;
	const rateFloor = (Math.max(0, requests - rateLimitPerSecond) / rateLimitPerSecond) * 1000;
	return Math.max(latencyFloor, rateFloor);
}

export async function runBulkSend(
	env: BenchEnvironment,
	options: BenchOptions,
	log: (line: string) => void,
): Promise<BulkResults> {
	const scenarios = bulkScenarios(options).filter(
		(scenario) => !options.scenarios || options.scenarios.includes(scenario.id),
	);
	const workflowIds = new Map<string, { id: string; path: string }>();
	for (const scenario of scenarios) {
		if (scenario.sizes.length === 0) continue;
		const path = `bench-bulk-${scenario.id}`;
		const sender =
			scenario.sender === 'insim'
				? insimSender(env.credentialId, scenario.batchSize)
				: httpRequestSender({
						sendSmsUrl: `${env.sim.baseUrl}/v1/sendsms`,
						login: BENCH_ACCOUNT.login,
						accessKey: BENCH_ACCOUNT.accessKey,
						batching: scenario.batching,
					});
		const id = await env.publish(bulkSendWorkflow(`bench: ${scenario.label}`, path, sender));
		workflowIds.set(scenario.id, { id, path });
	}

	const figures: BulkFigure[] = [];
	for (const profile of ['open', 'rateLimited'] as const) {
		env.sim.setOptions({
			latencyMs: options.latencyMs,
			rateLimitPerSecond: profile === 'open' ? 0 : options.rateLimitPerSecond,
		});
		for (const scenario of scenarios.filter((candidate) => candidate.profile === profile)) {
			const workflow = workflowIds.get(scenario.id);
			if (!workflow) continue;
			for (const size of scenario.sizes) {
				const runs: BulkRun[] = [];
				for (let run = 0; run < options.runs; run++) {
					const figures = await runBulkOnce(env, workflow, size);
					runs.push(figures);
					log(
						`[bench] bulk ${scenario.id} ${size} items run ${run + 1}: ${Math.round(figures.wallMs)} ms, ` +
							`${figures.requests} requests, ${figures.lostMessages} lost, ${figures.duplicateMessages} duplicates`,
					);
					// A long run is not repeated: its figure is dominated by waits, not noise.
					if (figures.wallMs > options.longRunMs) break;
				}
				figures.push({
					scenario,
					size,
					runs,
					median: medianRun(runs),
					floorMs: floorMsFor(scenario, size, options.latencyMs, options.rateLimitPerSecond),
				});
			}
		}
	}
	return {
		latencyMs: options.latencyMs,
		rateLimitPerSecond: options.rateLimitPerSecond,
		figures,
		scenarios,
	};
}

export async function runBulkOnce(
	env: BenchEnvironment,
	workflow: { id: string; path: string },
	size: number,
): Promise<BulkRun> {
	env.sim.reset();
	const body = JSON.stringify({ rows: rowsOf(size) });
	const before = await newestExecutionId(env, workflow.id);
	const started = nowMs();
	const response = await request(`${env.n8n.baseUrl}/webhook/${workflow.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
		headersTimeout: 0,
		bodyTimeout: 0,
	});
	await response.body.text();
	const wallMs = nowMs() - started;

	const execution = await finishedExecutionAfter(env, workflow.id, before);
	const senderRuns = execution?.data?.resultData.runData[SENDER_NODE_NAME] ?? [];
	const nodeMs = senderRuns.length
		? senderRuns.reduce((total, run) => total + (run.executionTime ?? 0), 0)
		: null;
	return {
		wallMs,
		nodeMs,
		workflowStatus: execution?.status ?? 'unknown',
		webhookStatus: response.statusCode,
		...countMessages(env.sim.requests, env.sim.sentMessages(), size),
	};
}

function countMessages(
	requests: RecordedRequest[],
	accepted: Array<{ phone_number: string }>,
	size: number,
) {
	const sends = requests.filter((entry) => entry.path.toLowerCase() === '/v1/sendsms');
	const unique = new Set(accepted.map((message) => message.phone_number)).size;
	return {
		requests: sends.length,
		rateLimited: sends.filter((entry) => entry.status === 429).length,
		otherFailures: sends.filter((entry) => entry.status !== 200 && entry.status !== 429).length,
		acceptedMessages: accepted.length,
		uniqueMessages: unique,
		lostMessages: size - unique,
		duplicateMessages: accepted.length - unique,
	};
}

async function newestExecutionId(env: BenchEnvironment, workflowId: string): Promise<number> {
	const { data } = await latestExecutions(env.n8n, workflowId, { limit: 1, includeData: false });
	return data.length ? Number(data[0].id) : 0;
}

/** The execution the webhook call started, once n8n has saved it as finished. */
async function finishedExecutionAfter(env: BenchEnvironment, workflowId: string, before: number) {
	const deadline = Date.now() + 60000;
	for (;;) {
		const { data } = await latestExecutions(env.n8n, workflowId, { limit: 1, includeData: true });
		const newest = data[0];
		if (newest && Number(newest.id) > before && newest.stoppedAt) return newest;
		if (Date.now() > deadline) return undefined;
		await sleep(100);
	}
}

function medianRun(runs: BulkRun[]): BulkRun {
	const pick = <K extends keyof BulkRun>(key: K) => runs.map((run) => run[key]);
	const numeric = (key: keyof BulkRun) =>
		median((pick(key) as Array<number | null>).map((v) => v ?? Number.NaN));
	const nodeTimes = runs
		.map((run) => run.nodeMs)
		.filter((value): value is number => value !== null);
	return {
		wallMs: numeric('wallMs'),
		nodeMs: nodeTimes.length ? median(nodeTimes) : null,
		workflowStatus: runs.map((run) => run.workflowStatus).join(', '),
		webhookStatus: runs[0]?.webhookStatus ?? 0,
		requests: numeric('requests'),
		rateLimited: numeric('rateLimited'),
		otherFailures: numeric('otherFailures'),
		acceptedMessages: numeric('acceptedMessages'),
		uniqueMessages: numeric('uniqueMessages'),
		// The worst run: a message lost once is lost.
		lostMessages: Math.max(...runs.map((run) => run.lostMessages)),
		duplicateMessages: Math.max(...runs.map((run) => run.duplicateMessages)),
	};
}
