// Section 3: the node's own per-item cost, inside n8n-core's engine in a child process, against the
// simulator (in this process, zero latency). Every measurement gets a fresh child: a clean heap.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from '../n8n';
import { startSimulator } from '../../test/simulator';
import type { BenchOptions } from './options';
import { BENCH_ACCOUNT } from './realN8n';
import { median } from './stats';
import type { MemoryFigures, TimingFigures, WorkerInput, WorkerTask } from './inProcessWorker';

export interface PerItemCost {
	count: number;
	runs: number;
	/** median wall and CPU time per item, µs */
	wallUsPerItem: number;
	cpuUsPerItem: number;
	failures: number;
	/** decode only: inside the node's webhook(), without building n8n-core's WebhookContext */
	webhookOnlyUsPerItem?: number;
}

export interface InProcessResults {
	sendItems: number;
	/** the inSIM node, default batch size */
	send: PerItemCost;
	/** the pass-through control: what the engine alone costs per item */
	control: PerItemCost;
	/** the node wrapped in a prototype of the proposed `{{ $json.field }}` fast path */
	decode: PerItemCost;
	memory: Array<MemoryFigures & { node: 'insim' | 'passThrough' }>;
}

const WORKER = join(__dirname, 'inProcessWorker.ts');

async function runWorker<T>(input: WorkerInput): Promise<T> {
	const child = spawn(
		process.execPath,
		['--expose-gc', '-r', 'ts-node/register/transpile-only', WORKER, JSON.stringify(input)],
		{
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
		},
	);
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const lastLine = stdout.trim().split('\n').pop() ?? '';
	if (code !== 0 || !lastLine.startsWith('{')) {
		throw new Error(
			`in-process worker ${JSON.stringify(input.task)} exited with ${code}:\n${stderr.slice(-2000)}`,
		);
	}
	return JSON.parse(lastLine) as T;
}

function perItem(figures: TimingFigures): PerItemCost {
	return {
		count: figures.count,
		runs: figures.wallMs.length,
		wallUsPerItem: (median(figures.wallMs) * 1000) / figures.count,
		cpuUsPerItem: (median(figures.cpuMs) * 1000) / figures.count,
		failures: figures.failures,
		webhookOnlyUsPerItem: figures.webhookOnlyMs
			? (median(figures.webhookOnlyMs) * 1000) / figures.count
			: undefined,
	};
}

export async function runInProcess(
	options: BenchOptions,
	log: (line: string) => void,
): Promise<InProcessResults> {
	const sim = await startSimulator({ accounts: [BENCH_ACCOUNT], latencyMs: 0 });
	const base = {
		baseUrl: sim.baseUrl,
		login: BENCH_ACCOUNT.login,
		accessKey: BENCH_ACCOUNT.accessKey,
	};
	const task = async <T>(workerTask: WorkerTask): Promise<T> => {
		sim.reset();
		return await runWorker<T>({ ...base, task: workerTask });
	};
	try {
		const sendItems = options.quick ? 2000 : 10000;
		const runs = Math.max(3, options.runs);
		const send = perItem(await task({ kind: 'send', node: 'insim', count: sendItems, runs }));
		log(
			`[bench] in-process send: ${send.wallUsPerItem.toFixed(1)} µs/item wall, ${send.cpuUsPerItem.toFixed(1)} µs/item CPU`,
		);
		const control = perItem(
			await task({ kind: 'send', node: 'passThrough', count: sendItems, runs }),
		);
		log(`[bench] in-process control: ${control.wallUsPerItem.toFixed(1)} µs/item`);
		const decode = perItem(await task({ kind: 'decode', events: sendItems, runs }));
		log(
			`[bench] in-process decode: ${decode.wallUsPerItem.toFixed(1)} µs/event, ` +
				`${decode.webhookOnlyUsPerItem?.toFixed(1)} µs inside webhook()`,
		);

		const memory: InProcessResults['memory'] = [];
		const memoryCases: Array<{ node: 'insim' | 'passThrough'; count: number; batchSize?: number }> =
			[
				{ node: 'passThrough', count: options.memoryItems },
				{ node: 'insim', count: options.memoryItems, batchSize: 100 },
				{ node: 'insim', count: options.memoryItems, batchSize: 1000 },
				{ node: 'insim', count: options.memoryItems / 10, batchSize: 100 },
			];
		for (const memoryCase of memoryCases) {
			const figures = await task<MemoryFigures>({ kind: 'memory', ...memoryCase });
			memory.push({ ...figures, node: memoryCase.node });
			log(
				`[bench] memory ${memoryCase.node} ${memoryCase.count} items batch ${memoryCase.batchSize ?? '-'}: ` +
					`+${((figures.peakHeapBytes - figures.baselineHeapBytes) / 1048576).toFixed(1)} MB heap, ` +
					`+${((figures.peakRssBytes - figures.baselineRssBytes) / 1048576).toFixed(1)} MB RSS`,
			);
		}
		return { sendItems, send, control, decode, memory };
	} finally {
		await sim.close();
	}
}
