// Runs the built inSIM node (dist/, what n8n loads) or a pass-through control node inside
// n8n-core's WorkflowExecute, as the engine tests do, with items generated in memory rather than
// parsed from a JSON parameter.
import { join } from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { REPO_ROOT } from '../n8n';
import {
	INSIM_NODE_TYPE,
	TestCredentialsHelper,
	additionalDataFor,
	stopEngineTimers,
	type TestCredentials,
} from '../../test/engine/harness';

export const INSIM_TRIGGER_NODE_TYPE = 'n8n-nodes-insim.insimTrigger';

/** The built package, as n8n's community-package loader requires it. */
export function loadBuiltPackage(): {
	insim: INodeType;
	insimTrigger: INodeType;
	credential: ICredentialType;
} {
	const dist = join(REPO_ROOT, 'dist');
	const { Insim } = require(join(dist, 'nodes', 'Insim', 'Insim.node.js'));
	const { InsimTrigger } = require(join(dist, 'nodes', 'InsimTrigger', 'InsimTrigger.node.js'));
	const { InsimApi } = require(join(dist, 'credentials', 'InsimApi.credentials.js'));
	return { insim: new Insim(), insimTrigger: new InsimTrigger(), credential: new InsimApi() };
}

export class BenchNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {};

	register(name: string, type: INodeType): this {
		this.types[name] = type;
		return this;
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

const GENERATOR_NODE_TYPE = 'bench.itemGenerator';
const PASS_THROUGH_NODE_TYPE = 'bench.passThrough';

export const phoneAt = (index: number): string => `+336${String(10000000 + index).slice(-8)}`;
export const textAt = (index: number): string =>
	`Hello customer ${index}, your appointment is confirmed for tomorrow at 10:00.`;

function nodeDescription(name: string, properties: unknown[] = []): INodeType['description'] {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: name,
		defaults: { name },
		inputs: ['main'],
		outputs: ['main'],
		properties,
	} as unknown as INodeType['description'];
}

/** `count` items `{ phone, text }`, as an upstream node (a sheet, a CRM query) would emit. */
class ItemGenerator implements INodeType {
	description = nodeDescription('itemGenerator', [
		{ displayName: 'Count', name: 'count', type: 'number', default: 1 },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const count = this.getNodeParameter('count', 0) as number;
		const items: INodeExecutionData[] = new Array(count);
		for (let index = 0; index < count; index++) {
			items[index] = { json: { phone: phoneAt(index), text: textAt(index) } as IDataObject };
		}
		return [items];
	}
}

/** The control: what the engine alone costs for the same items (one new item per input). */
class PassThrough implements INodeType {
	description = nodeDescription('passThrough');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => ({
				json: { ...item.json, success: true },
				pairedItem: { item: index },
			})),
		];
	}
}

export interface EngineRunOptions {
	node: 'insim' | 'passThrough';
	count: number;
	batchSize?: number;
	credentials: TestCredentials;
}

export interface EngineRunResult {
	outputItems: number;
	failedItems: number;
	error?: string;
	/** the execution, output items included: hold it to measure what stays in memory */
	run: unknown;
}

export async function runInEngine(options: EngineRunOptions): Promise<EngineRunResult> {
	const built = loadBuiltPackage();
	const nodeTypes = new BenchNodeTypes()
		.register(INSIM_NODE_TYPE, built.insim)
		.register(GENERATOR_NODE_TYPE, new ItemGenerator())
		.register(PASS_THROUGH_NODE_TYPE, new PassThrough());
	const additionalData = additionalDataFor(
		new TestCredentialsHelper({ ...options.credentials }, built.credential),
	);

	const source: INode = {
		id: 'source',
		name: 'Items',
		type: GENERATOR_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { count: options.count },
	};
	const target: INode =
		options.node !== 'passThrough'
			? {
					id: 'insim',
					name: 'Target',
					type: INSIM_NODE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						resource: 'sms',
						operation: 'send',
						phoneNumber: '={{ $json.phone }}',
						message: '={{ $json.text }}',
						options: options.batchSize === undefined ? {} : { batchSize: options.batchSize },
					},
					credentials: { insimApi: { id: '1', name: 'inSIM account' } },
				}
			: {
					id: 'control',
					name: 'Target',
					type: PASS_THROUGH_NODE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
				};
	const targetType = nodeTypes.getByName(target.type);
	target.parameters =
		NodeHelpers.getNodeParameters(
			targetType.description.properties,
			target.parameters,
			true,
			false,
			target,
			targetType.description,
		) ?? target.parameters;

	const workflowData = {
		id: 'wf-bench',
		name: 'bench',
		nodes: [source, target],
		connections: { Items: { main: [[{ node: 'Target', type: 'main' as const, index: 0 }]] } },
		active: false,
		settings: { timezone: 'Europe/Paris' },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-bench', {
		...workflowData,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	(additionalData as unknown as { hooks: ExecutionLifecycleHooks }).hooks = hooks;

	const run = await new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: source,
	});
	const taskData = run.data.resultData.runData.Target?.[0];
	const output = (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[];
	const error = taskData?.error ?? run.data.resultData.error;
	return {
		outputItems: output.length,
		failedItems: output.filter((item) => item.error !== undefined || item.json.success === false)
			.length,
		error: error?.message,
		run,
	};
}

export { stopEngineTimers };
