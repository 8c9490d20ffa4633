/**
 * Serves the inSIM Trigger's webhook the way n8n's webhook server does: an express app (n8n's
 * framework) that builds n8n-core's own WebhookContext for each request, calls the node's
 * `webhook()`, answers at once for `responseMode: onReceived`, and records the executions that
 * would start. Lifecycle methods run through n8n-core's HookContext.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { InsimTrigger } from '../../nodes/InsimTrigger/InsimTrigger.node';
import type { TestCredentials } from './harness';
import { TestCredentialsHelper, TestNodeTypes, additionalDataFor } from './harness';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-insim.insimTrigger';

export interface TriggerServerOptions {
	parameters: IDataObject;
	credentials: TestCredentials;
	timezone?: string;
	workflowId?: string;
	webhookId?: string;
	/** Like Express `trust proxy`: the server passes X-Forwarded-For through as n8n does. */
}

export interface TriggerServer {
	/** The production URL of the node's webhook, as n8n shows it. */
	webhookUrl: string;
	origin: string;
	executions: INodeExecutionData[][];
	/** What each request got: status and body. */
	responses: Array<{ status: number; body: unknown; url: string }>;
	staticData: IDataObject;
	runHook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	setParameters(parameters: IDataObject): void;
	close(): Promise<void>;
}

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const nodeTypes = new TestNodeTypes();
	const trigger = new InsimTrigger();
	nodeTypes.register(TRIGGER_NODE_TYPE, trigger);
	const credentialsHelper = new TestCredentialsHelper({ ...options.credentials });
	const webhookId = options.webhookId ?? 'c0ffee00-insim-trigger';
	const workflowId = options.workflowId ?? 'wf-trigger-test';
	const staticData: IDataObject = {};
	const executions: INodeExecutionData[][] = [];
	const responses: TriggerServer['responses'] = [];

	let node: INode;
	let workflow: Workflow;
	let baseUrl = '';
	const build = (parameters: IDataObject) => {
		node = {
			id: 'trigger',
			name: 'inSIM Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters: {},
			credentials: { insimApi: { id: '1', name: 'inSIM account' } },
		};
		node.parameters =
			NodeHelpers.getNodeParameters(
				trigger.description.properties,
				parameters as INode['parameters'],
				true,
				false,
				node,
				trigger.description,
			) ?? (parameters as INode['parameters']);
		workflow = new Workflow({
			id: workflowId,
			name: 'trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: { [`node:${node.name}`]: staticData },
			settings: { timezone: options.timezone ?? 'Europe/Paris' },
		});
	};
	build(options.parameters);

	const additionalDataForRequest = (extra: Partial<IWorkflowExecuteAdditionalData> = {}) => {
		const data = additionalDataFor(credentialsHelper);
		data.webhookBaseUrl = `${baseUrl}/webhook`;
		data.webhookTestBaseUrl = `${baseUrl}/webhook-test`;
		return Object.assign(data, extra);
	};
	const webhookDataFor = (method: string): IWebhookData => ({
		httpMethod: method as IWebhookData['httpMethod'],
		node: node.name,
		path: `${webhookId}/webhook`,
		webhookDescription: trigger.description.webhooks!.find(
			(description) => description.httpMethod === method,
		) as IWebhookDescription,
		workflowId,
		workflowExecuteAdditionalData: additionalDataForRequest(),
		webhookId,
	});

	const app = express();
	app.set('trust proxy', false);
	app.use(express.json({ limit: '16mb' }));
	app.use(express.urlencoded({ extended: true, limit: '16mb' }));
	app.use(express.text({ type: '*/*', limit: '16mb' }));
	app.all('/webhook/:id/webhook', async (req, res) => {
		try {
			const webhookData = webhookDataFor(req.method);
			if (!webhookData.webhookDescription) {
				res.status(404).json({ message: 'method not registered' });
				return;
			}
			const context = new WebhookContext(
				workflow,
				node,
				additionalDataForRequest({ httpRequest: req, httpResponse: res }),
				'webhook',
				webhookData,
				[],
				null,
			);
			// What the node answered itself, as the caller receives it.
			let sentBody: unknown;
			const sendJson = res.json.bind(res);
			res.json = (body: unknown) => {
				sentBody = body;
				return sendJson(body);
			};
			const result = await trigger.webhook.call(context);
			if (result.noWebhookResponse) {
				// As n8n's webhook helpers do: the node answered, the execution (if any) still starts.
				responses.push({ status: res.statusCode, body: sentBody, url: req.originalUrl });
				if (result.workflowData !== undefined) executions.push(result.workflowData[0]);
				return;
			}
			if (result.workflowData === undefined) {
				const body = result.webhookResponse ?? { message: 'Webhook call received' };
				responses.push({ status: 200, body, url: req.originalUrl });
				res.status(200).json(body);
				return;
			}
			// responseMode onReceived: n8n answers before the execution runs.
			responses.push({
				status: 200,
				body: { message: 'Workflow was started' },
				url: req.originalUrl,
			});
			res.status(200).json({ message: 'Workflow was started' });
			executions.push(result.workflowData[0]);
		} catch (error) {
			// n8n answers 500 when a webhook function throws: a test must see that as a failure.
			responses.push({ status: 500, body: String(error), url: req.originalUrl });
			res.status(500).json({ message: String((error as Error).message) });
		}
	});

	const server: Server = await new Promise((resolve) => {
		const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
	});
	const { port } = server.address() as AddressInfo;
	baseUrl = `http://127.0.0.1:${port}`;

	return {
		webhookUrl: `${baseUrl}/webhook/${webhookId}/webhook`,
		origin: baseUrl,
		executions,
		responses,
		staticData,
		async runHook(method) {
			const hooks = trigger.webhookMethods.default;
			const context = new HookContext(
				workflow,
				node,
				additionalDataForRequest(),
				'trigger',
				'activate',
				webhookDataFor('GET'),
			);
			return await hooks[method].call(context);
		},
		setParameters(parameters) {
			build(parameters);
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
