// n8n in queue mode on one machine: Postgres and Redis (services.ts), a main process, workers and
// webhook processors of the pinned n8n, all with the package installed once in one shared user
// folder. The main is the e2e harness's startN8n (owner, API key, CLI, REST and public API).
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { logsDir } from '../n8n/config';
import { ensureN8n, formatDuration, type N8nRuntime } from '../n8n/ensureN8n';
import { spawnGuarded, type GuardedProcess } from '../n8n/processes';
import { freePort, n8nEnvironment, startN8n, type N8nInstance } from '../n8n/startN8n';
import {
	ensureDebianPackages,
	startPostgres,
	startRedis,
	type Postgres,
	type Service,
} from './services';

export type Role = 'worker' | 'webhook';

export interface QueueProcess {
	role: Role;
	/** worker-1, webhook-A, ... */
	name: string;
	/** the webhook processor's HTTP port, or the worker's health port */
	port: number;
	baseUrl: string;
	logFile: string;
	/** id of its process group (the guard, n8n and its task runner) */
	groupId(): number | undefined;
	/** this process's log since it started (all starts) */
	log(): string;
	restart(extraEnv?: Record<string, string>): Promise<void>;
	stop(): Promise<void>;
}

export interface QueueCluster {
	main: N8nInstance;
	workers: QueueProcess[];
	webhooks: QueueProcess[];
	postgres: Postgres;
	redis: Service;
	userFolder: string;
	logDir: string;
	runtime: N8nRuntime;
	/** which worker's log says it started this execution */
	workerOf(executionId: string): string | undefined;
	/** restarts workers and webhook processors with extra environment (e.g. another engine) */
	restartAll(extraEnv: Record<string, string>): Promise<void>;
	describe(): string;
	stop(options?: { failed?: boolean }): Promise<void>;
}

export interface QueueClusterOptions {
	workers?: number;
	webhookProcessors?: number;
	/** environment for every process */
	env?: Record<string, string>;
	onProgress?: (line: string) => void;
	label?: string;
}

const PROCESSOR_NAMES = ['A', 'B', 'C', 'D'];

export async function startQueueCluster(options: QueueClusterOptions = {}): Promise<QueueCluster> {
	const progress = options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
	const started = Date.now();
	const label = options.label ?? 'queue';
	const logDir = join(logsDir(), `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
	mkdirSync(logDir, { recursive: true });
	const runtime = await ensureN8n({ onProgress: progress });
	ensureDebianPackages(progress);

	const stack: Array<() => Promise<void>> = [];
	const processes: QueueProcess[] = [];
	const stopAll = async () => {
		// Workers and webhook processors side by side, then the main, then the services.
		await Promise.all(processes.map(async (proc) => proc.stop().catch(() => undefined)));
		for (const stop of stack.reverse()) await stop().catch(() => undefined);
		stack.length = 0;
	};
	try {
		const [postgres, redis] = await Promise.all([
			startPostgres(progress, join(logDir, 'postgres.log')),
			startRedis(progress, join(logDir, 'redis.log')),
		]);
		stack.push(postgres.stop, redis.stop);

		const userFolder = mkdtempSync(join(tmpdir(), `insim-${label}-n8n-`));
		stack.push(async () => rmSync(userFolder, { recursive: true, force: true }));
		const webhookPorts = await Promise.all(
			Array.from({ length: options.webhookProcessors ?? 2 }, () => freePort()),
		);
		const workerPorts = await Promise.all(
			Array.from({ length: options.workers ?? 2 }, () => freePort()),
		);
		// What inSIM must call: in production the address of the load balancer in front of the
		// webhook processors; here processor A. The main registers this URL in inSIM.
		const publicWebhookUrl = `http://127.0.0.1:${webhookPorts[0]}/`;
		const queueEnv: Record<string, string> = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			N8N_WEBHOOK_URL: publicWebhookUrl,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...options.env,
		};

		progress('[queue] Starting the main process (migrations, package install)...');
		const main = await startN8n({
			userFolder,
			env: queueEnv,
			runtime,
			label: `${label}-main`,
			onProgress: progress,
			startTimeoutMs: 300_000,
		});
		stack.push(async () => main.stop());

		const makeProcess = (role: Role, name: string, port: number): QueueProcess => {
			const logFile = join(logDir, `${name}.log`);
			let guarded: GuardedProcess | undefined;
			let extra: Record<string, string> = {};
			const baseUrl = `http://127.0.0.1:${port}`;
			const start = async () => {
				const env = n8nEnvironment({
					runtime,
					userFolder,
					port: role === 'webhook' ? port : await freePort(),
					brokerPort: await freePort(),
					extra: {
						...queueEnv,
						...(role === 'worker'
							? {
									QUEUE_HEALTH_CHECK_ACTIVE: 'true',
									QUEUE_HEALTH_CHECK_PORT: String(port),
									N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
								}
							: {}),
						...extra,
					},
				});
				const fd = openSync(logFile, 'a');
				guarded = spawnGuarded(
					runtime.nodeBin,
					[runtime.n8nBin, role, ...(role === 'worker' ? ['--concurrency=10'] : [])],
					{ cwd: userFolder, env, output: fd },
				);
				closeSync(fd);
				await waitUntilReady(`${name} (n8n ${role})`, `${baseUrl}/healthz/readiness`, guarded);
			};
			const proc: QueueProcess = {
				role,
				name,
				port,
				baseUrl,
				logFile,
				groupId: () => guarded?.pid,
				log: () => {
					try {
						return readFileSync(logFile, 'utf8');
					} catch {
						return '';
					}
				},
				restart: async (extraEnv) => {
					await guarded?.stop(20_000);
					if (extraEnv) extra = extraEnv;
					await start();
				},
				stop: async () => {
					await guarded?.stop(20_000);
				},
			};
			processes.push(proc);
			(proc as QueueProcess & { start: () => Promise<void> }).start = start;
			return proc;
		};
		const workers = workerPorts.map((port, index) =>
			makeProcess('worker', `worker-${index + 1}`, port),
		);
		const webhooks = webhookPorts.map((port, index) =>
			makeProcess('webhook', `webhook-${PROCESSOR_NAMES[index] ?? index}`, port),
		);
		progress(
			`[queue] Starting ${workers.length} workers and ${webhooks.length} webhook processors...`,
		);
		await Promise.all(
			[...workers, ...webhooks].map(async (proc) =>
				(proc as QueueProcess & { start: () => Promise<void> }).start(),
			),
		);

		const cluster: QueueCluster = {
			main,
			workers,
			webhooks,
			postgres,
			redis,
			userFolder,
			logDir,
			runtime,
			workerOf(executionId) {
				const line = new RegExp(`Worker started execution ${executionId} \\(`);
				return workers.find((worker) => line.test(worker.log()))?.name;
			},
			async restartAll(extraEnv) {
				await Promise.all([...workers, ...webhooks].map(async (proc) => proc.restart(extraEnv)));
			},
			describe() {
				return [
					`n8n ${runtime.version} in queue mode (user folder ${userFolder})`,
					`  main       ${main.baseUrl}  editor; owner ${main.owner.email} / ${main.owner.password}`,
					...workers.map((w) => `  ${w.name.padEnd(10)} ${w.baseUrl}/healthz  (health only)`),
					...webhooks.map((w) => `  ${w.name.padEnd(10)} ${w.baseUrl}/webhook/...`),
					`  N8N_WEBHOOK_URL (registered in inSIM) ${publicWebhookUrl}`,
					`  postgres   127.0.0.1:${postgres.port} user postgres, database postgres (data ${postgres.where})`,
					`  redis      127.0.0.1:${redis.port}`,
					`  logs       ${logDir}`,
				].join('\n');
			},
			async stop(stopOptions = {}) {
				if (stopOptions.failed) {
					progress(`[queue] something failed: the logs are kept in ${logDir}`);
					main.keepLog('queue cluster stopped after a failure');
				}
				await stopAll();
				if (!stopOptions.failed) rmSync(logDir, { recursive: true, force: true });
			},
		};
		progress(`[queue] Ready in ${formatDuration(Date.now() - started)}.`);
		return cluster;
	} catch (error) {
		progress(`[queue] start failed; logs in ${logDir}`);
		await stopAll();
		throw error;
	}
}

async function waitUntilReady(what: string, url: string, guarded: GuardedProcess): Promise<void> {
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (!guarded.isRunning()) {
			const status = await guarded.exited;
			throw new Error(`${what} exited during startup with ${status.code ?? status.signal}`);
		}
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
			if (response.status === 200) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${what} not ready within 300 s (${url})`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
