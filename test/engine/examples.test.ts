/**
 * The example workflows, checked inside n8n-core: every inSIM node's parameters are valid for
 * the node, and the nodes that follow a trigger produce correct requests from a decoded event.
 * (Importing and running them in a real n8n is the e2e suite's job.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Insim } from '../../nodes/Insim/Insim.node';
import { decodeEventParam } from '../../nodes/InsimTrigger/events';
import { InsimTrigger } from '../../nodes/InsimTrigger/InsimTrigger.node';
import {
	DEMO_ACCOUNT,
	buildCallPayload,
	buildIncomingSmsPayload,
	startSimulator,
} from '../simulator';
import type { Simulator } from '../simulator';
import { runInsimNode } from './harness';

const examplesDir = join(__dirname, '..', '..', 'examples');
const examples = readdirSync(examplesDir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({
		file,
		workflow: JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as {
			id: string;
			name: string;
			nodes: INode[];
			connections: IDataObject;
		},
	}));

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
beforeEach(() => sim.reset());
afterAll(async () => sim.close());

const credentials = () => ({
	login: DEMO_ACCOUNT.login,
	apiKey: DEMO_ACCOUNT.accessKey,
	baseUrl: sim.baseUrl,
});

test('there are the eight documented examples, each with an id and a name', () => {
	expect(examples.map((example) => example.file).sort()).toEqual([
		'appointment-reminders.json',
		'approve-quote-by-sms.json',
		'call-qualification-crm-note.json',
		'crm-rows-to-contacts-and-list.json',
		'delivery-and-clicks-update-record.json',
		'incoming-sms-auto-reply.json',
		'missed-call-callback.json',
		'reply-by-sms-resume.json',
	]);
	for (const { workflow } of examples) {
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(workflow.name).toMatch(/^inSIM example: /);
	}
});

test.each(examples)('$file: a sticky note on the canvas explains its setup', ({ workflow }) => {
	const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
	expect(notes).toHaveLength(1);
	const content = String(notes[0].parameters.content);
	expect(content).toMatch(/^## /);
	expect(content).toContain('**Set up**');
	// Trigger examples say where the URL goes; the others which credential to pick.
	const hasTrigger = workflow.nodes.some((node) => node.type === 'n8n-nodes-insim.insimTrigger');
	expect(content).toContain(hasTrigger ? 'Production URL' : 'inSIM API');
});

test.each(examples)(
	'$file: every inSIM node has valid parameters and the demo credential',
	({ workflow }) => {
		const types: Record<string, Insim | InsimTrigger> = {
			'n8n-nodes-insim.insim': new Insim(),
			'n8n-nodes-insim.insimTrigger': new InsimTrigger(),
		};
		const insimNodes = workflow.nodes.filter((node) => node.type in types);
		expect(insimNodes.length).toBeGreaterThan(0);
		for (const node of insimNodes) {
			const { description } = types[node.type];
			const parameters = NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				true,
				false,
				node,
				description,
			);
			const issues = NodeHelpers.getNodeParametersIssues(
				description.properties,
				{
					...node,
					parameters: parameters ?? {},
				},
				description,
			);
			expect({ node: node.name, issues }).toEqual({ node: node.name, issues: null });
			if (node.type === 'n8n-nodes-insim.insimTrigger') {
				expect(node.webhookId).toMatch(/^insim-/);
				// A trigger needs the credential only to register its URL with inSIM itself.
				if (node.parameters.registerAutomatically === true) {
					expect(node.credentials?.insimApi?.id).toBe('insimDemoCredential');
				} else {
					expect(node.credentials).toBeUndefined();
				}
			} else {
				expect(node.credentials?.insimApi?.id).toBe('insimDemoCredential');
			}
		}
	},
);

function exampleNode(file: string, name: string): INode {
	const example = examples.find((candidate) => candidate.file === file)!;
	return example.workflow.nodes.find((node) => node.name === name)!;
}

function eventItem(param: string, payload: object): IDataObject {
	const decoded = decodeEventParam(param, JSON.stringify(payload), {
		timeZone: 'Europe/Paris',
		includeRaw: true,
	});
	if (!decoded.ok) throw new Error(decoded.reason);
	return decoded.json;
}

test('incoming SMS auto-reply answers the sender', async () => {
	const item = eventItem(
		'message',
		buildIncomingSmsPayload({
			login: DEMO_ACCOUNT.login,
			from: '+33612345678',
			message: 'Bonjour',
		}),
	);
	const node = exampleNode('incoming-sms-auto-reply.json', 'Auto-reply');
	const result = await runInsimNode({
		parameters: node.parameters,
		items: [item],
		credentials: credentials(),
	});
	expect(result.error).toBeUndefined();
	expect(sim.sentMessages().map((message) => message.phone_number)).toEqual(['+33612345678']);
});

test('missed call: SMS back with the call time, and a contact created', async () => {
	const item = eventItem(
		'calls',
		buildCallPayload({
			login: DEMO_ACCOUNT.login,
			phoneNumber: '+33612345678',
			kind: 'missed',
			callTime: '2026-01-15 14:30:00',
		}),
	);
	const sms = exampleNode('missed-call-callback.json', 'SMS back to the caller');
	const contact = exampleNode('missed-call-callback.json', 'Create the caller as a contact');
	const sent = await runInsimNode({
		parameters: sms.parameters,
		items: [item],
		credentials: credentials(),
	});
	const created = await runInsimNode({
		parameters: contact.parameters,
		items: [item],
		credentials: credentials(),
	});
	expect(sent.error).toBeUndefined();
	expect(created.error).toBeUndefined();
	expect(sim.sentMessages()[0].message).toBe(
		'Sorry we missed your call at 14:30. We will call you back shortly.',
	);
	expect(sim.contacts).toEqual([
		expect.objectContaining({
			phone_number: '+33612345678',
			firstname: 'Missed call',
			lastname: '2026-01-15 14:30',
		}),
	]);
});

test('appointment reminders: tracked link, 24 h before, high priority, CRM id as message id', async () => {
	const example = examples.find((candidate) => candidate.file === 'appointment-reminders.json')!;
	const list = example.workflow.nodes.find((node) => node.type === 'n8n-nodes-base.set')!;
	const customers = (JSON.parse(String(list.parameters.jsonOutput)) as { customers: IDataObject[] })
		.customers;
	const send = exampleNode('appointment-reminders.json', 'Send reminder 24 h before');
	const result = await runInsimNode({
		parameters: send.parameters,
		items: customers,
		credentials: credentials(),
		timezone: 'Europe/Paris',
	});
	expect(result.error).toBeUndefined();
	expect(sim.requests).toHaveLength(1);
	const [first] = (sim.requests[0].body as { messages: IDataObject[] }).messages;
	expect(first).toEqual({
		phone_number: '+33612345678',
		message: 'Hello Ann, reminder of your appointment on 24/12 09:30. Please confirm here: [link]',
		url: 'https://example.com/appointments/crm-1001/confirm',
		priorite: 2,
		date_to_send: '2026-12-23 09:30:00',
		id_sms_api: 'crm-1001',
	});
	expect(result.output.map((item) => item.json.id_sms_api)).toEqual([
		'crm-1001',
		'crm-1002',
		'crm-1003',
	]);
});

test('CRM rows → contacts created or updated → added to the list, through API v2', async () => {
	const file = 'crm-rows-to-contacts-and-list.json';
	const example = examples.find((candidate) => candidate.file === file)!;
	const rowsNode = example.workflow.nodes.find((node) => node.name === 'CRM rows')!;
	const rows = (JSON.parse(String(rowsNode.parameters.jsonOutput)) as { rows: IDataObject[] }).rows;
	const store = sim.store();
	// Ann is already a contact: she is updated, not duplicated.
	const { contact: ann } = store.upsertContact({ phone_number: '+33612345678', firstname: 'A.' });
	store.lists.push({
		id: 'crm-customers',
		name: 'CRM customers',
		description: '',
		contactIds: [],
		created: '2026-01-02 03:04:05',
		deleted: false,
	});

	const upsert = exampleNode(file, 'Create or update the contact');
	const saved = await runInsimNode({
		parameters: upsert.parameters,
		items: rows,
		credentials: credentials(),
	});
	expect(saved.error).toBeUndefined();
	expect(saved.output.map((item) => item.json.phone_number)).toEqual([
		'+33612345678',
		'+33698765432',
		'+33711223344',
	]);
	expect(saved.output[0].json.id).toBe(ann.id);

	const add = exampleNode(file, 'Add to the list');
	const added = await runInsimNode({
		parameters: add.parameters,
		items: saved.output.map((item) => item.json),
		credentials: credentials(),
	});
	expect(added.error).toBeUndefined();
	const list = store.lists.find((candidate) => candidate.id === 'crm-customers')!;
	expect(list.contactIds).toEqual(saved.output.map((item) => item.json.id));
	expect(store.liveContacts().find((contact) => contact.id === ann.id)).toMatchObject({
		firstname: 'Ann',
		lastname: 'Martin',
		email: 'ann.martin@example.com',
	});
});
