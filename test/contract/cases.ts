/**
 * One case per operation of the inSIM action node: its parameters against the seeded world, the
 * paths whose answer variants apply to it, and what the right output is (checked against the
 * records the simulator holds). contract.test.ts runs every case against every variant.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_ACCOUNT, type Simulator, type WebhookKey } from '../simulator';
import {
	ALICE_PHONE,
	CLICKED_SMS,
	CLICKS_PER_SMS,
	NEW_PHONE,
	PAGED_COUNT,
	QUALIFIED_COUNT,
	SEEDED_WEBHOOKS,
	type World,
} from './world';

export interface CaseContext {
	sim: Simulator;
	world: World;
}

export interface OperationCase {
	/** `resource.operation`, plus ` (v1)` for the v1 side of an operation */
	name: string;
	resource: string;
	operation: string;
	/** the paths (v2 endpoints, or `v1/...`) whose answer variants apply to this operation */
	paths: string[];
	parameters: (ctx: CaseContext) => INodeParameters;
	/** undefined when the success output is the right one, else what is wrong with it */
	check: (outputs: IDataObject[], ctx: CaseContext) => string | undefined;
	/** sends SMS: an answer with success must never become "not sent" */
	sends?: boolean;
	/**
	 * A read that comes before a write: when the node refuses the read's answer, no request may
	 * reach `writePath` (matched by `isWrite` on its body).
	 */
	/** what must hold whatever the outcome (a success, an error or a refusal) */
	always?: (ctx: CaseContext) => string | undefined;
	readBeforeWrite?: {
		readPath: string;
		writePath: string;
		isWrite: (body: Record<string, unknown>) => boolean;
	};
}

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** True for an id the simulator holds, as the default (24-hex) or as its numeric alias. */
export function sameId(value: unknown, hexId: string, sim: Simulator): boolean {
	if (value === hexId) return true;
	const alias = sim.numericIdOf(hexId);
	return value === alias || value === String(alias);
}

/** The record's id, whatever key the node put it under. */
function idOf(json: IDataObject): unknown {
	return json.id ?? json._id;
}

/** A field at the top of the item or one object down (`{ account: { login } }`). */
export function field(json: IDataObject, key: string): unknown {
	if (json[key] !== undefined) return json[key];
	for (const value of Object.values(json)) {
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			const inner = (value as IDataObject)[key];
			if (inner !== undefined) return inner;
		}
	}
	return undefined;
}

/** True when some value anywhere in the outputs is this id (or its numeric alias). */
function mentionsId(outputs: IDataObject[], hexId: string, sim: Simulator): boolean {
	const seen = (value: unknown): boolean => {
		if (sameId(value, hexId, sim)) return true;
		if (Array.isArray(value)) return value.some(seen);
		if (typeof value === 'object' && value !== null) return Object.values(value).some(seen);
		return false;
	};
	return outputs.some(seen);
}

function one(outputs: IDataObject[]): string | undefined {
	return outputs.length === 1 ? undefined : `expected 1 item, got ${outputs.length}`;
}

/** The output is exactly these records, by id, in any order. */
function exactlyRecords(expectedIds: string[]) {
	return (outputs: IDataObject[], { sim }: CaseContext): string | undefined => {
		if (outputs.length !== expectedIds.length) {
			return `expected ${expectedIds.length} records, got ${outputs.length}`;
		}
		const missing = expectedIds.filter(
			(hexId) => !outputs.some((json) => sameId(idOf(json), hexId, sim)),
		);
		return missing.length === 0 ? undefined : `${missing.length} expected ids missing`;
	};
}

function oneRecord(hexId: (world: World) => string, extra?: (json: IDataObject) => boolean) {
	return (outputs: IDataObject[], { sim, world }: CaseContext): string | undefined => {
		const count = one(outputs);
		if (count) return count;
		if (!sameId(field(outputs[0], 'id') ?? field(outputs[0], '_id'), hexId(world), sim)) {
			return 'the record id is not the one the simulator holds';
		}
		return extra && !extra(outputs[0]) ? 'a field differs from the simulator' : undefined;
	};
}

/** One item naming the record the operation acted on, and the change made in the simulator. */
function actedOn(hexId: (world: World) => string, changed: (ctx: CaseContext) => boolean) {
	return (outputs: IDataObject[], ctx: CaseContext): string | undefined => {
		const count = one(outputs);
		if (count) return count;
		if (!changed(ctx)) return 'the simulator does not hold the change';
		return mentionsId(outputs, hexId(ctx.world), ctx.sim)
			? undefined
			: 'the output does not name the record it acted on';
	};
}

function fieldEquals(key: string, expected: (ctx: CaseContext) => unknown) {
	return (outputs: IDataObject[], ctx: CaseContext): string | undefined => {
		const count = one(outputs);
		if (count) return count;
		const value = field(outputs[0], key);
		return value === expected(ctx) ? undefined : `${key} is ${JSON.stringify(value)}`;
	};
}

/** Every output item reports a sent SMS, and the simulator accepted exactly `count` SMS. */
function sentAll(count: number, outputsExpected: number) {
	return (outputs: IDataObject[], { sim }: CaseContext): string | undefined => {
		if (sim.sentMessages().length !== count) return 'the simulator did not accept the SMS';
		if (outputs.length !== outputsExpected) {
			return `expected ${outputsExpected} items, got ${outputs.length}`;
		}
		const blank = outputs.find((json) => Object.keys(json).length === 0);
		return blank ? 'an empty item' : undefined;
	};
}

const liveIds = (records: Array<{ id: string; deleted?: boolean }>) =>
	records.filter((record) => !record.deleted).map((record) => record.id);

export const OPERATION_CASES: OperationCase[] = [
	// Account
	{
		name: 'account.get',
		resource: 'account',
		operation: 'get',
		paths: ['account'],
		parameters: () => ({}),
		check: fieldEquals('login', () => DEMO_ACCOUNT.login),
	},
	{
		name: 'account.getWebhooks',
		resource: 'account',
		operation: 'getWebhooks',
		paths: ['account/webhooks'],
		parameters: () => ({}),
		check: (outputs) => {
			const count = one(outputs);
			if (count) return count;
			const wrong = Object.entries(SEEDED_WEBHOOKS).filter(
				([key, url]) =>
					field(outputs[0], key) !== url &&
					!Object.values(outputs[0]).some((value) => value === url),
			);
			return wrong.length === 0 ? undefined : `wrong URLs: ${wrong.map(([key]) => key).join(', ')}`;
		},
	},
	{
		name: 'account.updateWebhooks',
		resource: 'account',
		operation: 'updateWebhooks',
		paths: ['account/webhooks'],
		parameters: () => ({ webhookUrls: { incomingSms: 'https://n8n.example.com/webhook/new' } }),
		check: (outputs, { sim }) => {
			const count = one(outputs);
			if (count) return count;
			if (sim.webhooks.incoming_sms !== 'https://n8n.example.com/webhook/new') {
				return 'the Incoming SMS URL was not set';
			}
			return Object.values(outputs[0]).length === 0 ? 'an empty item' : undefined;
		},
		always: ({ sim }) => {
			const changed = Object.entries(SEEDED_WEBHOOKS).filter(
				([key, url]) => key !== 'incoming_sms' && sim.webhooks[key as WebhookKey] !== url,
			);
			return changed.length === 0
				? undefined
				: `URLs the user did not ask to change were changed: ${changed.map(([key]) => key).join(', ')}`;
		},
		readBeforeWrite: {
			readPath: 'account/webhooks',
			writePath: 'account/webhooks',
			isWrite: (body) => body.webhooks !== undefined,
		},
	},

	// Contact
	{
		name: 'contact.create (v1)',
		resource: 'contact',
		operation: 'create',
		paths: [],
		parameters: () => ({ phoneNumber: NEW_PHONE, firstName: 'Zoe', lastName: 'New' }),
		check: (outputs, { sim }) =>
			sim.contacts.length === 1 && outputs.length === 1 ? undefined : 'the contact was not added',
	},
	{
		name: 'contact.delete',
		resource: 'contact',
		operation: 'delete',
		paths: ['contacts/delete'],
		parameters: ({ world }) => ({ contactId: world.alice }),
		check: actedOn(
			(world) => world.alice,
			({ world }) => !world.store.liveContacts().some((contact) => contact.id === world.alice),
		),
	},
	{
		name: 'contact.findByPhone',
		resource: 'contact',
		operation: 'findByPhone',
		paths: ['find_contact'],
		parameters: () => ({ phoneNumber: ALICE_PHONE }),
		check: (outputs, ctx) => exactlyRecords([ctx.world.alice])(outputs, ctx),
	},
	{
		name: 'contact.get',
		resource: 'contact',
		operation: 'get',
		paths: ['contacts/detail'],
		parameters: ({ world }) => ({ contactId: world.alice }),
		check: oneRecord(
			(world) => world.alice,
			(json) => field(json, 'phone_number') === ALICE_PHONE,
		),
	},
	{
		name: 'contact.getCustomFields',
		resource: 'contact',
		operation: 'getCustomFields',
		paths: ['contacts/custom_fields'],
		parameters: () => ({}),
		check: (outputs, { world }) => {
			const keys = outputs.map((json) => json.key).sort();
			const expected = world.store.customFields.map((entry) => entry.key).sort();
			return JSON.stringify(keys) === JSON.stringify(expected) ? undefined : 'wrong fields';
		},
	},
	{
		name: 'contact.getMany',
		resource: 'contact',
		operation: 'getMany',
		paths: ['contacts'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => exactlyRecords(liveIds(ctx.world.store.contacts))(outputs, ctx),
	},
	{
		name: 'contact.search',
		resource: 'contact',
		operation: 'search',
		paths: ['contacts/search'],
		parameters: () => ({ name: 'Alice Martin' }),
		check: (outputs, ctx) => exactlyRecords([ctx.world.alice])(outputs, ctx),
	},
	{
		name: 'contact.updateSharing',
		resource: 'contact',
		operation: 'updateSharing',
		paths: ['contacts/switch_pro'],
		parameters: ({ world }) => ({ contactId: world.alice, sharing: 'team' }),
		check: actedOn(
			(world) => world.alice,
			({ world }) =>
				world.store.contacts.find((contact) => contact.id === world.alice)?.pro === true,
		),
	},
	{
		name: 'contact.updateTags',
		resource: 'contact',
		operation: 'updateTags',
		paths: ['contacts/tags'],
		parameters: ({ world }) => ({ contactId: world.alice, tagsToAdd: 'vip' }),
		check: (outputs, ctx) => {
			const acted = actedOn(
				(world) => world.alice,
				({ world }) =>
					world.store.contacts
						.find((contact) => contact.id === world.alice)
						?.tags.includes('vip') === true,
			)(outputs, ctx);
			if (acted) return acted;
			const tags = field(outputs[0], 'tags');
			return Array.isArray(tags) && tags.includes('vip') && tags.includes('customer')
				? undefined
				: `tags are ${JSON.stringify(tags)}`;
		},
	},
	{
		name: 'contact.upsert',
		resource: 'contact',
		operation: 'upsert',
		paths: ['addcontacts'],
		parameters: () => ({ phoneNumber: NEW_PHONE, firstName: 'Zoe', lastName: 'New' }),
		check: (outputs, ctx) => {
			const created = ctx.world.store.findContactByPhone(NEW_PHONE);
			if (!created) return 'the contact is not in the simulator';
			return actedOn(
				() => created.id,
				() => true,
			)(outputs, ctx);
		},
	},

	// List
	{
		name: 'list.addAllContacts',
		resource: 'list',
		operation: 'addAllContacts',
		paths: ['lists/contacts/addall'],
		parameters: ({ world }) => ({ listId: locator(world.otherList) }),
		check: fieldEquals('added', () => PAGED_COUNT),
	},
	{
		name: 'list.addContacts',
		resource: 'list',
		operation: 'addContacts',
		paths: ['lists/contacts/add'],
		parameters: ({ world }) => ({ listId: locator(world.list), contactIds: world.carol }),
		check: (outputs, ctx) => {
			const list = ctx.world.store.lists.find((entry) => entry.id === ctx.world.list);
			if (!list?.contactIds.includes(ctx.world.carol)) return 'not added in the simulator';
			if (outputs.length !== 1) return `expected 1 item, got ${outputs.length}`;
			return field(outputs[0], 'added') === 1 || mentionsId(outputs, ctx.world.carol, ctx.sim)
				? undefined
				: 'the output says nothing of the added contact';
		},
	},
	{
		name: 'list.create',
		resource: 'list',
		operation: 'create',
		paths: ['lists/create'],
		parameters: () => ({ name: 'New list' }),
		check: (outputs, ctx) => {
			const created = ctx.world.store.lists.find((entry) => entry.name === 'New list');
			if (!created) return 'the list is not in the simulator';
			return oneRecord(() => created.id)(outputs, ctx);
		},
	},
	{
		name: 'list.delete',
		resource: 'list',
		operation: 'delete',
		paths: ['lists/delete'],
		parameters: ({ world }) => ({ listId: locator(world.list) }),
		check: (outputs, { world }) => {
			if (!world.store.lists.find((entry) => entry.id === world.list)?.deleted) {
				return 'not deleted in the simulator';
			}
			if (outputs.length !== 1) return `expected 1 item, got ${outputs.length}`;
			return field(outputs[0], 'deleted') === true ? undefined : 'the output does not say deleted';
		},
	},
	{
		name: 'list.get',
		resource: 'list',
		operation: 'get',
		paths: ['lists/detail'],
		parameters: ({ world }) => ({ listId: locator(world.list) }),
		check: (outputs, ctx) => {
			const record = oneRecord((world) => world.list)(outputs, ctx);
			if (record) return record;
			return mentionsId(outputs, ctx.world.alice, ctx.sim) &&
				mentionsId(outputs, ctx.world.bruno, ctx.sim)
				? undefined
				: 'the members are missing';
		},
	},
	{
		name: 'list.getMany',
		resource: 'list',
		operation: 'getMany',
		paths: ['lists'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => exactlyRecords(liveIds(ctx.world.store.lists))(outputs, ctx),
	},
	{
		name: 'list.removeContacts',
		resource: 'list',
		operation: 'removeContacts',
		paths: ['lists/contacts/remove'],
		parameters: ({ world }) => ({ listId: locator(world.list), contactIds: world.alice }),
		check: (outputs, ctx) => {
			const list = ctx.world.store.lists.find((entry) => entry.id === ctx.world.list);
			if (list?.contactIds.includes(ctx.world.alice)) return 'not removed in the simulator';
			if (outputs.length !== 1) return `expected 1 item, got ${outputs.length}`;
			return field(outputs[0], 'removed') === 1 || mentionsId(outputs, ctx.world.alice, ctx.sim)
				? undefined
				: 'the output says nothing of the removed contact';
		},
	},
	{
		name: 'list.update',
		resource: 'list',
		operation: 'update',
		paths: ['lists/update'],
		parameters: ({ world }) => ({ listId: locator(world.list), updateFields: { name: 'Renamed' } }),
		check: oneRecord(
			(world) => world.list,
			(json) => field(json, 'name') === 'Renamed',
		),
	},

	// Template
	{
		name: 'template.create',
		resource: 'template',
		operation: 'create',
		paths: ['templates/create'],
		parameters: () => ({ name: 'New template', message: 'Hi {firstname}' }),
		check: (outputs, ctx) => {
			const created = ctx.world.store.templates.find((entry) => entry.name === 'New template');
			if (!created) return 'the template is not in the simulator';
			return oneRecord(() => created.id)(outputs, ctx);
		},
	},
	{
		name: 'template.delete',
		resource: 'template',
		operation: 'delete',
		paths: ['templates/delete'],
		parameters: ({ world }) => ({ templateId: locator(world.template) }),
		check: actedOn(
			(world) => world.template,
			({ world }) =>
				world.store.templates.find((entry) => entry.id === world.template)?.deleted === true,
		),
	},
	{
		name: 'template.getMany',
		resource: 'template',
		operation: 'getMany',
		paths: ['templates'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => exactlyRecords(liveIds(ctx.world.store.templates))(outputs, ctx),
	},
	{
		name: 'template.send',
		resource: 'template',
		operation: 'send',
		paths: ['templates/send'],
		parameters: ({ world }) => ({ templateId: locator(world.template), phoneNumber: ALICE_PHONE }),
		check: sentAll(1, 1),
		sends: true,
	},
	{
		name: 'template.update',
		resource: 'template',
		operation: 'update',
		paths: ['templates/update'],
		parameters: ({ world }) => ({
			templateId: locator(world.template),
			updateFields: { message: 'Changed {firstname}' },
		}),
		check: oneRecord(
			(world) => world.template,
			(json) => field(json, 'message') === 'Changed {firstname}',
		),
	},

	// SMS
	{
		name: 'sms.send',
		resource: 'sms',
		operation: 'send',
		paths: ['sendsms'],
		parameters: () => ({
			phoneNumber: ALICE_PHONE,
			message: 'Hello',
			options: { apiVersion: 'v2' },
		}),
		check: sentAll(1, 1),
		sends: true,
	},
	{
		name: 'sms.send (v1)',
		resource: 'sms',
		operation: 'send',
		paths: ['v1/sendsms'],
		parameters: () => ({ phoneNumber: ALICE_PHONE, message: 'Hello' }),
		check: sentAll(1, 1),
		sends: true,
	},
	{
		name: 'sms.sendAndWait',
		resource: 'sms',
		operation: 'sendAndWait',
		paths: ['sendsms'],
		parameters: () => ({
			phoneNumber: ALICE_PHONE,
			message: 'Approve quote #1042?',
			options: { apiVersion: 'v2' },
		}),
		check: sentAll(1, 1),
		sends: true,
	},
	{
		name: 'sms.sendAndWait (v1)',
		resource: 'sms',
		operation: 'sendAndWait',
		paths: ['v1/sendsms'],
		parameters: () => ({ phoneNumber: ALICE_PHONE, message: 'Approve quote #1042?' }),
		check: sentAll(1, 1),
		sends: true,
	},
	{
		name: 'sms.get',
		resource: 'sms',
		operation: 'get',
		paths: ['sms/detail'],
		parameters: ({ world }) => ({ smsId: world.aliceSms }),
		check: oneRecord(
			(world) => world.aliceSms,
			(json) => field(json, 'message') === 'Alice 2',
		),
	},
	{
		name: 'sms.getConversation',
		resource: 'sms',
		operation: 'getConversation',
		paths: ['sms/conversation'],
		parameters: () => ({ phoneNumber: ALICE_PHONE }),
		check: (outputs, ctx) =>
			exactlyRecords(
				ctx.world.store.sms.filter((sms) => sms.phone_number === ALICE_PHONE).map((sms) => sms.id),
			)(outputs, ctx),
	},
	{
		name: 'sms.getDeliveryStatus',
		resource: 'sms',
		operation: 'getDeliveryStatus',
		paths: ['sms/delivery_status'],
		parameters: ({ world }) => ({ smsId: world.aliceSms }),
		check: (outputs, ctx) => {
			const count = one(outputs);
			if (count) return count;
			if (field(outputs[0], 'delivery_status') !== 'sent') return 'wrong delivery_status';
			return mentionsId(outputs, ctx.world.aliceSms, ctx.sim) ? undefined : 'no sms id';
		},
	},
	{
		name: 'sms.getMany',
		resource: 'sms',
		operation: 'getMany',
		paths: ['sms'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => exactlyRecords(ctx.world.store.sms.map((sms) => sms.id))(outputs, ctx),
	},

	// Campaign
	{
		name: 'campaign.cancel',
		resource: 'campaign',
		operation: 'cancel',
		paths: ['campaigns/cancel'],
		parameters: ({ world }) => ({ campaignId: locator(world.emptyCampaign) }),
		check: (outputs, { world }) => {
			const status = world.store.campaigns.find(
				(entry) => entry.id === world.emptyCampaign,
			)?.status;
			if (status !== 4) return 'not cancelled in the simulator';
			if (outputs.length !== 1) return `expected 1 item, got ${outputs.length}`;
			return field(outputs[0], 'cancelled') === true ? undefined : 'the output does not say so';
		},
	},
	{
		name: 'campaign.create',
		resource: 'campaign',
		operation: 'create',
		paths: ['campaigns/create'],
		parameters: () => ({ name: 'New campaign', message: 'Hi', phoneNumbers: ALICE_PHONE }),
		check: (outputs, ctx) => {
			const created = ctx.world.store.campaigns.find((entry) => entry.name === 'New campaign');
			if (!created) return 'the campaign is not in the simulator';
			return oneRecord(
				() => created.id,
				(json) => field(json, 'recipients') === 1 || field(json, 'status') === 0,
			)(outputs, ctx);
		},
	},
	{
		name: 'campaign.get',
		resource: 'campaign',
		operation: 'get',
		paths: ['campaigns/detail'],
		parameters: ({ world }) => ({ campaignId: locator(world.readyCampaign) }),
		check: oneRecord(
			(world) => world.readyCampaign,
			(json) => field(json, 'recipients') === 2,
		),
	},
	{
		name: 'campaign.getMany',
		resource: 'campaign',
		operation: 'getMany',
		paths: ['campaigns'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) =>
			exactlyRecords(ctx.world.store.campaigns.map((c) => c.id))(outputs, ctx),
	},
	{
		name: 'campaign.start',
		resource: 'campaign',
		operation: 'start',
		paths: ['campaigns/detail', 'campaigns/start'],
		parameters: ({ world }) => ({ campaignId: locator(world.readyCampaign) }),
		check: sentAll(2, 1),
		sends: true,
		readBeforeWrite: {
			readPath: 'campaigns/detail',
			writePath: 'campaigns/start',
			isWrite: () => true,
		},
	},

	// Qualification
	{
		name: 'qualification.createOption',
		resource: 'qualification',
		operation: 'createOption',
		paths: ['qualifications/options/create'],
		parameters: () => ({ label: 'Hot lead' }),
		check: (outputs, ctx) => {
			const created = ctx.world.store.qualificationOptions.find((o) => o.label === 'Hot lead');
			if (!created) return 'the option is not in the simulator';
			return oneRecord(() => created.id)(outputs, ctx);
		},
	},
	{
		name: 'qualification.deleteOption',
		resource: 'qualification',
		operation: 'deleteOption',
		paths: ['qualifications/options/delete'],
		parameters: ({ world }) => ({ qualificationOptionId: locator(world.option) }),
		check: actedOn(
			(world) => world.option,
			({ world }) =>
				world.store.qualificationOptions.find((o) => o.id === world.option)?.deleted === true,
		),
	},
	{
		name: 'qualification.getMany',
		resource: 'qualification',
		operation: 'getMany',
		paths: ['qualifications'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => {
			const expected = ctx.world.store.calls.filter((call) => call.qualification).map((c) => c.id);
			if (expected.length !== QUALIFIED_COUNT) return 'the world changed';
			if (outputs.length !== expected.length) {
				return `expected ${expected.length} records, got ${outputs.length}`;
			}
			const missing = expected.filter(
				(hexId) => !outputs.some((json) => sameId(json.call_id, hexId, ctx.sim)),
			);
			return missing.length === 0 ? undefined : `${missing.length} qualified calls missing`;
		},
	},
	{
		name: 'qualification.getManyOptions',
		resource: 'qualification',
		operation: 'getManyOptions',
		paths: ['qualifications/options'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) =>
			exactlyRecords(liveIds(ctx.world.store.qualificationOptions))(outputs, ctx),
	},
	{
		name: 'qualification.getStats',
		resource: 'qualification',
		operation: 'getStats',
		paths: ['qualifications/stats'],
		parameters: () => ({}),
		check: (outputs, ctx) =>
			fieldEquals('total_calls', () => PAGED_COUNT)(outputs, ctx) ??
			fieldEquals('qualified_calls', () => QUALIFIED_COUNT)(outputs, ctx),
	},
	{
		name: 'qualification.updateOption',
		resource: 'qualification',
		operation: 'updateOption',
		paths: ['qualifications/options/update'],
		parameters: ({ world }) => ({
			qualificationOptionId: locator(world.option),
			label: 'Renamed option',
		}),
		check: oneRecord(
			(world) => world.option,
			(json) => field(json, 'label') === 'Renamed option',
		),
	},

	// Call
	{
		name: 'call.clickToCall',
		resource: 'call',
		operation: 'clickToCall',
		paths: [],
		parameters: () => ({ phoneNumber: ALICE_PHONE, options: { apiVersion: 'v2' } }),
		check: (outputs, { sim }) =>
			sim.calls.length === 1 && outputs.length === 1 ? undefined : 'no call was made',
	},
	{
		name: 'call.clickToCall (v1)',
		resource: 'call',
		operation: 'clickToCall',
		paths: [],
		parameters: () => ({ phoneNumber: ALICE_PHONE }),
		check: (outputs, { sim }) =>
			sim.calls.length === 1 && outputs.length === 1 ? undefined : 'no call was made',
	},
	{
		name: 'call.getMany',
		resource: 'call',
		operation: 'getMany',
		paths: ['calls'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => exactlyRecords(ctx.world.store.calls.map((c) => c.id))(outputs, ctx),
	},
	{
		name: 'call.qualify',
		resource: 'call',
		operation: 'qualify',
		paths: ['calls/qualify'],
		parameters: ({ world }) => ({
			callId: world.openCall,
			qualificationOptionId: locator(world.option),
			notes: 'contract',
		}),
		check: (outputs, ctx) => {
			const call = ctx.world.store.calls.find((entry) => entry.id === ctx.world.openCall);
			if (call?.qualification?.option_id !== ctx.world.option) return 'not qualified';
			return oneRecord((world) => world.openCall)(outputs, ctx);
		},
	},

	// Stat
	{
		name: 'stat.getClicks',
		resource: 'stat',
		operation: 'getClicks',
		paths: ['stats/clicks'],
		parameters: () => ({ returnAll: true }),
		check: (outputs, ctx) => {
			const expected = CLICKED_SMS * CLICKS_PER_SMS;
			if (outputs.length !== expected) return `expected ${expected} clicks, got ${outputs.length}`;
			const clicked = new Set(
				ctx.world.store.sms.filter((sms) => sms.clicks.length > 0).map((sms) => sms.id),
			);
			const unknown = outputs.filter(
				(json) => ![...clicked].some((hexId) => sameId(json.sms_id, hexId, ctx.sim)),
			);
			return unknown.length === 0 ? undefined : `${unknown.length} clicks name no clicked SMS`;
		},
	},
	{
		name: 'stat.getOverview',
		resource: 'stat',
		operation: 'getOverview',
		paths: ['stats/overview'],
		parameters: () => ({}),
		check: (outputs, ctx) =>
			fieldEquals('contacts', () => PAGED_COUNT)(outputs, ctx) ??
			fieldEquals('link_clicks', () => CLICKED_SMS * CLICKS_PER_SMS)(outputs, ctx),
	},
];
