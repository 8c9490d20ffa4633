/**
 * SMS → Send and Wait for Response in n8n's own engine (n8n-core's WorkflowExecute and
 * WebhookContext): the execution waits after one SMS; the page's POST (through the node's real
 * webhook method) resumes it with the answer, as n8n's waiting-webhook handler does; at the time
 * limit it resumes without one; a send failure never waits.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, WAIT_INDEFINITELY, Workflow } from 'n8n-workflow';

import { Insim } from '../../../../../nodes/Insim/Insim.node';
import { DEMO_ACCOUNT, startSimulator } from '../../../../simulator';
import type { Simulator } from '../../../../simulator';
import {
	INSIM_NODE_TYPE,
	TestCredentialsHelper,
	TestNodeTypes,
	additionalDataFor,
} from '../../../../engine/harness';

const EXECUTION_ID = 'exec-42';
const RECIPIENT = '+33612345678';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
beforeEach(() => {
	sim.reset();
	sim.setOptions({ failPhoneNumbers: [] });
});
afterAll(async () => sim.close());

interface Waiting {
	run: IRun;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	output: INodeExecutionData[];
}

interface AskOptions {
	continueOnFail?: boolean;
	baseUrl?: string;
}

function setUp(parameters: INodeParameters, options: AskOptions = {}) {
	const nodeTypes = new TestNodeTypes();
	const additionalData = additionalDataFor(
		new TestCredentialsHelper({
			login: DEMO_ACCOUNT.login,
			apiKey: DEMO_ACCOUNT.accessKey,
			baseUrl: options.baseUrl ?? sim.baseUrl,
		}),
	);
	additionalData.executionId = EXECUTION_ID;
	const source: INode = {
		id: 'source',
		name: 'Items',
		type: 'test.itemSource',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify([{ quote: 1042 }]) },
	};
	const insim: INode = {
		id: 'ask-node',
		name: 'Ask',
		type: INSIM_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: {
			resource: 'sms',
			operation: 'sendAndWait',
			phoneNumber: RECIPIENT,
			...parameters,
		},
		credentials: { insimApi: { id: '1', name: 'inSIM account' } },
		continueOnFail: options.continueOnFail,
	};
	const nodeType = nodeTypes.getByName(INSIM_NODE_TYPE);
	insim.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			insim.parameters,
			true,
			false,
			insim,
			nodeType.description,
		) ?? insim.parameters;
	const workflowData = {
		id: 'wf-send-and-wait',
		name: 'send and wait',
		nodes: [source, insim],
		connections: { Items: { main: [[{ node: 'Ask', type: 'main' as const, index: 0 }]] } },
		active: false,
		settings: { timezone: 'Europe/Paris' },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
	const hooks = new ExecutionLifecycleHooks('webhook', EXECUTION_ID, {
		...workflowData,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	(additionalData as unknown as { hooks: ExecutionLifecycleHooks }).hooks = hooks;
	return { workflow, additionalData, source };
}

async function ask(parameters: INodeParameters, options: AskOptions = {}): Promise<Waiting> {
	const { workflow, additionalData, source } = setUp(parameters, options);
	const run = await new WorkflowExecute(additionalData, 'webhook').run({
		workflow,
		startNode: source,
	});
	const output = (run.data.resultData.runData.Ask?.[0]?.data?.main[0] ??
		[]) as INodeExecutionData[];
	return { run, workflow, additionalData, output };
}

/** What n8n's waiting-webhook handler does with a request to the resume URL. */
async function callPage(
	waiting: Waiting,
	method: 'GET' | 'POST',
	body: IDataObject = {},
): Promise<{ result: IWebhookResponseData; sent: { status?: number; body?: string } }> {
	const sent: { status?: number; body?: string } = {};
	const response = {
		status(code: number) {
			sent.status = code;
			return response;
		},
		setHeader() {
			return response;
		},
		send(text: string) {
			sent.body = text;
			return response;
		},
	};
	const node = waiting.workflow.getNode('Ask') as INode;
	const additionalData = {
		...waiting.additionalData,
		// The query of the link the SMS carried (n8n checked its signature before the call).
		httpRequest: {
			method,
			body,
			query: Object.fromEntries(new URL(String(sim.sentMessages().at(-1)?.url)).searchParams),
			headers: {},
			params: {},
		},
		httpResponse: response,
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = {
		httpMethod: method,
		node: 'Ask',
		path: node.id,
		webhookDescription: new Insim().description.webhooks?.find(
			(webhook) => webhook.httpMethod === method,
		),
		workflowId: waiting.workflow.id,
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		waiting.workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		waiting.run.data,
	);
	const result = await new Insim().webhook.call(context);
	return { result, sent };
}

/** Resumes the waiting run as n8n does: with the webhook's items, or (at the limit) without. */
async function resume(waiting: Waiting, webhookItems?: INodeExecutionData[][]) {
	const data = waiting.run.data;
	if (webhookItems !== undefined) {
		data.executionData!.nodeExecutionStack[0].data.main = webhookItems;
	}
	const run = await new WorkflowExecute(
		waiting.additionalData,
		'webhook',
		data,
	).processRunExecutionData(waiting.workflow);
	return (run.data.resultData.runData.Ask?.at(-1)?.data?.main[0] ?? []).map((item) => item.json);
}

describe('SMS → Send and Wait for Response in the engine', () => {
	test('sends one SMS with the tracked link to the signed resume URL, then waits', async () => {
		const waiting = await ask({ message: 'Quote #1042 for 1,250 EUR: approve?' });
		expect(waiting.run.status).toBe('waiting');
		expect(waiting.run.waitTill?.getTime()).toBe(WAIT_INDEFINITELY.getTime());
		const [sms] = sim.sentMessages();
		expect(sim.sentMessages()).toHaveLength(1);
		expect(sms.message).toBe(`Quote #1042 for 1,250 EUR: approve? ${sms.short_url}`);
		expect(sms.url).toMatch(
			new RegExp(
				`^http://127\\.0\\.0\\.1:5678/webhook-waiting/${EXECUTION_ID}/ask-node\\?to=%2B33612345678&at=[^&]+&sms=n8n-${EXECUTION_ID}-\\w{6}&signature=[0-9a-f]{64}$`,
			),
		);
		expect(sms.id_sms_api).toMatch(new RegExp(`^n8n-${EXECUTION_ID}-\\w{6}$`));
		expect(waiting.run.data.validateSignature).toBe(true);
		expect(waiting.output.map((item) => item.json)).toEqual([
			expect.objectContaining({
				answered: false,
				phoneNumber: RECIPIENT,
				waitingUntil: null,
				sms: expect.objectContaining({
					sent: 1,
					id_sms_api: sms.id_sms_api,
					link: 'tracked',
					encoding: 'GSM-7',
					estimatedSegments: 1,
					characters: sms.message.length,
				}),
			}),
		]);
		expect(JSON.stringify(waiting.run)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('Approval: GET shows the buttons and resumes nothing; the Decline button gives approved: false', async () => {
		const waiting = await ask({
			message: 'Approve the quote? [link] Reply within the day',
			responseType: 'approval',
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'OK', disapproveLabel: 'Refuse' },
			},
		});
		expect(sim.sentMessages()[0].message).toMatch(
			/^Approve the quote\? https:\/\/arsms\.co\/\w{12} Reply within the day$/,
		);
		const page = await callPage(waiting, 'GET');
		expect(page.result).toEqual({ noWebhookResponse: true });
		expect(page.sent.status).toBe(200);
		expect(page.sent.body).toContain('Approve the quote?  Reply within the day');
		expect(page.sent.body).toContain('name="approved" value="false">Refuse</button>');
		expect(page.sent.body).toContain('name="approved" value="true">OK</button>');
		expect(page.sent.body).toContain('method="post"');

		const answer = await callPage(waiting, 'POST', { approved: 'false' });
		expect(answer.result.webhookResponse).toContain('Got it, thanks');
		const output = await resume(waiting, answer.result.workflowData);
		expect(output).toEqual([
			expect.objectContaining({
				data: { approved: false },
				answered: true,
				phoneNumber: RECIPIENT,
				sms: expect.objectContaining({ sent: 1, id_sms_api: sim.sentMessages()[0].id_sms_api }),
			}),
		]);
		expect(Date.parse(String(output[0].answeredAt))).not.toBeNaN();
	});

	test('Approval (approve only): the button gives approved: true', async () => {
		const waiting = await ask({ message: 'Job done?' });
		const page = await callPage(waiting, 'GET');
		expect(page.sent.body).toContain('>Approve</button>');
		expect(page.sent.body).not.toContain('value="false"');
		const answer = await callPage(waiting, 'POST', { approved: 'true' });
		expect((await resume(waiting, answer.result.workflowData))[0]).toMatchObject({
			data: { approved: true },
			answered: true,
		});
	});

	test('Free Text: the text of the form is the answer', async () => {
		const waiting = await ask({
			message: 'What went wrong?',
			responseType: 'freeText',
			options: { responseFormButtonLabel: 'Send' },
		});
		const page = await callPage(waiting, 'GET');
		expect(page.sent.body).toContain('<textarea id="f0" name="field-0" required>');
		expect(page.sent.body).toContain('>Send</button>');
		const answer = await callPage(waiting, 'POST', { 'field-0': 'Gate code <missing>' });
		expect((await resume(waiting, answer.result.workflowData))[0]).toMatchObject({
			data: { text: 'Gate code <missing>' },
			answered: true,
		});
	});

	test('Custom Form (fields in the node): each field by its label', async () => {
		const waiting = await ask({
			message: 'Report the visit',
			responseType: 'customForm',
			defineForm: 'fields',
			formFields: {
				values: [
					{ fieldLabel: 'Hours', fieldType: 'number', requiredField: true },
					{
						fieldLabel: 'Outcome',
						fieldType: 'dropdown',
						fieldOptions: { values: [{ option: 'Fixed' }, { option: 'Needs a part' }] },
					},
				],
			},
		});
		const page = await callPage(waiting, 'GET');
		expect(page.sent.body).toContain('<input id="f0" name="field-0" type="number" required>');
		expect(page.sent.body).toContain('<option value="Needs a part">Needs a part</option>');
		const answer = await callPage(waiting, 'POST', { 'field-0': '2.5', 'field-1': 'Needs a part' });
		expect((await resume(waiting, answer.result.workflowData))[0]).toMatchObject({
			data: { Hours: 2.5, Outcome: 'Needs a part' },
			answered: true,
		});
	});

	test('Custom Form (JSON): the fields come from the JSON, HTML in labels is escaped', async () => {
		const waiting = await ask({
			message: 'Confirm',
			responseType: 'customForm',
			defineForm: 'json',
			jsonOutput: JSON.stringify([{ fieldLabel: '<b>Name</b>', requiredField: true }]),
		});
		const page = await callPage(waiting, 'GET');
		expect(page.sent.body).toContain('&lt;b&gt;Name&lt;/b&gt;');
		expect(page.sent.body).not.toContain('<b>Name</b>');
		const answer = await callPage(waiting, 'POST', { 'field-0': 'Ann' });
		expect((await resume(waiting, answer.result.workflowData))[0]).toMatchObject({
			data: { '<b>Name</b>': 'Ann' },
		});
	});

	test('Limit Wait Time: the wait ends at the limit, and n8n then goes on without an answer', async () => {
		const before = Date.now();
		const waiting = await ask({
			message: 'Confirm tomorrow 9:30?',
			options: {
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 5, resumeUnit: 'minutes' },
				},
			},
		});
		const waitTill = waiting.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 300_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 300_000);
		expect(waiting.output[0].json.waitingUntil).toBe(new Date(waitTill).toISOString());
		// At the limit n8n resumes the node without running it: the input item goes on.
		expect(await resume(waiting)).toEqual([{ quote: 1042 }]);
		expect(sim.sentMessages()).toHaveLength(1);
	});

	test('Limit Wait Time at a date', async () => {
		const waiting = await ask({
			message: 'Confirm?',
			options: {
				limitWaitTime: {
					values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2030-01-02T03:04:05.000Z' },
				},
			},
		});
		expect(waiting.run.waitTill?.toISOString()).toBe('2030-01-02T03:04:05.000Z');
	});

	test('SMS not sent (sent: 0): an item error and no wait', async () => {
		sim.setOptions({ failPhoneNumbers: [RECIPIENT] });
		const waiting = await ask({ message: 'Approve?' });
		expect(waiting.run.status).toBe('error');
		expect(waiting.run.waitTill).toBeUndefined();
		expect(waiting.run.data.resultData.error?.message).toContain(
			`inSIM did not send the SMS to ${RECIPIENT} (sent: 0)`,
		);
	});

	test('SMS not sent with Continue On Fail: the error is the output and nothing waits', async () => {
		sim.setOptions({ failPhoneNumbers: [RECIPIENT] });
		const waiting = await ask({ message: 'Approve?' }, { continueOnFail: true });
		expect(waiting.run.status).toBe('success');
		expect(waiting.run.waitTill).toBeUndefined();
		expect(waiting.output[0].json).toMatchObject({ success: false });
		expect(String(waiting.output[0].json.error)).toContain('did not send the SMS');
	});

	test('API v2: the same wait after a v2 send (no message ID)', async () => {
		const waiting = await ask({ message: 'Approve?', options: { apiVersion: 'v2' } });
		expect(waiting.run.status).toBe('waiting');
		expect(waiting.output[0].json.sms).toMatchObject({ sent: 1, link: 'tracked' });
		expect(sim.sentMessages()[0].url).toContain(`/webhook-waiting/${EXECUTION_ID}/ask-node?`);
	});

	test('An answer without "sent": says the SMS may have been sent, and does not wait', async () => {
		// A server that takes the request and answers 200 in a shape inSIM's docs never show.
		const server = createServer((request, response) => {
			request.resume();
			request.on('end', () => {
				response.setHeader('Content-Type', 'application/json');
				response.end(JSON.stringify([{ status: 'queued', phone_number: RECIPIENT }]));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const waiting = await ask(
				{ message: 'Approve?' },
				{ baseUrl: `http://127.0.0.1:${port}/api` },
			);
			expect(waiting.run.status).toBe('error');
			expect(waiting.run.waitTill).toBeUndefined();
			const error = waiting.run.data.resultData.error as Error & { description?: string };
			expect(error.message).toContain('v1/sendsms in a shape this node does not recognise');
			expect(error.description).toContain('may have been sent');
		} finally {
			server.close();
		}
	});

	test('Not a phone number: an item error before anything is sent', async () => {
		const waiting = await ask({ message: 'Approve?', phoneNumber: '12' });
		expect(waiting.run.status).toBe('error');
		expect(waiting.run.data.resultData.error?.message).toContain('Phone Number');
		expect(sim.requests).toHaveLength(0);
	});
});
