/**
 * The read side of issue 14: inSIM answering with success in other plausible shapes. Each is
 * read right, or is an error naming the endpoint: never an empty result, a blanked setting, or a
 * write after a read the node did not recognise. The answers come from a small server in front
 * of the simulator (answerOverride.ts); what reached the simulator is in its request log.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { AnswerOverride } from '../../../engine/v2/answerOverride';
import { FORWARD, startAnswerOverride } from '../../../engine/v2/answerOverride';
import { byId, setUpV2 } from '../../../engine/v2/support';

const t = setUpV2();
let proxy: AnswerOverride;
beforeAll(async () => {
	proxy = await startAnswerOverride(t.sim);
});
beforeEach(() => proxy.clear());
afterAll(async () => proxy.close());

const run = (parameters: INodeParameters, extra: { continueOnFail?: boolean } = {}) =>
	t.run({ parameters, credentials: { ...t.credentials(), baseUrl: proxy.baseUrl }, ...extra });

const unrecognised = (endpoint: string) =>
	`inSIM answered v2/${endpoint} in a shape this node does not recognise`;

const URLS = {
	incoming_sms: 'https://crm.example.com/sms',
	delivery_status: 'https://crm.example.com/status',
	link_clicks: '',
	call_events: 'https://crm.example.com/calls',
	call_qualifications: 'https://crm.example.com/qualif',
};

function contacts(count: number) {
	return Array.from({ length: count }, (_, index) => ({
		_id: `c${index}`,
		firstname: `First${index}`,
		lastname: `Last${index}`,
		phone_number: `+3361234${String(index).padStart(4, '0')}`,
	}));
}

/** 150 contacts in pages of `limit`; the page's paging fields come from `paging(next)`. */
function pagedContacts(paging: (next: string | undefined) => Record<string, unknown>) {
	const all = contacts(150);
	return (body: Record<string, unknown>) => {
		const offset = body.cursor === undefined ? 0 : Number(String(body.cursor).slice(1));
		const limit = Number(body.limit);
		const page = all.slice(offset, offset + limit);
		const next = offset + page.length < all.length ? `p${offset + page.length}` : undefined;
		return { success: true, contacts: page, total: all.length, ...paging(next) };
	};
}

describe('every read operation: an answer in no declared shape is an error naming the endpoint', () => {
	const cases: Array<[string, INodeParameters]> = [
		['account', { resource: 'account', operation: 'get' }],
		['account/webhooks', { resource: 'account', operation: 'getWebhooks' }],
		['contacts', { resource: 'contact', operation: 'getMany', returnAll: true }],
		['contacts/detail', { resource: 'contact', operation: 'get', contactId: 'c1' }],
		['contacts/search', { resource: 'contact', operation: 'search', name: 'Ann' }],
		[
			'find_contact',
			{ resource: 'contact', operation: 'findByPhone', phoneNumber: '+33612345678' },
		],
		['contacts/custom_fields', { resource: 'contact', operation: 'getCustomFields' }],
		['lists', { resource: 'list', operation: 'getMany', returnAll: true }],
		['lists/detail', { resource: 'list', operation: 'get', listId: byId('l1') }],
		['lists/create', { resource: 'list', operation: 'create', name: 'New' }],
		['templates', { resource: 'template', operation: 'getMany', returnAll: true }],
		[
			'templates/create',
			{ resource: 'template', operation: 'create', name: 'T', message: 'Hello {firstname}' },
		],
		['campaigns', { resource: 'campaign', operation: 'getMany', returnAll: true }],
		['campaigns/detail', { resource: 'campaign', operation: 'get', campaignId: byId('k1') }],
		['qualifications', { resource: 'qualification', operation: 'getMany', returnAll: true }],
		[
			'qualifications/options',
			{ resource: 'qualification', operation: 'getManyOptions', returnAll: true },
		],
		['qualifications/stats', { resource: 'qualification', operation: 'getStats' }],
		[
			'qualifications/options/create',
			{ resource: 'qualification', operation: 'createOption', label: 'Booked' },
		],
		['calls', { resource: 'call', operation: 'getMany', returnAll: true }],
		['sms', { resource: 'sms', operation: 'getMany', returnAll: true }],
		['sms/detail', { resource: 'sms', operation: 'get', smsId: 's1' }],
		[
			'sms/conversation',
			{ resource: 'sms', operation: 'getConversation', phoneNumber: '+33612345678' },
		],
		['stats/overview', { resource: 'stat', operation: 'getOverview' }],
		['stats/clicks', { resource: 'stat', operation: 'getClicks', returnAll: true }],
	];

	test.each(cases)('v2/%s', async (endpoint, parameters) => {
		proxy.set(endpoint, { success: true, payload: [] });
		const result = await run(parameters);
		expect(result.output).toEqual([]);
		expect(result.error?.message).toContain(unrecognised(endpoint));
		expect(result.error?.description).toContain(
			"the answer's top-level keys were: success, payload",
		);
		expect(proxy.answered(endpoint)).toHaveLength(1);
	});
});

describe('Account → Get Webhooks / Update Webhooks against other read shapes', () => {
	test('the five URLs at the top level are read (null reads as no URL)', async () => {
		proxy.set('account/webhooks', { success: true, ...URLS, link_clicks: null });
		const result = await run({ resource: 'account', operation: 'getWebhooks' });
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toEqual(URLS);
	});

	test('under `data` they are read too', async () => {
		proxy.set('account/webhooks', { success: true, data: { webhooks: URLS } });
		const result = await run({ resource: 'account', operation: 'getWebhooks' });
		expect(result.output[0].json).toEqual(URLS);
	});

	test('a read missing some of the five URLs is an error, never empty URLs', async () => {
		proxy.set('account/webhooks', {
			success: true,
			webhooks: { incoming_sms: URLS.incoming_sms },
		});
		const result = await run({ resource: 'account', operation: 'getWebhooks' });
		expect(result.output).toEqual([]);
		expect(result.error?.message).toContain(unrecognised('account/webhooks'));
	});

	test('Update Webhooks after an unrecognised read writes nothing and changes no URL', async () => {
		Object.assign(t.sim.webhooks, URLS);
		// The read gets an unknown shape; a write would pass on to the simulator.
		proxy.answerWith('account/webhooks', (body) =>
			body.action === 'get' ? { success: true, urls: { ...URLS } } : FORWARD,
		);
		const result = await run({
			resource: 'account',
			operation: 'updateWebhooks',
			webhookUrls: { incomingSms: 'https://n8n.example.com/webhook/sms' },
		});
		expect(result.error?.message).toContain(unrecognised('account/webhooks'));
		expect(result.error?.description).toContain('Nothing was changed in inSIM.');
		expect(proxy.answered('account/webhooks')).toEqual([
			expect.objectContaining({ action: 'get' }),
		]);
		expect(t.requestsTo('account/webhooks')).toEqual([]);
		expect({ ...t.sim.webhooks }).toEqual(URLS);
	});

	test('after a flat read, the write changes only the URL asked for and sends the others back as they were', async () => {
		Object.assign(t.sim.webhooks, URLS);
		proxy.answerWith('account/webhooks', (body) =>
			body.action === 'get' ? { success: true, ...t.sim.webhooks } : FORWARD,
		);
		const result = await run({
			resource: 'account',
			operation: 'updateWebhooks',
			webhookUrls: { incomingSms: 'https://n8n.example.com/webhook/sms' },
		});
		expect(result.error).toBeUndefined();
		const expected = { ...URLS, incoming_sms: 'https://n8n.example.com/webhook/sms' };
		expect(t.requestsTo('account/webhooks')).toEqual([
			expect.objectContaining({ action: 'set', webhooks: expected }),
		]);
		expect({ ...t.sim.webhooks }).toEqual(expected);
		expect(result.output[0].json).toEqual(expected);
	});
});

describe('Contact → Get Many, Return All: paging', () => {
	test('`has_more: true` with a next-page key the node does not know is an error, not 100 of 150', async () => {
		proxy.answerWith(
			'contacts',
			pagedContacts((next) => ({ has_more: next !== undefined, continuation: next })),
		);
		const result = await run({ resource: 'contact', operation: 'getMany', returnAll: true });
		expect(result.output).toEqual([]);
		expect(result.error?.message).toContain(unrecognised('contacts'));
		expect(result.error?.description).toContain('"has_more": true');
		expect(result.error?.description).toContain('continuation');
	});

	test.each([
		[
			'next_cursor',
			(next: string | undefined) => ({ has_more: next !== undefined, next_cursor: next }),
		],
		[
			'nextCursor',
			(next: string | undefined) => ({ hasMore: next !== undefined, nextCursor: next }),
		],
		['next (null on the last page)', (next: string | undefined) => ({ next: next ?? null })],
		[
			'pagination.cursor',
			(next: string | undefined) => ({
				pagination: { has_more: next !== undefined, cursor: next },
			}),
		],
	])('a next-page token under %s is followed: all 150', async (_name, paging) => {
		proxy.answerWith('contacts', pagedContacts(paging));
		const result = await run({
			resource: 'contact',
			operation: 'getMany',
			returnAll: true,
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(150);
		expect(result.output[149].json).toMatchObject({ id: 'c149', _id: 'c149' });
		expect(proxy.answered('contacts').map((body) => body.cursor)).toEqual([undefined, 'p100']);
	});

	test('a next-page token given twice is an error, never part of the list as if it were all', async () => {
		proxy.set('contacts', {
			success: true,
			contacts: contacts(100),
			has_more: true,
			cursor: 'same',
		});
		const result = await run({ resource: 'contact', operation: 'getMany', returnAll: true });
		expect(result.output).toEqual([]);
		expect(result.error?.message).toContain('the same next-page token twice');
	});
});

describe('lists of records under other keys', () => {
	test('Qualification → Get Many and Stat → Get Link Clicks read records under `data`', async () => {
		proxy.set('qualifications', {
			success: true,
			data: [
				{ call_id: 'k1', label: 'Booked' },
				{ call_id: 'k2', label: 'Lost' },
			],
		});
		proxy.set('stats/clicks', {
			success: true,
			data: [{ link: 'https://arsms.co/a', phone_number: '+33612345678' }],
			has_more: false,
		});
		const qualifications = await run({
			resource: 'qualification',
			operation: 'getMany',
			returnAll: true,
		});
		expect(qualifications.error).toBeUndefined();
		expect(qualifications.output.map((item) => item.json.label)).toEqual(['Booked', 'Lost']);
		const clicks = await run({ resource: 'stat', operation: 'getClicks', returnAll: true });
		expect(clicks.error).toBeUndefined();
		expect(clicks.output.map((item) => item.json.link)).toEqual(['https://arsms.co/a']);
	});

	test('records under `items` / `results`, objects wrapped in `data`, numeric ids', async () => {
		proxy.set('lists', { success: true, items: [{ id: 7, name: 'Seven' }] });
		proxy.set('templates', { success: true, data: { templates: [{ _id: 't1', name: 'T' }] } });
		proxy.set('contacts/search', { success: true, results: [{ id_contact: 'c9', score: 100 }] });
		const lists = await run({ resource: 'list', operation: 'getMany', returnAll: true });
		expect(lists.output.map((item) => item.json)).toEqual([{ id: '7', name: 'Seven' }]);
		const templates = await run({ resource: 'template', operation: 'getMany', returnAll: true });
		expect(templates.output.map((item) => item.json)).toEqual([{ id: 't1', _id: 't1', name: 'T' }]);
		const search = await run({ resource: 'contact', operation: 'search', name: 'Ann' });
		expect(search.output.map((item) => item.json)).toEqual([
			{ id: 'c9', id_contact: 'c9', score: 100 },
		]);
	});

	test('an empty list is a success only when the answer proves it', async () => {
		proxy.set('calls', { success: true, calls: [] });
		proxy.set('sms', { success: true, total: 0 });
		proxy.set('campaigns', { success: true });
		expect(
			(await run({ resource: 'call', operation: 'getMany', returnAll: true })).error,
		).toBeUndefined();
		const sms = await run({ resource: 'sms', operation: 'getMany', returnAll: true });
		expect(sms.error).toBeUndefined();
		expect(sms.output).toEqual([]);
		const campaigns = await run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(campaigns.error?.message).toContain(unrecognised('campaigns'));
	});

	test('a record without any id where one is needed is an error naming the endpoint', async () => {
		proxy.set('qualifications/options', { success: true, options: [{ label: 'Booked' }] });
		const result = await run({
			resource: 'qualification',
			operation: 'getManyOptions',
			returnAll: true,
		});
		expect(result.error?.message).toContain(unrecognised('qualifications/options'));
		expect(result.error?.description).toContain('each record with an id (id, _id, option_id)');
	});
});

describe('single records, flat or wrapped', () => {
	test('Account → Get reads the account flat, under `data`, and refuses an unknown wrapper', async () => {
		proxy.set('account', { success: true, login: 'me@example.com', sms_credits: 5 });
		expect((await run({ resource: 'account', operation: 'get' })).output[0].json).toEqual({
			login: 'me@example.com',
			sms_credits: 5,
		});
		proxy.set('account', { success: true, data: { login: 'me@example.com', active: true } });
		expect((await run({ resource: 'account', operation: 'get' })).output[0].json).toEqual({
			login: 'me@example.com',
			active: true,
		});
	});

	test('Contact → Get with `_id`, a one-element array, and flat', async () => {
		for (const answer of [
			{ success: true, contact: { _id: 'c1', phone_number: '+33612345678' } },
			{ success: true, contact: [{ _id: 'c1', phone_number: '+33612345678' }] },
			{ success: true, _id: 'c1', phone_number: '+33612345678' },
		]) {
			proxy.set('contacts/detail', answer);
			const result = await run({ resource: 'contact', operation: 'get', contactId: 'c1' });
			expect(result.error).toBeUndefined();
			expect(result.output[0].json).toEqual({
				id: 'c1',
				_id: 'c1',
				phone_number: '+33612345678',
			});
		}
	});

	test('Template → Create: a flat `template_id` is the id; no id at all is an error that says it may have been created', async () => {
		proxy.set('templates/create', { success: true, template_id: 'tpl9' });
		const created = await run({
			resource: 'template',
			operation: 'create',
			name: 'T',
			message: 'Hello',
		});
		expect(created.output[0].json).toMatchObject({ id: 'tpl9', name: 'T', message: 'Hello' });
		proxy.set('templates/create', { success: true });
		const unknown = await run(
			{ resource: 'template', operation: 'create', name: 'T', message: 'Hello' },
			{ continueOnFail: true },
		);
		expect(String(unknown.output[0].json.error)).toContain(unrecognised('templates/create'));
		expect(unknown.output[0].json.mayHaveBeenProcessed).toBe(true);
	});

	test('Stat → Get Overview flat; Qualification → Get Stats under `data`', async () => {
		proxy.set('stats/overview', { success: true, sms_sent: 3, calls_missed: 1 });
		expect((await run({ resource: 'stat', operation: 'getOverview' })).output[0].json).toEqual({
			sms_sent: 3,
			calls_missed: 1,
		});
		proxy.set('qualifications/stats', { success: true, data: { total_calls: 4, rate: 0.5 } });
		expect(
			(await run({ resource: 'qualification', operation: 'getStats' })).output[0].json,
		).toEqual({ total_calls: 4, rate: 0.5 });
	});
});

describe('writes whose answer no vendor file shows', () => {
	test('Contact → Update Tags: the tags inSIM gives, else what was asked, never an empty list', async () => {
		proxy.set('contacts/tags', { success: true, contact: { id: 'c1', tags: ['vip', 'b'] } });
		const given = await run({
			resource: 'contact',
			operation: 'updateTags',
			contactId: 'c1',
			tagsToAdd: 'vip',
		});
		expect(given.output[0].json).toEqual({ id: 'c1', tags: ['vip', 'b'] });
		proxy.set('contacts/tags', { success: true });
		const bare = await run({
			resource: 'contact',
			operation: 'updateTags',
			contactId: 'c1',
			tagsToAdd: 'vip',
		});
		expect(bare.output[0].json).toEqual({ id: 'c1', tagsAdded: ['vip'], tagsRemoved: [] });
		proxy.set('contacts/tags', { success: true, tags: 'vip' });
		const odd = await run(
			{ resource: 'contact', operation: 'updateTags', contactId: 'c1', tagsToAdd: 'vip' },
			{ continueOnFail: true },
		);
		expect(String(odd.output[0].json.error)).toContain(unrecognised('contacts/tags'));
		expect(odd.output[0].json.mayHaveBeenProcessed).toBe(true);
	});

	test('Campaign → Cancel reads `cancelled` where inSIM puts it', async () => {
		proxy.set('campaigns/cancel', { success: true, campaign: { id: 'k1', cancelled: false } });
		const result = await run({ resource: 'campaign', operation: 'cancel', campaignId: byId('k1') });
		expect(result.output[0].json).toEqual({ id: 'k1', cancelled: false });
	});

	test('List → Add All Contacts keeps the counts inSIM gives, under `data` too', async () => {
		proxy.set('lists/contacts/addall', { success: true, data: { added: '3', total: 5 } });
		const result = await run({ resource: 'list', operation: 'addAllContacts', listId: byId('l1') });
		expect(result.output[0].json).toEqual({ listId: 'l1', added: 3, total: 5 });
	});
});

describe('List → Get: members', () => {
	const members = contacts(150);
	test('members inside the list, paged by `next_cursor`, with `limit` on every request', async () => {
		proxy.answerWith('lists/detail', (body) => {
			const offset = body.cursor === undefined ? 0 : Number(body.cursor);
			const page = members.slice(offset, offset + Number(body.limit));
			const next = offset + page.length;
			return {
				success: true,
				list: { _id: 'l1', name: 'All', contacts_count: 150, members: page },
				has_more: next < members.length,
				next_cursor: next < members.length ? String(next) : null,
			};
		});
		const result = await run({ resource: 'list', operation: 'get', listId: byId('l1') });
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect((result.output[0].json.members as unknown[]).length).toBe(150);
		expect(proxy.answered('lists/detail')).toEqual([
			expect.objectContaining({ list_id: 'l1', limit: 100 }),
			expect.objectContaining({ list_id: 'l1', limit: 100, cursor: '100' }),
		]);
	});

	test('a member count above the members given, with no next-page token, is an error', async () => {
		proxy.set('lists/detail', {
			success: true,
			list: { id: 'l1', name: 'All', contacts: 150 },
			contacts: members.slice(0, 100),
		});
		const result = await run({ resource: 'list', operation: 'get', listId: byId('l1') });
		expect(result.output).toEqual([]);
		expect(result.error?.message).toContain(unrecognised('lists/detail'));
		expect(result.error?.description).toContain('the list counts 150 members');
	});

	test('no members array is an empty list only when the count says 0', async () => {
		proxy.set('lists/detail', { success: true, list: { id: 'l1', name: 'Empty', contacts: 0 } });
		const empty = await run({ resource: 'list', operation: 'get', listId: byId('l1') });
		expect(empty.output[0].json).toEqual({ id: 'l1', name: 'Empty', contacts: 0, members: [] });
		proxy.set('lists/detail', { success: true, list: { id: 'l1', name: 'Five', contacts: 5 } });
		const five = await run({ resource: 'list', operation: 'get', listId: byId('l1') });
		expect(five.error?.message).toContain(unrecognised('lists/detail'));
	});
});

describe('Contact → Find by Phone', () => {
	test('a local number without a leading 0 (Tunisia) is sent as typed; one `contact` object is one item', async () => {
		proxy.set('find_contact', { success: true, contact: { id: 'c1', phone_number: '20123456' } });
		const result = await run({
			resource: 'contact',
			operation: 'findByPhone',
			phoneNumber: '20 123 456',
		});
		expect(result.error).toBeUndefined();
		expect(proxy.answered('find_contact')).toEqual([
			expect.objectContaining({ phone_number: '20123456' }),
		]);
		expect(result.output.map((item) => item.json)).toEqual([
			{ id: 'c1', phone_number: '20123456' },
		]);
	});

	test('`count: 0` without a list is no contact found, not an error', async () => {
		proxy.set('find_contact', { success: true, count: 0 });
		const result = await run({
			resource: 'contact',
			operation: 'findByPhone',
			phoneNumber: '0612345678',
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([]);
	});
});
