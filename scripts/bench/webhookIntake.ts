// Section 2: webhook intake through a real n8n. The inSIM Trigger against n8n's Webhook node
// followed by a Code node that decodes the same payload, with 1, 8 and 32 concurrent senders.
import { Agent, request } from 'undici';

import { buildIncomingSmsPayload, buildWebhookUrl } from '../../test/simulator';
import type { BenchOptions } from './options';
import {
	BENCH_ACCOUNT,
	latestExecutions,
	type BenchEnvironment,
	type ExecutionRecord,
} from './realN8n';
import { median, nowMs, percentile, sleep } from './stats';
import { insimTriggerWorkflow, webhookAndCodeWorkflow } from './workflows';

export type IntakeReceiver = 'insimTrigger' | 'webhookAndCode';

export interface IntakeRun {
	events: number;
	/** executions found finished (success) for the events sent */
	executions: number;
	failedExecutions: number;
	non200Answers: number;
	/** events / (last execution's stop − first request's start) */
	eventsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** median time until n8n's answer (200) arrived */
	answerP50Ms: number;
}

export interface IntakeFigure {
	receiver: IntakeReceiver;
	concurrency: number;
	runs: IntakeRun[];
	median: IntakeRun;
}

export interface IntakeResults {
	eventsPerRun: number;
	figures: IntakeFigure[];
}

export const INTAKE_RECEIVER_LABELS: Record<IntakeReceiver, string> = {
	insimTrigger: 'inSIM Trigger',
	webhookAndCode: 'Webhook + Code (decodes the payload)',
};

export async function runWebhookIntake(
	env: BenchEnvironment,
	options: BenchOptions,
	log: (line: string) => void,
): Promise<IntakeResults> {
	env.sim.setOptions({ latencyMs: 0, rateLimitPerSecond: 0 });
	const insimWebhookId = 'bench-intake-insim-trigger';
	const genericPath = 'bench-intake-generic';
	const workflows: Record<IntakeReceiver, { id: string; url: string }> = {
		insimTrigger: {
			id: await env.publish(
				insimTriggerWorkflow('bench: inSIM Trigger intake', insimWebhookId, env.credentialId),
			),
			url: `${env.n8n.baseUrl}/webhook/${insimWebhookId}/webhook`,
		},
		webhookAndCode: {
			id: await env.publish(webhookAndCodeWorkflow('bench: Webhook + Code intake', genericPath)),
			url: `${env.n8n.baseUrl}/webhook/${genericPath}`,
		},
	};

	// One warm-up event each: the first Code node run starts n8n's task runner.
	for (const receiver of Object.keys(workflows) as IntakeReceiver[]) {
		await runOnce(env, workflows[receiver], 1, 2, `warmup-${receiver}`);
	}

	const figures: IntakeFigure[] = [];
	for (const concurrency of options.intakeConcurrency) {
		const runsByReceiver: Record<IntakeReceiver, IntakeRun[]> = {
			insimTrigger: [],
			webhookAndCode: [],
		};
		for (let run = 0; run < options.runs; run++) {
			// Alternated, so that a slow moment of the machine does not favour one of the two.
			for (const receiver of Object.keys(workflows) as IntakeReceiver[]) {
				const tag = `${receiver}-c${concurrency}-r${run}`;
				const figures = await runOnce(
					env,
					workflows[receiver],
					concurrency,
					options.intakeEvents,
					tag,
				);
				runsByReceiver[receiver].push(figures);
				log(
					`[bench] intake ${receiver} c=${concurrency} run ${run + 1}: ` +
						`${figures.eventsPerSecond.toFixed(0)} events/s, p50 ${figures.p50Ms.toFixed(1)} ms, ` +
						`p99 ${figures.p99Ms.toFixed(1)} ms, ${figures.executions}/${figures.events} executions`,
				);
			}
		}
		for (const receiver of Object.keys(workflows) as IntakeReceiver[]) {
			const runs = runsByReceiver[receiver];
			figures.push({ receiver, concurrency, runs, median: medianRun(runs) });
		}
	}
	return { eventsPerRun: options.intakeEvents, figures };
}

async function runOnce(
	env: BenchEnvironment,
	workflow: { id: string; url: string },
	concurrency: number,
	eventCount: number,
	tag: string,
): Promise<IntakeRun> {
	const urls = Array.from({ length: eventCount }, (_, index) =>
		buildWebhookUrl(
			workflow.url,
			'message',
			buildIncomingSmsPayload({
				login: BENCH_ACCOUNT.login,
				from: '+33612345678',
				message: `Yes, I confirm 50% off & more ${tag}#${index}#`,
				date: new Date('2026-01-15T14:30:00.000Z'),
			}),
		),
	);
	const sentAt = new Array<number>(eventCount);
	const answerMs: number[] = [];
	let non200Answers = 0;
	let next = 0;
	const agent = new Agent({ connections: concurrency, pipelining: 1 });
	const sender = async () => {
		for (;;) {
			const index = next++;
			if (index >= eventCount) return;
			sentAt[index] = nowMs();
			const response = await request(urls[index], { method: 'GET', dispatcher: agent });
			await response.body.text();
			answerMs.push(nowMs() - sentAt[index]);
			if (response.statusCode !== 200) non200Answers++;
		}
	};
	const started = nowMs();
	await Promise.all(Array.from({ length: concurrency }, sender));
	await agent.close();

	const stoppedByIndex = await waitForExecutions(env, workflow.id, tag, eventCount, started);
	const latencies: number[] = [];
	let lastStop = started;
	let failed = 0;
	for (const [index, execution] of stoppedByIndex) {
		if (execution.status !== 'success') failed++;
		const stopped = Date.parse(execution.stoppedAt ?? '');
		latencies.push(stopped - sentAt[index]);
		lastStop = Math.max(lastStop, stopped);
	}
	return {
		events: eventCount,
		executions: stoppedByIndex.size,
		failedExecutions: failed,
		non200Answers,
		eventsPerSecond: (stoppedByIndex.size / (lastStop - started)) * 1000,
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		answerP50Ms: percentile(answerMs, 50),
	};
}

/**
 * Finds the execution each event started: its run data carries the event's `<tag>#<index>#`.
 * Executions are read newest first until those older than the run start.
 */
async function waitForExecutions(
	env: BenchEnvironment,
	workflowId: string,
	tag: string,
	eventCount: number,
	startedAt: number,
): Promise<Map<number, ExecutionRecord>> {
	const marker = new RegExp(`${tag}#(\\d+)#`);
	const deadline = Date.now() + 60000 + eventCount * 50;
	for (;;) {
		const found = new Map<number, ExecutionRecord>();
		let cursor: string | undefined;
		for (;;) {
			const page = await latestExecutions(env.n8n, workflowId, {
				limit: 250,
				includeData: true,
				cursor,
			});
			let olderThanRun = false;
			for (const execution of page.data) {
				if (Date.parse(execution.startedAt) < startedAt - 1000) olderThanRun = true;
				if (!execution.stoppedAt) continue;
				const match = marker.exec(JSON.stringify(execution.data ?? {}));
				if (match) found.set(Number(match[1]), execution);
			}
			if (olderThanRun || !page.nextCursor || page.data.length === 0) break;
			cursor = page.nextCursor;
		}
		if (found.size >= eventCount || Date.now() > deadline) return found;
		await sleep(250);
	}
}

function medianRun(runs: IntakeRun[]): IntakeRun {
	const of = (key: keyof IntakeRun) => median(runs.map((run) => run[key]));
	return {
		events: of('events'),
		executions: Math.min(...runs.map((run) => run.executions)),
		failedExecutions: Math.max(...runs.map((run) => run.failedExecutions)),
		non200Answers: Math.max(...runs.map((run) => run.non200Answers)),
		eventsPerSecond: of('eventsPerSecond'),
		p50Ms: of('p50Ms'),
		p99Ms: of('p99Ms'),
		answerP50Ms: of('answerP50Ms'),
	};
}
