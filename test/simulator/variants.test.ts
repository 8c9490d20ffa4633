// Answer variants (variants.ts) and what the simulator accepts from the vendor's clients, over
// real HTTP.
import { DEMO_ACCOUNT, PATH_SHAPES, startSimulator, variantsFor, type Simulator } from './index';
import { encodeCursor } from './v2/store';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({
		accounts: [
			DEMO_ACCOUNT,
			{ login: 'tn@insim.test', accessKey: 'sim-access-key-tn', countryCode: 'TN' },
		],
	});
});
beforeEach(() => sim.reset());
afterAll(async () => sim.close());

const credentials = { login: DEMO_ACCOUNT.login, accessKey: DEMO_ACCOUNT.accessKey };

async function post(path: string, body: Record<string, unknown> = {}, login = credentials) {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...login, ...body }),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function control(route: string, method: 'GET' | 'POST' | 'DELETE', body?: unknown) {
	const response = await fetch(`${sim.origin}/__sim${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function seedContacts(count: number) {
	const store = sim.store();
	for (let index = 0; index < count; index++) {
		store.upsertContact({ phone_number: `+3361000${String(index).padStart(4, '0')}` });
	}
	return store.liveContacts();
}

describe('answer variants', () => {
	test('every path with a shape has variants, and only fitting ones can be chosen', () => {
		for (const path of Object.keys(PATH_SHAPES))
			expect(variantsFor(path).length).toBeGreaterThan(0);
		expect(variantsFor('contacts')).toEqual(
			expect.arrayContaining(['listUnderData', 'nextCursorSnake', 'numericIds']),
		);
		expect(variantsFor('account/webhooks')).toContain('webhooksAtTopLevel');
		expect(variantsFor('clictocall')).toEqual([]);
		expect(() => sim.setVariant('account', 'listUnderData')).toThrow(/does not apply to account/);
		expect(() => sim.setVariant('clictocall', 'flat')).toThrow(/no answer variants/);
	});

	test('set and cleared over HTTP, like the faults', async () => {
		seedContacts(2);
		const set = await control('/variants', 'POST', { path: 'contacts', variant: 'listUnderData' });
		expect(set.status).toBe(200);
		expect((await control('/variants', 'GET')).json).toEqual([
			{ path: 'contacts', variant: 'listUnderData' },
		]);
		const under = await post('/v2/contacts');
		expect(under.json).toMatchObject({ success: true, total: 2, has_more: false });
		expect(under.json.data).toHaveLength(2);
		expect(under.json.contacts).toBeUndefined();

		const refused = await control('/variants', 'POST', { path: 'contacts', variant: 'nope' });
		expect(refused.status).toBe(400);
		expect(refused.json.error).toMatch(/does not apply to contacts/);

		await control('/variants', 'POST', [
			{ path: '/api/v2/find_contact', variant: 'listUnderItems' },
			{ path: 'sms', variant: 'listUnderResourceName' },
		]);
		expect(sim.variants()).toHaveLength(3);
		const one = await fetch(`${sim.origin}/__sim/variants?path=sms`, { method: 'DELETE' });
		expect(one.status).toBe(200);
		expect(sim.variants().map((entry) => entry.path)).toEqual(['contacts', 'find_contact']);

		await control('/variants', 'DELETE');
		expect(sim.variants()).toEqual([]);
		expect((await post('/v2/contacts')).json.contacts).toHaveLength(2);
	});

	test('errors keep their shape under a variant', async () => {
		sim.setVariant('contacts/detail', 'wrappedInData');
		const answer = await post('/v2/contacts/detail', { id_contact: 'nope' });
		expect(answer.status).toBe(404);
		expect(answer.json).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
	});

	test('flat, wrapped and the webhooks at the top level', async () => {
		const [contact] = seedContacts(1);
		sim.setVariant('contacts/detail', 'flat');
		expect((await post('/v2/contacts/detail', { id_contact: contact.id })).json).toMatchObject({
			success: true,
			id: contact.id,
			phone_number: contact.phone_number,
		});
		sim.setVariant('contacts/detail', 'wrappedInData');
		expect((await post('/v2/contacts/detail', { id_contact: contact.id })).json).toEqual({
			success: true,
			data: { contact: expect.objectContaining({ id: contact.id }) },
		});
		sim.webhooks.incoming_sms = 'https://example.com/in';
		sim.setVariant('account/webhooks', 'webhooksAtTopLevel');
		const webhooks = await post('/v2/account/webhooks', { action: 'get' });
		expect(webhooks.json).toMatchObject({ success: true, incoming_sms: 'https://example.com/in' });
		expect(webhooks.json.webhooks).toBeUndefined();
	});

	test('_id for id, and id for _id', async () => {
		const [contact] = seedContacts(1);
		sim.setVariant('contacts', 'idAsUnderscoreId');
		const contacts = (await post('/v2/contacts')).json.contacts as Array<Record<string, unknown>>;
		expect(contacts[0]).toMatchObject({ _id: contact.id });
		expect(contacts[0].id).toBeUndefined();

		sim.store().qualificationOptions.push({ id: 'a'.repeat(24), label: 'Hot', deleted: false });
		sim.setVariant('qualifications/options', 'underscoreIdAsId');
		expect((await post('/v2/qualifications/options')).json.options).toEqual([
			{ id: 'a'.repeat(24), label: 'Hot' },
		]);
	});

	test('numeric ids are stable, and read back when a client sends them', async () => {
		const [contact] = seedContacts(1);
		sim.setVariant('contacts', 'numericIds');
		const listed = (await post('/v2/contacts')).json.contacts as Array<Record<string, unknown>>;
		const alias = sim.numericIdOf(contact.id);
		expect(listed[0].id).toBe(alias);
		expect(typeof alias).toBe('number');
		for (const sent of [alias, String(alias)]) {
			const detail = await post('/v2/contacts/detail', { id_contact: sent });
			expect(detail.json.contact).toMatchObject({ id: contact.id });
		}
		expect(sim.requests.at(-1)?.rawBody).toContain(`"id_contact":"${alias}"`);
	});

	test.each([
		['nextCursorSnake', 'next_cursor'],
		['nextCursorCamel', 'nextCursor'],
		['nextPageUnknownKey', 'next_page_token'],
	])('%s moves the next-page token to %s; the token still pages', async (variant, key) => {
		seedContacts(3);
		sim.setVariant('contacts', variant);
		const first = await post('/v2/contacts', { limit: 2 });
		expect(first.json).toMatchObject({ has_more: true, [key]: encodeCursor(2) });
		expect(first.json.cursor).toBeUndefined();
		const second = await post('/v2/contacts', { limit: 2, cursor: first.json[key] });
		expect(second.json.contacts).toHaveLength(1);
		expect(second.json).toMatchObject({ has_more: false });
	});

	test('lists under data, items, results or the resource name', async () => {
		sim.store().recordSms({ direction: 'inbound', phone_number: '+33612345678', message: 'Hi' });
		for (const [variant, key] of [
			['listUnderData', 'data'],
			['listUnderItems', 'items'],
			['listUnderResults', 'results'],
			['listUnderResourceName', 'sms'],
		]) {
			sim.setVariant('sms', variant);
			const answer = (await post('/v2/sms')).json;
			expect(answer[key]).toEqual([expect.objectContaining({ message: 'Hi' })]);
			expect(answer.messages).toBeUndefined();
		}
	});

	test('sends: result as an object, entries without sent, counts only; the SMS still leave', async () => {
		const send = () =>
			post('/v2/sendsms', { messages: [{ phone_number: '+33612345678', message: 'Hello' }] });
		sim.setVariant('sendsms', 'resultAsObject');
		expect((await send()).json).toMatchObject({ sent_count: 1, result: { sent: 1 } });
		sim.setVariant('sendsms', 'entriesWithoutSent');
		const without = (await send()).json;
		expect((without.result as Array<Record<string, unknown>>)[0]).not.toHaveProperty('sent');
		sim.setVariant('sendsms', 'countsOnly');
		expect((await send()).json).toEqual({ success: true, sent_count: 1 });
		expect(sim.sentMessages()).toHaveLength(3);

		const campaign = await post('/v2/campaigns/create', {
			name: 'C',
			message: 'Hi',
			phone_numbers: ['+33612345678', '+33612345679'],
		});
		const campaignId = (campaign.json.campaign as { id: string }).id;
		sim.setVariant('campaigns/start', 'countsOnly');
		expect((await post('/v2/campaigns/start', { campaign_id: campaignId })).json).toEqual({
			success: true,
			sent_count: 2,
		});
		expect(sim.sentMessages()).toHaveLength(5);
	});

	test('delivery statuses without the sms_id they answer', async () => {
		const sms = sim.store().recordSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'Hi',
		});
		sim.setVariant('sms/delivery_status', 'entriesWithoutSmsId');
		const answer = await post('/v2/sms/delivery_status', { sms_id: sms.id });
		expect(answer.json.statuses).toEqual([
			{
				phone_number: '+33612345678',
				delivery_status: 'pending',
				description: expect.any(String),
				message_preview: 'Hi',
			},
		]);
	});

	test('v1 sendsms: the quick-start single object', async () => {
		sim.setVariant('v1/sendsms', 'resultAsObject');
		const response = await fetch(`${sim.baseUrl}/v1/sendsms`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				header: credentials,
				messages: [{ phone_number: '+33612345678', message: 'Hello' }],
			}),
		});
		expect(await response.json()).toMatchObject({ sent: 1, phone_number: '+33612345678' });
	});

	test('reset() forgets the variants', async () => {
		sim.setVariant('contacts', 'listUnderData');
		sim.reset();
		expect(sim.variants()).toEqual([]);
	});
});

describe('what the vendor clients send is accepted', () => {
	const tunisia = { login: 'tn@insim.test', accessKey: 'sim-access-key-tn' };

	test('find_contact: local numbers of the account country (France, Tunisia)', async () => {
		sim.store().upsertContact({ phone_number: '+33612345678', firstname: 'Jean' });
		sim.store('tn@insim.test').upsertContact({ phone_number: '+21620123456', firstname: 'Amal' });
		expect((await post('/v2/find_contact', { phone_number: '0612345678' })).json).toMatchObject({
			count: 1,
		});
		const local = await post('/v2/find_contact', { phone_number: '20123456' }, tunisia);
		expect(local.json).toMatchObject({ count: 1, contacts: [{ firstname: 'Amal' }] });
		// A French-looking local number is not a Tunisian one.
		const wrong = await post('/v2/find_contact', { phone_number: '0612345678' }, tunisia);
		expect(wrong.json).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
		expect((await post('/v2/account', {}, tunisia)).json.account).toMatchObject({
			country_code: 'TN',
		});
	});

	test('campaigns and click-to-call take local numbers of the account country', async () => {
		const campaign = await post(
			'/v2/campaigns/create',
			{ name: 'C', message: 'Hi', phone_numbers: ['20123456'] },
			tunisia,
		);
		expect(campaign.json).toMatchObject({ success: true, campaign: { recipients: 1 } });
		expect((await post('/v2/clictocall', { phone_number: '0612345678' })).json).toEqual({
			success: true,
		});
		const refused = await post('/v2/clictocall', { phone_number: '0612' });
		expect(refused.json).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
	});

	test.each([
		['N: UTC, space', '2026-12-24 09:30:00'],
		['C: local ISO 8601 with microseconds', '2026-12-24T09:30:00.123456'],
		['with a time zone', '2026-12-24T09:30:00Z'],
	])('sendsms takes date_to_send as %s, with url and priority', async (_label, date) => {
		const answer = await post('/v2/sendsms', {
			messages: [
				{
					phone_number: '0612345678',
					message: 'See [link]',
					url: 'https://example.com/x',
					priority: 1,
					date_to_send: date,
				},
			],
		});
		expect(answer.json).toMatchObject({ sent_count: 1, result: [{ sent: 1 }] });
		expect(sim.sentMessages()[0]).toMatchObject({
			date_to_send: date,
			url: 'https://example.com/x',
		});
		expect(sim.store().sms[0].date).toBe('2026-12-24 09:30:00');
	});

	test('sendsms still refuses a date that is not one', async () => {
		const answer = await post('/v2/sendsms', {
			messages: [{ phone_number: '+33612345678', message: 'x', date_to_send: 'tomorrow' }],
		});
		expect(answer.json).toMatchObject({ sent_count: 0, result: [{ sent: 0 }] });
	});

	test('lists/detail takes limit (insim-cli) and pages with a cursor', async () => {
		const contacts = seedContacts(3);
		const created = await post('/v2/lists/create', { name: 'L' });
		const listId = (created.json.list as { id: string }).id;
		await post('/v2/lists/contacts/add', {
			list_id: listId,
			contact_ids: contacts.map((c) => c.id),
		});
		expect(((await post('/v2/lists/detail', { list_id: listId })).json.contacts as []).length).toBe(
			3,
		);
		const first = await post('/v2/lists/detail', { list_id: listId, limit: 2 });
		expect(first.json).toMatchObject({ total: 3, has_more: true });
		expect(first.json.contacts).toHaveLength(2);
		const second = await post('/v2/lists/detail', {
			list_id: listId,
			limit: 2,
			cursor: first.json.cursor,
		});
		expect(second.json).toMatchObject({ has_more: false, contacts: [{ id: contacts[2].id }] });
	});
});
