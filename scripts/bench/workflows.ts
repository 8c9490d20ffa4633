// The workflows the benchmark runs inside a real n8n, built from nodes n8n 2.40.7 ships.
import { randomUUID } from 'node:crypto';

import { EVENT_OPTIONS } from '../../nodes/InsimTrigger/events';
import type { WorkflowToImport } from '../n8n';

export const SENDER_NODE_NAME = 'Send';
export const INSIM_CREDENTIAL_NAME = 'inSIM simulator';

/** One bulk send: a Webhook answering when the last node finishes → Split Out → the sender. */
export function bulkSendWorkflow(name: string, path: string, sender: object): WorkflowToImport {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: randomUUID(),
				// The POST carries { rows: [...] }; the answer leaves once the sender has finished.
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.rows', options: {} },
			},
			{ id: randomUUID(), name: SENDER_NODE_NAME, position: [440, 0], ...sender },
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: SENDER_NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

/** This package's SMS → Send, reading `phone` and `text` from each item. */
export function insimSender(credentialId: string, batchSize?: number): object {
	return {
		type: 'n8n-nodes-insim.insim',
		typeVersion: 1,
		parameters: {
			resource: 'sms',
			operation: 'send',
			phoneNumber: '={{ $json.phone }}',
			message: '={{ $json.text }}',
			options: batchSize === undefined ? {} : { batchSize },
		},
		credentials: { insimApi: { id: credentialId, name: INSIM_CREDENTIAL_NAME } },
	};
}

export interface HttpBatching {
	batchSize: number;
	batchIntervalMs: number;
}

/**
 * What a user builds without the package: n8n's HTTP Request node (the version n8n 2.40.7 adds),
 * one POST /v1/sendsms per item with the login and access key typed into the JSON body (inSIM
 * authenticates in the body, so no n8n credential type can carry them), and n8n's node setting
 * Retry On Fail at its defaults (3 tries, 1 s apart): what a user turns on after seeing 429s.
 */
export function httpRequestSender(params: {
	sendSmsUrl: string;
	login: string;
	accessKey: string;
	batching?: HttpBatching;
}): object {
	const header = JSON.stringify({ login: params.login, accessKey: params.accessKey });
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5,
		parameters: {
			method: 'POST',
			url: params.sendSmsUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ header: ${header}, messages: [{ phone_number: $json.phone, message: $json.text }] }) }}`,
			options: params.batching
				? {
						batching: {
							batch: {
								batchSize: params.batching.batchSize,
								batchInterval: params.batching.batchIntervalMs,
							},
						},
					}
				: {},
		},
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 1000,
	};
}

export const INSIM_TRIGGER_NODE_NAME = 'inSIM Trigger';
export const GENERIC_WEBHOOK_NODE_NAME = 'Webhook';

/** The inSIM Trigger alone, every event selected, default options (it answers 200 at once). */
export function insimTriggerWorkflow(name: string, webhookId: string, credentialId: string) {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: INSIM_TRIGGER_NODE_NAME,
				type: 'n8n-nodes-insim.insimTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: {
					events: EVENT_OPTIONS.map((option) => option.value),
					options: {},
				},
				credentials: { insimApi: { id: credentialId, name: INSIM_CREDENTIAL_NAME } },
			},
		],
		connections: {},
	} satisfies WorkflowToImport;
}

/**
 * What users write without the trigger: a Webhook (GET, answers at once) and a Code node that
 * parses whichever inSIM parameter came and maps it to the same fields as the trigger.
 */
export const DECODE_IN_CODE_NODE = String.raw`const EVENTS = {
	message: (p) => ({ event: 'sms.received', phoneNumber: p.from, account: p.device_identification, occurredAt: p.date, text: p.message, receivedAt: p.date }),
	calls: (p) => ({ event: 'call.' + String(p.title).replace('_call', ''), phoneNumber: p.phone_number, account: p.device_identification, occurredAt: p.call_time, startedAt: p.call_time, durationSeconds: String(p.duration).split(':').reduce((total, part) => total * 60 + Number(part), 0) }),
	status: (p) => ({ event: p.status === 'sent' ? 'sms.sent' : 'sms.delivered', phoneNumber: p.phone_number, account: p.user, occurredAt: p.date_status, id_sms_api: p.id_sms_api, status: p.status === 'sent' ? 'sent' : 'delivered', statusAt: p.date_status }),
	clics: (p) => ({ event: 'link.clicked', phoneNumber: p.phone_number, occurredAt: p.date, id_sms_api: p.id_sms_api, link: p.link, clickedAt: p.date }),
	qualification: (p) => ({ event: 'call.qualified', phoneNumber: p.from, account: p.device_identification, occurredAt: p.date, qualification: p.qualification, qualifiedAt: p.date }),
};
const out = [];
for (const item of $input.all()) {
	const query = item.json.query || {};
	for (const [param, decode] of Object.entries(EVENTS)) {
		if (query[param] === undefined) continue;
		let payload;
		try {
			payload = JSON.parse(query[param]);
		} catch {
			payload = JSON.parse(decodeURIComponent(query[param]));
		}
		out.push({ json: { ...decode(payload), raw: payload } });
	}
}
return out;`;

export function webhookAndCodeWorkflow(name: string, path: string) {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: GENERIC_WEBHOOK_NODE_NAME,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'GET', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Decode inSIM event',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					mode: 'runOnceForAllItems',
					language: 'javaScript',
					jsCode: DECODE_IN_CODE_NODE,
				},
			},
		],
		connections: {
			[GENERIC_WEBHOOK_NODE_NAME]: {
				main: [[{ node: 'Decode inSIM event', type: 'main', index: 0 }]],
			},
		},
	} satisfies WorkflowToImport;
}
