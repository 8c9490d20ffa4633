// `npm run bench:queue`: inSIM Trigger webhook intake in n8n's queue mode, with 1 and 2 webhook
// processors, n8n's default expression engine and N8N_EXPRESSION_ENGINE=legacy, in one run (the
// workers and webhook processors are restarted between the two engines). Reports events/s and the
// CPU milliseconds per event of the webhook processors (and of the workers, which run the
// executions meanwhile on the same cores), and writes them into BENCHMARKS.md between markers.
// Options: --events <n> per measurement (default 240), --senders <n> concurrent (default 8).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import { DEMO_ACCOUNT, buildIncomingSmsPayload, startSimulator } from '../../test/simulator';
import { REPO_ROOT } from '../n8n/config';
import { stopAllGuarded } from '../n8n/processes';
import { startQueueCluster, type QueueCluster, type QueueProcess } from './cluster';
import { replaceQueueSection } from './benchReport';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** CPU time (ms) of every process in a process group (the guard, n8n and its task runner). */
function groupCpuMs(groupId: number | undefined): number {
	if (groupId === undefined) return 0;
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// fields[0] is state (field 3): pgrp is field 5, utime 14, stime 15.
			if (Number(fields[2]) !== groupId) continue;
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// the process ended meanwhile
		}
	}
	return (ticks * 1000) / TICKS_PER_SECOND;
}

const cpuOf = (procs: QueueProcess[]) =>
	procs.reduce((sum, proc) => sum + groupCpuMs(proc.groupId()), 0);

export interface IntakeResult {
	engine: 'default' | 'legacy';
	processors: number;
	events: number;
	seconds: number;
	eventsPerSecond: number;
	webhookCpuMsPerEvent: number;
	workerCpuMsPerEvent: number;
}

async function finishedCount(cluster: QueueCluster, workflowId: string): Promise<number> {
	return Number(
		await cluster.postgres.query(
			`select count(*) from execution_entity where "workflowId" = '${workflowId}' and status in ('success', 'error', 'crashed')`,
		),
	);
}

async function waitForExecutions(cluster: QueueCluster, workflowId: string, count: number) {
	const deadline = Date.now() + 600_000;
	while ((await finishedCount(cluster, workflowId)) < count) {
		if (Date.now() > deadline) throw new Error(`executions did not reach ${count} in 10 min`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

let sequence = 0;

/** Sends `events` distinct SMS events, round robin over `processors`, `senders` at a time. */
async function send(processors: QueueProcess[], events: number, senders: number): Promise<void> {
	let next = 0;
	const one = async () => {
		for (;;) {
			const index = next++;
			if (index >= events) return;
			const processor = processors[index % processors.length];
			const payload = buildIncomingSmsPayload({
				login: DEMO_ACCOUNT.login,
				from: '+33612345678',
				message: `bench ${sequence++}`,
			});
			const url = `${processor.baseUrl}/webhook/queue-bench/webhook?message=${encodeURIComponent(JSON.stringify(payload))}`;
			const response = await fetch(url);
			const body = await response.text();
			if (response.status !== 200) {
				throw new Error(`${processor.name} answered ${response.status}: ${body.slice(0, 200)}`);
			}
		}
	};
	await Promise.all(Array.from({ length: senders }, one));
}

async function measure(
	cluster: QueueCluster,
	workflowId: string,
	engine: IntakeResult['engine'],
	processors: QueueProcess[],
	events: number,
	senders: number,
	expectedSoFar: { count: number },
): Promise<IntakeResult> {
	// Warm-up (code caches, connections), then start from an empty queue.
	await send(processors, 10 * processors.length, senders);
	expectedSoFar.count += 10 * processors.length;
	await waitForExecutions(cluster, workflowId, expectedSoFar.count);
	const webhookCpu = cpuOf(processors);
	const workerCpu = cpuOf(cluster.workers);
	const started = process.hrtime.bigint();
	await send(processors, events, senders);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const webhookCpuMs = cpuOf(processors) - webhookCpu;
	expectedSoFar.count += events;
	await waitForExecutions(cluster, workflowId, expectedSoFar.count);
	const workerCpuMs = cpuOf(cluster.workers) - workerCpu;
	const result: IntakeResult = {
		engine,
		processors: processors.length,
		events,
		seconds,
		eventsPerSecond: events / seconds,
		webhookCpuMsPerEvent: webhookCpuMs / events,
		workerCpuMsPerEvent: workerCpuMs / events,
	};
	process.stderr.write(
		`[bench:queue] ${engine}, ${processors.length} webhook processor(s): ` +
			`${result.eventsPerSecond.toFixed(1)} events/s, ${result.webhookCpuMsPerEvent.toFixed(1)} ms CPU/event ` +
			`in webhook processors, ${result.workerCpuMsPerEvent.toFixed(1)} in workers\n`,
	);
	return result;
}

async function main(): Promise<void> {
	const events = flag('--events', 240);
	const senders = flag('--senders', 8);
	const sim = await startSimulator();
	let cluster: QueueCluster | undefined;
	try {
		cluster = await startQueueCluster({ label: 'queue-bench' });
		await cluster.main.importCredential({
			id: 'insimBench',
			name: 'inSIM simulator',
			type: 'insimApi',
			data: { login: DEMO_ACCOUNT.login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
		});
		const workflowId = await cluster.main.importWorkflow({
			name: 'bench: queue intake',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'bench-trigger',
					name: 'inSIM Trigger',
					type: 'n8n-nodes-insim.insimTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'queue-bench',
					parameters: { events: ['sms.received'], options: {} },
				},
				{
					id: 'bench-noop',
					name: 'Received',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: {
				'inSIM Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] },
			},
		});
		await cluster.main.publishWorkflow(workflowId);
		const expected = { count: 0 };
		const results: IntakeResult[] = [];
		const [a] = cluster.webhooks;
		for (const engine of ['default', 'legacy'] as const) {
			if (engine === 'legacy') {
				process.stderr.write('[bench:queue] restarting workers and webhook processors (legacy)\n');
				await cluster.restartAll({ N8N_EXPRESSION_ENGINE: 'legacy' });
			}
			const c = cluster;
			results.push(await measure(c, workflowId, engine, [a], events, senders, expected));
			results.push(await measure(c, workflowId, engine, c.webhooks, events, senders, expected));
		}
		const section = renderSection(results, {
			events,
			senders,
			cores: cpus().length,
			version: cluster.runtime.version,
			date: new Date().toISOString().slice(0, 10),
		});
		const file = join(REPO_ROOT, 'BENCHMARKS.md');
		writeFileSync(file, replaceQueueSection(readFileSync(file, 'utf8'), section));
		process.stdout.write(`${section}\n[bench:queue] written to ${file}\n`);
		await cluster.stop();
	} catch (error) {
		process.stderr.write(`[bench:queue] ${(error as Error).stack ?? String(error)}\n`);
		await cluster?.stop({ failed: true });
		process.exitCode = 1;
	} finally {
		await sim.close();
		await stopAllGuarded();
	}
}

function renderSection(
	results: IntakeResult[],
	run: { events: number; senders: number; cores: number; version: string; date: string },
): string {
	const row = (r: IntakeResult) =>
		`| ${r.engine === 'legacy' ? '`legacy`' : 'default'} | ${r.processors} | ${r.eventsPerSecond.toFixed(1)} | ${r.webhookCpuMsPerEvent.toFixed(1)} | ${r.workerCpuMsPerEvent.toFixed(1)} |`;
	const find = (engine: string, processors: number) =>
		results.find((r) => r.engine === engine && r.processors === processors);
	const ratio = (x?: IntakeResult, y?: IntakeResult) =>
		x && y ? `${(x.eventsPerSecond / y.eventsPerSecond).toFixed(2)}×` : '–';
	return [
		'## 5. Webhook intake in queue mode',
		'',
		`Measured by \`npm run bench:queue\` on ${run.date}: n8n ${run.version} in queue mode (Postgres, Redis, a main, 2 workers, 2 webhook processors, all on this machine's ${run.cores} cores), an inSIM Trigger workflow (SMS Received → No-Op), ${run.events} distinct events per line sent by ${run.senders} concurrent senders, round robin over the processors, each answered \`200\` before the next. Events/s is intake (first request to last answer); CPU is user + system time of the processes (with their task runners) over the same span, per event — the workers' until the last execution finished. Both engines in the same run: the workers and webhook processors are restarted with \`N8N_EXPRESSION_ENGINE=legacy\` in between.`,
		'',
		'| Expression engine | Webhook processors | Events/s | Webhook processor CPU ms/event | Worker CPU ms/event |',
		'| --- | --- | --- | --- | --- |',
		...results.map(row),
		'',
		`Intake ratio: 2 processors ÷ 1 = ${ratio(find('default', 2), find('default', 1))} (default), ${ratio(find('legacy', 2), find('legacy', 1))} (legacy); legacy ÷ default = ${ratio(find('legacy', 1), find('default', 1))} (1 processor), ${ratio(find('legacy', 2), find('default', 2))} (2 processors). On one 2-core machine a second processor adds little: the cores are shared with the workers and Postgres; on separate machines each processor brings its own cores. Almost all of a processor's CPU is n8n's own work per request (with the default engine, an expression isolate for every trigger other than n8n's Webhook node); the node's handling is under 0.2 ms.`,
	].join('\n');
}

if (require.main === module) void main();
