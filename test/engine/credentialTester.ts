/**
 * What n8n's editor "Test" button does with a credential whose type declares a `test` request:
 * a faithful copy of the declarative branch of the CLI's `CredentialsTester.testCredentials`
 * (packages/cli/src/services/credentials-tester.service.ts), run on n8n-core's real `RoutingNode`
 * and `ExecuteContext`, with this package's credential type and the harness's credentials helper.
 *
 * What differs from the CLI: no database (the decrypted data is given), no credential overwrites
 * or external secrets, no error reporter, and the stand-in for `n8n-nodes-base.noOp` is a bare
 * description (the CLI only keeps its name and version: properties and credentials are replaced).
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRunExecutionData,
	ITaskDataConnections,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { InsimApi } from '../../credentials/InsimApi.credentials';
import { additionalDataFor, TestCredentialsHelper } from './harness';

/** The parts of `n8n-nodes-base.noOp` the CLI keeps: its name and version. */
const NO_OP_DESCRIPTION = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
} as unknown as INodeTypeDescription;

export interface CredentialTestRun {
	/** What the editor shows: `{ status: 'OK' | 'Error', message }`. */
	result: INodeCredentialTestResult;
	/** The error RoutingNode threw, when it threw (the CLI only logs it). */
	thrown?: unknown;
	/** RoutingNode's output, when it did not throw. */
	response?: INodeExecutionData[][] | null;
	credentialsHelper: TestCredentialsHelper;
}

export interface CredentialTestOptions {
	credentialType?: ICredentialType;
	/** id/name of the stored credential (the CLI passes them on the temp node). */
	id?: string;
	name?: string;
}

/**
 * Runs the credential type's `test` against whatever `data.baseUrl` points at, the way n8n's
 * `POST /rest/credentials/test` does.
 */
export async function testCredentials(
	data: ICredentialDataDecryptedObject,
	options: CredentialTestOptions = {},
): Promise<CredentialTestRun> {
	const credentialType = options.credentialType ?? new InsimApi();
	const testRequest: ICredentialTestRequest | undefined = credentialType.test;
	const credentialsHelper = new TestCredentialsHelper(data, credentialType);
	if (testRequest === undefined) {
		return {
			result: { status: 'Error', message: 'No testing function found for this credential.' },
			credentialsHelper,
		};
	}

	// CLI: credentialsHelper.applyDefaultsAndOverwrites — defaults of the credential's properties.
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: options.id ?? 'cred-1',
		name: options.name ?? 'inSIM account',
		type: credentialType.name,
		data: (NodeHelpers.getNodeParameters(
			credentialType.properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject,
	};

	const nodeType: INodeType = { description: NO_OP_DESCRIPTION } as INodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version)
			? nodeType.description.version.slice(-1)[0]
			: nodeType.description.version,
		position: [0, 0],
		credentials: {
			[credentialType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};

	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const mockNodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: (type: string) => (type === node.type ? nodeTypeCopy : (undefined as never)),
		getByNameAndVersion: (type: string, version?: number) => {
			if (type !== node.type) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(nodeTypeCopy, version);
		},
	};

	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: mockNodeTypes,
	});
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentialsHelper),
		'internal',
		runExecutionData,
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		return { result: mapThrown(error, testRequest), thrown: error, credentialsHelper };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response![0][0].json;
			if (get(responseData, rule.properties.key) === rule.properties.value) {
				return {
					result: { status: 'Error', message: rule.properties.message },
					response,
					credentialsHelper,
				};
			}
		}
	}
	return {
		result: { status: 'OK', message: 'Connection successful!' },
		response,
		credentialsHelper,
	};
}

/** lodash `get` for the paths a rule can name (`error_code`, `account.active`, `list[0].id`). */
function get(value: unknown, path: string): unknown {
	let current = value;
	for (const key of path.split(/[.[\]]/).filter((part) => part !== '')) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** The CLI's catch block: HTTP status first, then the network error code, then the message. */
function mapThrown(error: unknown, testRequest: ICredentialTestRequest): INodeCredentialTestResult {
	const cause = (error as { cause?: IDataObject }).cause as
		{ response?: { status: number; statusText?: string }; code?: string } | undefined;
	if (cause?.response) {
		const statusCode = cause.response.status;
		const statusMessage = cause.response.statusText;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (statusCode < 199 || statusCode > 299) {
			return {
				status: 'Error',
				message: statusMessage || `Received HTTP status code: ${statusCode}`,
			};
		}
	} else if (cause?.code) {
		return { status: 'Error', message: cause.code };
	}
	return { status: 'Error', message: String((error as Error).message) };
}
