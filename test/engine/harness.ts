/**
 * Runs the real inSIM node inside n8n's own engine (n8n-core's WorkflowExecute), the way n8n runs
 * it: a Workflow with an item source node connected to the inSIM node, a credential resolved by a
 * credentials helper that applies the credential type's own `authenticate`, and n8n-core's HTTP
 * helpers doing the requests against the local simulator.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings writes a settings file into the user folder: keep it in a temp dir.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'insim-engine-'));

import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { InsimApi } from '../../credentials/InsimApi.credentials';
import { Insim } from '../../nodes/Insim/Insim.node';

export const INSIM_NODE_TYPE = 'n8n-nodes-insim.insim';
const SOURCE_NODE_TYPE = 'test.itemSource';

/** Emits the items given in its `items` parameter: stands in for any upstream node. */
class ItemSource implements INodeType {
	description = {
		displayName: 'Item Source',
		name: 'itemSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

export class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {
		[INSIM_NODE_TYPE]: new Insim(),
		[SOURCE_NODE_TYPE]: new ItemSource(),
	};

	register(name: string, type: INodeType) {
		this.types[name] = type;
	}

	getByName(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType);
	}

	getKnownTypes() {
		return {};
	}
}

export interface TestCredentials {
	login: string;
	apiKey: string;
	baseUrl: string;
}

/**
 * What n8n's CLI CredentialsHelper does for this package: decrypted data by id, and
 * `authenticate` delegating to the credential type (a function here, so no expression resolving).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly authenticateCalls: IHttpRequestOptions[] = [];
	/** how many times n8n read (and would decrypt) the credential */
	decryptCount = 0;

	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly type: ICredentialType = new InsimApi(),
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		if (typeName !== this.type.name) throw new Error(`Unexpected credential type ${typeName}`);
		if (typeof this.type.authenticate !== 'function') {
			throw new Error('The inSIM credential is expected to authenticate with a function');
		}
		const result = await this.type.authenticate(credentials, requestOptions as IHttpRequestOptions);
		this.authenticateCalls.push(result);
		return result;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		_raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== this.type.name) throw new Error(`No credential of type ${type}`);
		this.decryptCount++;
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.type.properties;
	}
}

export function additionalDataFor(
	credentialsHelper: ICredentialsHelper,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials: TestCredentials;
	continueOnFail?: boolean;
	/** n8n's "On Error" setting: `continueErrorOutput` routes failed items to a second output. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	timezone?: string;
}

export interface RunResult {
	/** Items of the inSIM node's first output (or [] when it failed). */
	output: INodeExecutionData[];
	/** Items of its error output, when onError is `continueErrorOutput`. */
	errorOutput: INodeExecutionData[];
	/** The node's error when the node (and so the workflow) failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

export async function runInsimNode(options: RunOptions): Promise<RunResult> {
	const nodeTypes = new TestNodeTypes();
	const credentialsHelper = new TestCredentialsHelper({ ...options.credentials });
	const additionalData = additionalDataFor(credentialsHelper);
	// n8n always runs a workflow under an execution id; Send and Wait signs its link with it.
	additionalData.executionId = 'engine-test-execution';

	const sourceNode: INode = {
		id: 'source',
		name: 'Items',
		type: SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const insimNode: INode = {
		id: 'insim',
		name: 'inSIM',
		type: INSIM_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { insimApi: { id: '1', name: 'inSIM account' } },
		continueOnFail: options.continueOnFail,
		onError: options.onError,
	};
	// n8n stores parameters with their defaults resolved: do what the editor does.
	const nodeType = nodeTypes.getByName(INSIM_NODE_TYPE);
	insimNode.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			insimNode.parameters,
			true,
			false,
			insimNode,
			nodeType.description,
		) ?? insimNode.parameters;

	const workflowData = {
		id: 'wf-engine-test',
		name: 'engine test',
		nodes: [sourceNode, insimNode],
		connections: {
			Items: { main: [[{ node: 'inSIM', type: 'main' as const, index: 0 }]] },
		},
		active: false,
		settings: { timezone: options.timezone ?? 'Europe/Paris' },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		...workflowData,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	(additionalData as unknown as { hooks: ExecutionLifecycleHooks }).hooks = hooks;

	const execution = new WorkflowExecute(additionalData, 'manual');
	const run = await execution.run({ workflow, startNode: sourceNode });
	const taskData = run.data.resultData.runData.inSIM?.[0];
	const main = taskData?.data?.main ?? [];
	return {
		output: (main[0] ?? []) as INodeExecutionData[],
		errorOutput: (main[1] ?? []) as INodeExecutionData[],
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
		credentialsHelper,
	};
}

/**
 * n8n-core starts a one-minute cleanup interval for SSH tunnels the first time a node runs; n8n
 * stops it at shutdown, and so must a test file, or jest cannot exit.
 */
export function stopEngineTimers() {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
}

// Only under jest: the benchmark loads this file too.
if (typeof afterAll === 'function') afterAll(() => stopEngineTimers());

/**
 * Calls one of the node's `listSearch` methods (a resource-locator picker) through n8n-core's own
 * LoadOptionsContext, as the editor does when a user opens the picker and types `filter`.
 */
export async function runListSearch(
	method: string,
	credentials: TestCredentials,
	filter?: string,
	parameters: INodeParameters = {},
): Promise<{ results: Array<{ name: string; value: string | number }>; error?: Error }> {
	const nodeTypes = new TestNodeTypes();
	const credentialsHelper = new TestCredentialsHelper({ ...credentials });
	const additionalData = additionalDataFor(credentialsHelper);
	const node: INode = {
		id: 'insim',
		name: 'inSIM',
		type: INSIM_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { insimApi: { id: '1', name: 'inSIM account' } },
	};
	const workflow = new Workflow({
		id: 'wf-list-search',
		name: 'list search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const insim = nodeTypes.getByName(INSIM_NODE_TYPE) as INodeType & {
		methods: { listSearch: Record<string, (this: unknown, filter?: string) => Promise<unknown>> };
	};
	const search = insim.methods.listSearch[method];
	if (!search) throw new Error(`no listSearch method ${method}`);
	try {
		const result = (await search.call(context, filter)) as {
			results: Array<{ name: string; value: string | number }>;
		};
		return { results: result.results };
	} catch (error) {
		return { results: [], error: error as Error };
	}
}
