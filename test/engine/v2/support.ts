/**
 * Shared set-up for the API v2 engine tests: one simulator per test file, reset before each
 * test, and `run()` that runs the inSIM node in n8n-core's WorkflowExecute against it.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEMO_ACCOUNT, startSimulator } from '../../simulator';
import type { Simulator, SimulatorOptions } from '../../simulator';
import type { RunOptions, RunResult } from '../harness';
import { runInsimNode, runListSearch } from '../harness';

export interface V2TestContext {
	sim: Simulator;
	credentials: () => RunOptions['credentials'];
	run: (
		options: Omit<RunOptions, 'credentials'> & { credentials?: RunOptions['credentials'] },
	) => Promise<RunResult>;
	listSearch: (method: string, filter?: string) => ReturnType<typeof runListSearch>;
	/** Requests the node made to one v2 endpoint, e.g. `contacts/detail`. */
	requestsTo: (endpoint: string) => Array<Record<string, unknown>>;
}

export function setUpV2(options: SimulatorOptions = {}): V2TestContext {
	const context = {} as V2TestContext;
	beforeAll(async () => {
		context.sim = await startSimulator(options);
	});
	beforeEach(() => {
		context.sim.reset();
		context.sim.setOptions({ v2ErrorsAs200: false, ...options });
	});
	afterAll(async () => context.sim.close());

	context.credentials = () => ({
		login: DEMO_ACCOUNT.login,
		apiKey: DEMO_ACCOUNT.accessKey,
		baseUrl: context.sim.baseUrl,
	});
	context.run = (runOptions) => runInsimNode({ credentials: context.credentials(), ...runOptions });
	context.listSearch = (method, filter) => runListSearch(method, context.credentials(), filter);
	context.requestsTo = (endpoint) =>
		context.sim.requests
			.filter((request) => request.path.toLowerCase() === `/v2/${endpoint}`)
			.map((request) => request.body as Record<string, unknown>);
	return context;
}

/** A resource locator value as the editor stores it. */
export function byId(value: string): INodeParameters[string] {
	return { __rl: true, mode: 'id', value };
}

export function fromList(value: string): INodeParameters[string] {
	return { __rl: true, mode: 'list', value };
}

/** The serialised run: the access key must never be in it. */
export function serialised(result: RunResult): string {
	const seen = new WeakSet();
	return JSON.stringify(
		{
			output: result.output,
			errorOutput: result.errorOutput,
			error: result.error,
			run: result.run,
		},
		(_key, value) => {
			if (typeof value === 'object' && value !== null) {
				if (seen.has(value)) return '[circular]';
				seen.add(value);
				if (value instanceof Error) {
					const copy: Record<string, unknown> = {};
					for (const name of Object.getOwnPropertyNames(value)) {
						copy[name] = (value as unknown as Record<string, unknown>)[name];
					}
					return copy;
				}
			}
			return value;
		},
	);
}

export { DEMO_ACCOUNT };
