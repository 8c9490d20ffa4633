import type { SimList } from '../../../../simulator/v2/store';
import { DEMO_ACCOUNT, byId, fromList, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2();

/** Contacts c0…c(n-1) with French mobile numbers; returns their ids. */
function seedContacts(count: number): string[] {
	const store = t.sim.store();
	return Array.from({ length: count }, (_, index) => {
		const { contact } = store.upsertContact({
			phone_number: `+3361234${String(index).padStart(4, '0')}`,
			firstname: `First${index}`,
			lastname: `Last${index}`,
		});
		return contact.id;
	});
}

function seedList(fields: Partial<SimList> & { id: string; name: string }): SimList {
	const list: SimList = {
		description: '',
		contactIds: [],
		created: '2026-01-02 03:04:05',
		deleted: false,
		...fields,
	};
	t.sim.store().lists.push(list);
	return list;
}

const list = (operation: string, extra: Record<string, unknown> = {}) => ({
	parameters: { resource: 'list', operation, ...extra },
});

/** The body the node sent, without the credentials. */
function sent(endpoint: string): Array<Record<string, unknown>> {
	return t.requestsTo(endpoint).map(({ login: _login, accessKey: _key, ...rest }) => rest);
}

describe('List → Get Many', () => {
	beforeEach(() => {
		seedList({ id: 'list-a', name: 'Alpha', description: 'first' });
		seedList({ id: 'list-gone', name: 'Gone', deleted: true });
		seedList({ id: 'list-b', name: 'Beta' });
		seedList({ id: 'list-c', name: 'Gamma' });
	});

	test('Return All gives one item per live list, paired with its input item, and sends no limit', async () => {
		const result = await t.run({
			...list('getMany', { returnAll: true }),
			items: [{ run: 1 }, { run: 2 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.id)).toEqual([
			'list-a',
			'list-b',
			'list-c',
			'list-a',
			'list-b',
			'list-c',
		]);
		expect(result.output[0].json).toEqual({
			id: 'list-a',
			name: 'Alpha',
			description: 'first',
			contacts: 0,
			created: '2026-01-02 03:04:05',
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
		expect(sent('lists')).toEqual([{}, {}]);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('Limit cuts the list locally (the endpoint takes no limit)', async () => {
		const result = await t.run(list('getMany', { returnAll: false, limit: 2 }));
		expect(result.output.map((item) => item.json.name)).toEqual(['Alpha', 'Beta']);
		expect(sent('lists')).toEqual([{}]);
	});

	test('a Limit of 0 from an expression is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			...list('getMany', { returnAll: false, limit: '={{ $json.limit }}' }),
			items: [{ limit: 0 }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Limit" "0" is not valid: must be a whole number of 1 or more',
		);
		expect(t.requestsTo('lists')).toHaveLength(0);
	});

	test('with Continue On Fail, a bad item gets an error item and the others their lists', async () => {
		const result = await t.run({
			...list('getMany', { returnAll: false, limit: '={{ $json.limit }}' }),
			items: [{ limit: 1 }, { limit: 'many' }, { limit: 3 }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual(
			[
				[{ item: 0 }, 'list-a'],
				[{ item: 1 }, 'Item 1: "Limit" "many" is not valid: must be a whole number of 1 or more'],
				[{ item: 2 }, 'list-a'],
				[{ item: 2 }, 'list-b'],
				[{ item: 2 }, 'list-c'],
			],
		);
		expect(t.requestsTo('lists')).toHaveLength(2);
	});

	test('a refused access key is an error naming the item', async () => {
		const result = await t.run({
			...list('getMany', { returnAll: true }),
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
		});
		expect(result.error?.message).toMatch(/^Item 0: inSIM rejected the login or access key/);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});

	test('the List picker searches by name', async () => {
		const found = await t.listSearch('searchLists', 'ph');
		expect(found.error).toBeUndefined();
		expect(found.results).toEqual([{ name: 'Alpha', value: 'list-a' }]);
		const all = await t.listSearch('searchLists');
		expect(all.results.map((result) => result.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
	});
});

describe('List → Create', () => {
	test('sends name and description and outputs the new list', async () => {
		const result = await t.run({
			...list('create', { name: '={{ $json.name }}', listDescription: 'From n8n' }),
			items: [{ name: 'VIP' }, { name: 'Newsletter' }],
		});
		expect(result.error).toBeUndefined();
		expect(sent('lists/create')).toEqual([
			{ name: 'VIP', description: 'From n8n' },
			{ name: 'Newsletter', description: 'From n8n' },
		]);
		const stored = t.sim.store().lists;
		expect(stored.map((entry) => entry.name)).toEqual(['VIP', 'Newsletter']);
		expect(result.output.map((item) => item.json)).toEqual(
			stored.map((entry) => ({
				id: entry.id,
				name: entry.name,
				description: 'From n8n',
				contacts: 0,
				created: entry.created,
			})),
		);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('an empty description is not sent', async () => {
		await t.run(list('create', { name: 'Plain' }));
		expect(sent('lists/create')).toEqual([{ name: 'Plain' }]);
	});

	test('an empty name is an error naming the item and the field; nothing is sent', async () => {
		const result = await t.run({
			...list('create', { name: '={{ $json.name }}' }),
			items: [{ name: '  ' }],
		});
		expect(result.error?.message).toBe('Item 0: "Name" "  " is not valid: is required');
		expect(t.requestsTo('lists/create')).toHaveLength(0);
	});

	test('with Continue On Fail, the valid items are created and the bad one reported', async () => {
		const result = await t.run({
			...list('create', { name: '={{ $json.name }}' }),
			items: [{ name: 'One' }, { name: '' }, { name: 'Three' }],
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(3);
		expect(result.output[0].json.name).toBe('One');
		expect(result.output[1].json).toMatchObject({
			success: false,
			itemIndex: 1,
			mayHaveBeenProcessed: false,
			error: 'Item 1: "Name" (empty) is not valid: is required',
		});
		expect(result.output[2].json.name).toBe('Three');
		expect(sent('lists/create')).toEqual([{ name: 'One' }, { name: 'Three' }]);
	});

	test('an error envelope is an error naming the item, also when answered with HTTP 200', async () => {
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200 });
			t.sim.addFault({ kind: 'badCredentials', path: '/v2/lists/create' });
			const result = await t.run(list('create', { name: 'VIP' }));
			expect(result.error?.message).toMatch(/^Item 0: inSIM rejected the login or access key/);
		}
		expect(t.sim.store().lists).toHaveLength(0);
	});
});

describe('List → Get', () => {
	test('outputs the list with its live members', async () => {
		const [c0, c1, c2] = seedContacts(3);
		t.sim.store().contacts.find((contact) => contact.id === c1)!.deleted = true;
		seedList({ id: 'list-a', name: 'Alpha', description: 'd', contactIds: [c2, c1, c0] });
		const result = await t.run({ ...list('get', { listId: fromList('list-a') }) });
		expect(result.error).toBeUndefined();
		// `limit` as the vendor's CLI sends it (insim-cli core/lists.py), the largest page.
		expect(sent('lists/detail')).toEqual([{ list_id: 'list-a', limit: 100 }]);
		expect(result.output).toHaveLength(1);
		expect(result.output[0]).toEqual({
			json: {
				id: 'list-a',
				name: 'Alpha',
				description: 'd',
				contacts: 2,
				created: '2026-01-02 03:04:05',
				members: [
					{
						id: c2,
						firstname: 'First2',
						lastname: 'Last2',
						phone_number: '+33612340002',
						email: '',
					},
					{
						id: c0,
						firstname: 'First0',
						lastname: 'Last0',
						phone_number: '+33612340000',
						email: '',
					},
				],
			},
			pairedItem: { item: 0 },
		});
	});

	test('an empty list picker is an error naming the field; nothing is sent', async () => {
		// A literal empty value is refused by n8n itself; an expression can still give one.
		const result = await t.run({
			...list('get', { listId: byId('={{ $json.id }}') }),
			items: [{ id: '' }],
		});
		expect(result.error?.message).toBe('Item 0: "List" (empty) is not valid: is required');
		expect(t.requestsTo('lists/detail')).toHaveLength(0);
	});

	test('an unknown list is NOT_FOUND naming the item and the field', async () => {
		const result = await t.run(list('get', { listId: byId('nope') }));
		expect(result.error?.message).toContain(
			'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
		);
		expect(result.error?.description).toContain('Field: "List" (inSIM\'s list_id).');
	});

	test('with Continue On Fail, each item gets its list or its error', async () => {
		seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run({
			...list('get', { listId: byId('={{ $json.id }}') }),
			items: [{ id: 'list-a' }, { id: 'missing' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output[0].json).toMatchObject({ id: 'list-a', members: [] });
		expect(result.output[1].json).toMatchObject({
			success: false,
			error: expect.stringContaining(
				'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
			),
		});
	});
});

describe('List → Update', () => {
	beforeEach(() => {
		seedList({ id: 'list-a', name: 'Alpha', description: 'old' });
	});

	test('sends only the filled fields and outputs the updated list', async () => {
		const result = await t.run(
			list('update', {
				listId: fromList('list-a'),
				updateFields: { name: 'Alpha 2', description: '' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sent('lists/update')).toEqual([{ list_id: 'list-a', name: 'Alpha 2' }]);
		expect(result.output).toEqual([
			{
				json: {
					id: 'list-a',
					name: 'Alpha 2',
					description: 'old',
					contacts: 0,
					created: '2026-01-02 03:04:05',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('no field to change is an error naming the item and the field; nothing is sent', async () => {
		const result = await t.run(
			list('update', { listId: fromList('list-a'), updateFields: { name: '  ' } }),
		);
		expect(result.error?.message).toBe(
			'Item 0: "Update Fields" (empty) is not valid: add a Name or a Description with a value to change',
		);
		expect(t.requestsTo('lists/update')).toHaveLength(0);
	});

	test('with Continue On Fail, a deleted list is NOT_FOUND for its item only', async () => {
		seedList({ id: 'list-gone', name: 'Gone', deleted: true });
		const result = await t.run({
			...list('update', {
				listId: byId('={{ $json.id }}'),
				updateFields: { description: 'new' },
			}),
			items: [{ id: 'list-gone' }, { id: 'list-a' }],
			continueOnFail: true,
		});
		expect(result.output[0].json).toMatchObject({
			success: false,
			itemIndex: 0,
			mayHaveBeenProcessed: false,
			error: expect.stringContaining(
				'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
			),
		});
		expect(result.output[1]).toMatchObject({
			json: { id: 'list-a', name: 'Alpha', description: 'new' },
			pairedItem: { item: 1 },
		});
		expect(sent('lists/update')).toEqual([
			{ list_id: 'list-gone', description: 'new' },
			{ list_id: 'list-a', description: 'new' },
		]);
	});
});

describe('List → Delete', () => {
	test('deletes the list (soft) and outputs its id', async () => {
		const stored = seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run(list('delete', { listId: fromList('list-a') }));
		expect(result.error).toBeUndefined();
		expect(sent('lists/delete')).toEqual([{ list_id: 'list-a' }]);
		expect(result.output).toEqual([
			{ json: { id: 'list-a', deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(stored.deleted).toBe(true);
		expect(await t.listSearch('searchLists')).toEqual({ results: [] });
	});

	test('an empty id is an error naming the field; nothing is sent', async () => {
		const result = await t.run({
			...list('delete', { listId: byId('={{ $json.id }}') }),
			items: [{ id: '' }],
		});
		expect(result.error?.message).toBe('Item 0: "List" (empty) is not valid: is required');
		expect(t.requestsTo('lists/delete')).toHaveLength(0);
	});

	test('with Continue On Fail, deleting the same list twice fails on the second item only', async () => {
		seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run({
			...list('delete', { listId: byId('list-a') }),
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(result.output[0].json).toEqual({ id: 'list-a', deleted: true });
		expect(result.output[1].json).toMatchObject({
			success: false,
			error: expect.stringContaining(
				'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
			),
		});
	});

	test('without Continue On Fail, the error says the earlier item was already processed', async () => {
		seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run({ ...list('delete', { listId: byId('list-a') }), items: [{}, {}] });
		expect(result.error?.message).toContain(
			'"List": inSIM found nothing with this ID: List not found (NOT_FOUND). 1 item was already processed by inSIM.',
		);
	});
});

describe('List → Add Contacts (batched)', () => {
	test('merges items of the same list into batches and tells each item what became of its ids', async () => {
		const [c0, c1, c2, c3] = seedContacts(4);
		seedList({ id: 'list-a', name: 'Alpha', contactIds: [c2] });
		seedList({ id: 'list-b', name: 'Beta' });
		const result = await t.run({
			...list('addContacts', {
				listId: byId('={{ $json.list }}'),
				contactIds: '={{ $json.ids }}',
				options: { batchSize: 2 },
			}),
			items: [
				{ list: 'list-a', ids: `${c0}, ${c1}` },
				{ list: 'list-b', ids: [c3] },
				{ list: 'list-a', ids: [c1, c2, 'unknown-id', c1] },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sent('lists/contacts/add')).toEqual([
			{ list_id: 'list-a', contact_ids: [c0, c1] },
			{ list_id: 'list-a', contact_ids: [c2, 'unknown-id'] },
			{ list_id: 'list-b', contact_ids: [c3] },
		]);
		expect(result.output).toEqual([
			{
				json: {
					listId: 'list-a',
					contactIds: [c0, c1],
					added: [c0, c1],
					alreadyInList: [],
					notFound: [],
				},
				pairedItem: { item: 0 },
			},
			{
				json: { listId: 'list-b', contactIds: [c3], added: [c3], alreadyInList: [], notFound: [] },
				pairedItem: { item: 1 },
			},
			{
				json: {
					listId: 'list-a',
					contactIds: [c1, c2, 'unknown-id'],
					added: [c1],
					alreadyInList: [c2],
					notFound: ['unknown-id'],
				},
				pairedItem: { item: 2 },
			},
		]);
		const stored = t.sim.store().lists;
		expect(stored[0].contactIds).toEqual([c2, c0, c1]);
		expect(stored[1].contactIds).toEqual([c3]);
	});

	test('the default batch size is 100 contact ids a request', async () => {
		const ids = seedContacts(150);
		seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run(
			list('addContacts', { listId: byId('list-a'), contactIds: ids.join(',') }),
		);
		expect(result.error).toBeUndefined();
		expect(sent('lists/contacts/add').map((body) => (body.contact_ids as string[]).length)).toEqual(
			[100, 50],
		);
		expect((result.output[0].json.added as string[]).length).toBe(150);
	});

	test('an item without contact ids is an error naming it, and nothing at all is sent', async () => {
		const [c0] = seedContacts(1);
		seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run({
			...list('addContacts', { listId: byId('list-a'), contactIds: '={{ $json.ids }}' }),
			items: [{ ids: c0 }, { ids: ' , ' }],
		});
		expect(result.error?.message).toBe(
			'Item 1: "Contact IDs" " , " is not valid: needs at least one contact ID (separate several with commas)',
		);
		expect(t.requestsTo('lists/contacts/add')).toHaveLength(0);
	});

	test('a Batch Size above 1000 is refused before anything is sent', async () => {
		const result = await t.run(
			list('addContacts', {
				listId: byId('list-a'),
				contactIds: 'x',
				options: { batchSize: 1001 },
			}),
		);
		expect(result.error?.message).toMatch(
			/^Item 0: "Batch Size" "1001" is not valid: is out of range/,
		);
		expect(t.requestsTo('lists/contacts/add')).toHaveLength(0);
	});

	test('with Continue On Fail, an unknown list fails its items only and the other list is still changed', async () => {
		const [c0, c1] = seedContacts(2);
		seedList({ id: 'list-b', name: 'Beta' });
		const result = await t.run({
			...list('addContacts', { listId: byId('={{ $json.list }}'), contactIds: '={{ $json.ids }}' }),
			items: [
				{ list: 'missing', ids: c0 },
				{ list: 'list-b', ids: c1 },
				{ list: 'missing', ids: c1 },
				{ list: 'list-b', ids: '' },
			],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.output[0].json).toMatchObject({
			success: false,
			error: expect.stringContaining(
				'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
			),
			listId: 'missing',
			contactIds: [c0],
			added: [],
			mayHaveBeenProcessed: false,
		});
		expect(result.output[1].json).toEqual({
			listId: 'list-b',
			contactIds: [c1],
			added: [c1],
			alreadyInList: [],
			notFound: [],
		});
		expect(result.output[2].json.error).toContain(
			'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
		);
		expect(result.output[3].json.error).toBe(
			'Item 3: "Contact IDs" (empty) is not valid: needs at least one contact ID (separate several with commas)',
		);
		expect(sent('lists/contacts/add')).toEqual([
			{ list_id: 'missing', contact_ids: [c0, c1] },
			{ list_id: 'list-b', contact_ids: [c1] },
		]);
	});

	test('without Continue On Fail, the first failing batch stops the run and names its item', async () => {
		const [c0] = seedContacts(1);
		const result = await t.run({
			...list('addContacts', { listId: byId('={{ $json.list }}'), contactIds: c0 }),
			items: [{ list: 'missing' }, { list: 'other' }],
		});
		expect(result.error?.message).toContain(
			'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
		);
		expect(t.requestsTo('lists/contacts/add')).toHaveLength(1);
	});

	test('a batch whose answer was lost is not resent, and its items say it may have been processed', async () => {
		const [c0, c1] = seedContacts(2);
		seedList({ id: 'list-a', name: 'Alpha' });
		t.sim.addFault({ kind: 'resetAfterProcessing', path: '/v2/lists/contacts/add' });
		const result = await t.run({
			...list('addContacts', { listId: byId('list-a'), contactIds: '={{ $json.ids }}' }),
			items: [{ ids: c0 }, { ids: c1 }],
			continueOnFail: true,
		});
		expect(t.requestsTo('lists/contacts/add')).toHaveLength(1);
		for (const [index, item] of result.output.entries()) {
			expect(item.json.mayHaveBeenProcessed).toBe(true);
			expect(String(item.json.error)).toMatch(
				new RegExp(
					`^Item ${index}: .*\\(inSIM may still have added them: check the list in inSIM\\)$`,
				),
			);
		}
	});
	test('an item split over two batches keeps what the first did when the second fails', async () => {
		const [c0, c1] = seedContacts(2);
		seedList({ id: 'list-a', name: 'Alpha' });
		t.sim.addFault({ kind: 'http500', path: '/v2/lists/contacts/add', skip: 1 });
		const result = await t.run({
			...list('addContacts', {
				listId: byId('list-a'),
				contactIds: `${c0},${c1}`,
				options: { batchSize: 1 },
			}),
			continueOnFail: true,
		});
		expect(sent('lists/contacts/add')).toEqual([
			{ list_id: 'list-a', contact_ids: [c0] },
			{ list_id: 'list-a', contact_ids: [c1] },
		]);
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({
			success: false,
			listId: 'list-a',
			contactIds: [c0, c1],
			added: [c0],
			mayHaveBeenProcessed: true,
		});
		expect(String(result.output[0].json.error)).toMatch(
			/^Item 0: inSIM had a server error \(HTTP 500\) on \/v2\/lists\/contacts\/add/,
		);
	});

	test('after a refused access key, the other lists are not sent and their items say so', async () => {
		const result = await t.run({
			...list('addContacts', { listId: byId('={{ $json.list }}'), contactIds: 'c' }),
			items: [{ list: 'list-a' }, { list: 'list-b' }],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(t.requestsTo('lists/contacts/add')).toHaveLength(1);
		expect(String(result.output[0].json.error)).toMatch(
			/^Item 0: inSIM rejected the login or access key/,
		);
		expect(String(result.output[1].json.error)).toMatch(
			/^Item 1: not sent, because an earlier request failed: inSIM rejected the login or access key/,
		);
		expect(result.output[1].json.mayHaveBeenProcessed).toBe(false);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});
});

describe('List → Remove Contacts (batched)', () => {
	test('one request for items of the same list; each item gets removed / not in list / not found', async () => {
		const [c0, c1, c2] = seedContacts(3);
		seedList({ id: 'list-a', name: 'Alpha', contactIds: [c0, c1] });
		const result = await t.run({
			...list('removeContacts', { listId: fromList('list-a'), contactIds: '={{ $json.ids }}' }),
			items: [{ ids: c0 }, { ids: `${c1},${c2},ghost` }],
		});
		expect(result.error).toBeUndefined();
		expect(sent('lists/contacts/remove')).toEqual([
			{ list_id: 'list-a', contact_ids: [c0, c1, c2, 'ghost'] },
		]);
		expect(result.output).toEqual([
			{
				json: { listId: 'list-a', contactIds: [c0], removed: [c0], notInList: [], notFound: [] },
				pairedItem: { item: 0 },
			},
			{
				json: {
					listId: 'list-a',
					contactIds: [c1, c2, 'ghost'],
					removed: [c1],
					notInList: [c2],
					notFound: ['ghost'],
				},
				pairedItem: { item: 1 },
			},
		]);
		expect(t.sim.store().lists[0].contactIds).toEqual([]);
	});

	test('an empty list picker is an error naming the field; nothing is sent', async () => {
		const result = await t.run({
			...list('removeContacts', { listId: byId('={{ $json.id }}'), contactIds: 'x' }),
			items: [{ id: '' }],
		});
		expect(result.error?.message).toBe('Item 0: "List" (empty) is not valid: is required');
		expect(t.requestsTo('lists/contacts/remove')).toHaveLength(0);
	});

	test('with Continue On Fail, an unknown list is an error for its item; a 200 error envelope too', async () => {
		t.sim.setOptions({ v2ErrorsAs200: true });
		const [c0] = seedContacts(1);
		seedList({ id: 'list-a', name: 'Alpha', contactIds: [c0] });
		const result = await t.run({
			...list('removeContacts', { listId: byId('={{ $json.list }}'), contactIds: c0 }),
			items: [{ list: 'list-a' }, { list: 'missing' }],
			continueOnFail: true,
		});
		expect(result.output[0].json).toMatchObject({ removed: [c0] });
		expect(result.output[1].json).toMatchObject({
			success: false,
			error: expect.stringContaining(
				'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
			),
		});
	});
});

describe('List → Add All Contacts', () => {
	test('adds every live contact and outputs added / skipped / total', async () => {
		const [c0, c1, c2, c3] = seedContacts(4);
		t.sim.store().contacts.find((contact) => contact.id === c3)!.deleted = true;
		seedList({ id: 'list-a', name: 'Alpha', contactIds: [c1] });
		const result = await t.run(list('addAllContacts', { listId: fromList('list-a') }));
		expect(result.error).toBeUndefined();
		expect(sent('lists/contacts/addall')).toEqual([{ list_id: 'list-a' }]);
		expect(result.output).toEqual([
			{ json: { listId: 'list-a', added: 2, skipped: 1, total: 3 }, pairedItem: { item: 0 } },
		]);
		expect(t.sim.store().lists[0].contactIds).toEqual([c1, c0, c2]);
	});

	test('an empty list id is an error naming the field; nothing is sent', async () => {
		const result = await t.run(list('addAllContacts', { listId: byId(' ') }));
		expect(result.error?.message).toBe('Item 0: "List" " " is not valid: is required');
		expect(t.requestsTo('lists/contacts/addall')).toHaveLength(0);
	});

	test('with Continue On Fail, an unknown list fails its item only', async () => {
		seedContacts(2);
		seedList({ id: 'list-a', name: 'Alpha' });
		const result = await t.run({
			...list('addAllContacts', { listId: byId('={{ $json.list }}') }),
			items: [{ list: 'missing' }, { list: 'list-a' }],
			continueOnFail: true,
		});
		expect(result.output[0].json).toMatchObject({
			success: false,
			itemIndex: 0,
			error: expect.stringContaining(
				'"List": inSIM found nothing with this ID: List not found (NOT_FOUND)',
			),
		});
		expect(result.output[1].json).toEqual({ listId: 'list-a', added: 2, skipped: 0, total: 2 });
	});
});
