/**
 * One real n8n (and one in-process inSIM simulator it calls over loopback) per test file.
 * A failing test or hook keeps n8n's log (stop({ failed: true })) and says where it is.
 */
import {
	HarnessStepError,
	startN8n,
	type N8nInstance,
	type OutputItem,
	type WorkflowToImport,
} from '../../scripts/n8n';
import { DEMO_ACCOUNT, startSimulator, type Simulator, type SimulatorOptions } from '../simulator';

/** Installing is done by globalSetup; this covers a cold start with migrations on 2 cores. */
const START_TIMEOUT_MS = 300000;
const TEST_TIMEOUT_MS = 180000;

export interface E2eContext {
	n8n: N8nInstance;
	sim: Simulator;
}

export function setUpE2e(label: string, simulatorOptions: SimulatorOptions = {}) {
	const context = {} as E2eContext;
	let failed = false;

	beforeAll(async () => {
		try {
			context.sim = await startSimulator(simulatorOptions);
			context.n8n = await startN8n({ label });
		} catch (error) {
			failed = true;
			throw error;
		}
	}, START_TIMEOUT_MS);

	afterAll(async () => {
		await context.n8n?.stop({ failed });
		await context.sim?.close();
	}, 60000);

	/** A test whose failure keeps n8n's log; a failed assertion reads `[e2e:check] <test>: …`. */
	const e2eTest = (name: string, body: () => Promise<void>, timeout = TEST_TIMEOUT_MS): void => {
		test(
			name,
			async () => {
				try {
					await body();
				} catch (error) {
					failed = true;
					throw error instanceof HarnessStepError ? error : asCheckFailure(name, error);
				}
			},
			timeout,
		);
	};

	return { context, e2eTest };
}

function asCheckFailure(testName: string, error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	const prefix = `[e2e:check] ${testName}\n`;
	error.message = `${prefix}${error.message}`;
	if (error.stack) error.stack = `${prefix}${error.stack}`;
	return error;
}

export const SIMULATOR_LOGIN = DEMO_ACCOUNT.login;
export const SIMULATOR_ACCESS_KEY = DEMO_ACCOUNT.accessKey;

/** An `inSIM API` credential as n8n stores it, pointing at the simulator. */
export function simulatorCredential(
	sim: Simulator,
	overrides: { apiKey?: string; name?: string } = {},
) {
	return {
		name: overrides.name ?? 'inSIM simulator',
		type: 'insimApi',
		data: {
			login: SIMULATOR_LOGIN,
			apiKey: overrides.apiKey ?? SIMULATOR_ACCESS_KEY,
			baseUrl: sim.baseUrl,
		},
	};
}

export interface InsimNodeSpec {
	parameters: Record<string, unknown>;
	credentialId: string;
	/** n8n's node setting "On Error" */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export const INSIM_NODE_NAME = 'inSIM';

/**
 * Manual Trigger → "Rows" (Edit Fields, raw JSON `{ rows: [...] }`) → "Split Out" (one item per
 * row) → inSIM. Built only from nodes that need no task runner, and runnable by `n8n execute`.
 */
export function rowsToInsimWorkflow(
	name: string,
	rows: Array<Record<string, unknown>>,
	insim: InsimNodeSpec,
): WorkflowToImport {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'e2e-trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'e2e-rows',
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
			},
			{
				id: 'e2e-split',
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'rows', options: {} },
			},
			{
				id: 'e2e-insim',
				name: INSIM_NODE_NAME,
				type: 'n8n-nodes-insim.insim',
				typeVersion: 1,
				position: [660, 0],
				parameters: insim.parameters,
				credentials: { insimApi: { id: insim.credentialId, name: 'inSIM' } },
				...(insim.onError ? { onError: insim.onError } : {}),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: INSIM_NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

/** Imports the workflow and runs it with `n8n execute --id`. */
export async function importAndExecute(n8n: N8nInstance, workflow: WorkflowToImport) {
	const id = await n8n.importWorkflow(workflow);
	return await n8n.executeWorkflow(id);
}

export function jsonOf(items: OutputItem[]): Array<Record<string, unknown>> {
	return items.map((item) => item.json);
}
