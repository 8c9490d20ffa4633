// One real n8n (this package loaded as a community package) and the simulator it calls, shared by
// the bulk send and webhook intake sections. Workflows are created through n8n's public API: each
// `n8n import:*` command would boot the n8n CLI, which costs seconds on this machine.
import { startN8n, type N8nInstance, type WorkflowToImport } from '../n8n';
import { DEMO_ACCOUNT, startSimulator, type Simulator } from '../../test/simulator';
import { INSIM_CREDENTIAL_NAME } from './workflows';

/** The demo account with credits for every message of the run. */
export const BENCH_ACCOUNT = { ...DEMO_ACCOUNT, smsCredits: 1_000_000_000 };

export interface BenchEnvironment {
	n8n: N8nInstance;
	sim: Simulator;
	credentialId: string;
	/** creates and publishes a workflow; returns its id */
	publish(workflow: WorkflowToImport): Promise<string>;
	stop(): Promise<void>;
}

export interface ExecutionRecord {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: {
			runData: Record<string, Array<{ executionTime?: number; startTime?: number }>>;
			error?: { message?: string };
		};
	};
}

export async function startBenchEnvironment(
	log: (line: string) => void,
	extraN8nEnv: Record<string, string> = {},
	/** default: this repository (its dist/), packed like `npm publish` */
	packageDir?: string,
): Promise<BenchEnvironment> {
	const sim = await startSimulator({ accounts: [BENCH_ACCOUNT] });
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({
			label: 'bench',
			packageDir,
			onProgress: log,
			startTimeoutMs: 300000,
			// Info lines per execution would be written for every one of thousands of runs.
			env: { N8N_LOG_LEVEL: 'warn', ...extraN8nEnv },
		});
	} catch (error) {
		await sim.close();
		throw error;
	}
	const credential = await n8n.publicApi<{ id: string }>('POST', '/credentials', {
		name: INSIM_CREDENTIAL_NAME,
		type: 'insimApi',
		data: { login: BENCH_ACCOUNT.login, apiKey: BENCH_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
	});
	return {
		n8n,
		sim,
		credentialId: credential.id,
		async publish(workflow) {
			const created = await n8n.publicApi<{ id: string }>('POST', '/workflows', {
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: workflow.settings ?? {},
			});
			await n8n.publishWorkflow(created.id);
			return created.id;
		},
		async stop() {
			await n8n.stop();
			await sim.close();
		},
	};
}

/** Executions of a workflow, newest first, with their run data. */
export async function latestExecutions(
	n8n: N8nInstance,
	workflowId: string,
	options: { limit: number; includeData: boolean; cursor?: string },
): Promise<{ data: ExecutionRecord[]; nextCursor?: string | null }> {
	const query = new URLSearchParams({
		workflowId,
		limit: String(options.limit),
		includeData: String(options.includeData),
	});
	if (options.cursor) query.set('cursor', options.cursor);
	return await n8n.publicApi('GET', `/executions?${query.toString()}`);
}
