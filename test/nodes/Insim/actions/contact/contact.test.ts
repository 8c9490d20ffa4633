import type { INodeParameters } from 'n8n-workflow';

import type { SimContact } from '../../../../simulator/v2/store';
import { DEMO_ACCOUNT, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2();

const CREDENTIAL_KEYS = new Set(['login', 'accessKey']);

/** A request body without the credentials the node injects. */
function sent(body: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(body).filter(([key]) => !CREDENTIAL_KEYS.has(key)));
}

function seed(fields: Partial<SimContact> & { phone_number: string }): SimContact {
	return t.sim.store().upsertContact(fields).contact;
}

function contact(parameters: Record<string, unknown>): INodeParameters {
	return { resource: 'contact', ...parameters } as INodeParameters;
}

const wrongKey = () => ({ ...t.credentials(), apiKey: 'wrong-key-123456' });

describe('Contact → Find by Phone', () => {
	test('local and international forms find the same contacts, one output item per hit', async () => {
		const first = seed({ phone_number: '+33612345678', firstname: 'Jean', lastname: 'Dupont' });
		// Another contact stored with the local form of the same number.
		t.sim.store().contacts.push({
			...first,
			id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
			phone_number: '0612345678',
			firstname: 'Jeanne',
		});
		seed({ phone_number: '+33700000000', firstname: 'Other' });

		const result = await t.run({
			parameters: contact({ operation: 'findByPhone', phoneNumber: '={{ $json.phone }}' }),
			items: [
				{ phone: '06 12 34 56 78' },
				{ phone: '+33 6 12 34 56 78' },
				{ phone: '+33799999999' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('find_contact').map(sent)).toEqual([
			{ phone_number: '0612345678' },
			{ phone_number: '+33612345678' },
			{ phone_number: '+33799999999' },
		]);
		expect(result.output.map((item) => [item.json.firstname, item.pairedItem])).toEqual([
			['Jean', { item: 0 }],
			['Jeanne', { item: 0 }],
			['Jean', { item: 1 }],
			['Jeanne', { item: 1 }],
		]);
		expect(result.output[0].json).toMatchObject({
			id: first.id,
			phone_number: '+33612345678',
			lastname: 'Dupont',
		});
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('a number that is neither local nor international is an item error; nothing is sent', async () => {
		const result = await t.run({
			parameters: contact({ operation: 'findByPhone', phoneNumber: 'call me' }),
		});
		expect(result.error?.message).toMatch(/^Item 0: "Phone Number" "call me" is not valid: /);
		expect(t.requestsTo('find_contact')).toHaveLength(0);
	});

	test("inSIM's VALIDATION_ERROR names the item and the node field", async () => {
		const result = await t.run({
			parameters: contact({ operation: 'findByPhone', phoneNumber: '0612345' }),
		});
		expect(result.error?.message).toContain(
			'"Phone Number": inSIM refused a value: phone_number: a local number has 10 digits, like 0612345678 (VALIDATION_ERROR)',
		);
		expect(result.error?.description).toContain('Field: "Phone Number" (inSIM\'s phone_number).');
	});

	test('with Continue On Fail every item gets its outcome', async () => {
		seed({ phone_number: '+33612345678', firstname: 'Jean' });
		const result = await t.run({
			parameters: contact({ operation: 'findByPhone', phoneNumber: '={{ $json.phone }}' }),
			items: [{ phone: 'nope' }, { phone: '0612345' }, { phone: '0612345678' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.output[0].json.error).toMatch(/^Item 0: "Phone Number" "nope" is not valid/);
		expect(result.output[1].json.error).toMatch(/"Phone Number": .*VALIDATION_ERROR/);
		expect(result.output[2].json.firstname).toBe('Jean');
		expect(t.requestsTo('find_contact')).toHaveLength(2);
	});
});

describe('Contact → Get Many', () => {
	const seedMany = (count: number) => {
		for (let index = 0; index < count; index++) {
			seed({
				phone_number: `+3361000${String(index).padStart(4, '0')}`,
				firstname: `First${index}`,
				lastname: `Last${String(index).padStart(3, '0')}`,
				address: 'somewhere',
				date_add: `2026-01-01 00:${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`,
			});
		}
	};

	test('Return All follows the cursor across 3 pages; Simplify keeps the main fields', async () => {
		seedMany(250);
		const result = await t.run({
			parameters: contact({ operation: 'getMany', returnAll: true }),
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(250);
		const requests = t.requestsTo('contacts').map(sent);
		expect(requests).toHaveLength(3);
		expect(requests[0]).toEqual({ limit: 100 });
		expect(requests.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(typeof requests[1].cursor).toBe('string');
		expect(requests[2].cursor).not.toEqual(requests[1].cursor);
		// date_add descending: newest first, and nothing twice.
		expect(result.output[0].json.firstname).toBe('First249');
		expect(result.output[249].json.firstname).toBe('First0');
		expect(new Set(result.output.map((item) => item.json.id)).size).toBe(250);
		expect(Object.keys(result.output[0].json)).toEqual([
			'id',
			'firstname',
			'lastname',
			'phone_number',
			'email',
			'company',
			'tags',
			'pro',
		]);
		expect(
			result.output.every(
				(item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0,
			),
		).toBe(true);
	});

	test('Limit asks for no more than needed', async () => {
		seedMany(250);
		const result = await t.run({
			parameters: contact({ operation: 'getMany', returnAll: false, limit: 120 }),
		});
		expect(result.output).toHaveLength(120);
		expect(t.requestsTo('contacts').map((body) => body.limit)).toEqual([100, 20]);
	});

	test('search, sort and order are sent; Simplify off gives the whole record', async () => {
		seed({ phone_number: '+33611111111', firstname: 'Zoé', lastname: 'Dupont', company: 'ACME' });
		seed({ phone_number: '+33622222222', firstname: 'Ana', lastname: 'Dupond' });
		seed({
			phone_number: '+33633333333',
			firstname: 'Paul',
			lastname: 'Martin',
			email: 'p@dupont.fr',
		});
		seed({ phone_number: '+33644444444', firstname: 'Other', lastname: 'Person' });
		const result = await t.run({
			parameters: contact({
				operation: 'getMany',
				limit: 10,
				simplify: false,
				filters: { search: ' dupon ' },
				options: { sort: 'firstname', order: 'asc' },
			}),
		});
		expect(t.requestsTo('contacts').map(sent)).toEqual([
			{ search: 'dupon', sort: 'firstname', order: 'asc', limit: 10 },
		]);
		expect(result.output.map((item) => item.json.firstname)).toEqual(['Ana', 'Paul', 'Zoé']);
		expect(result.output[2].json).toMatchObject({
			company: 'ACME',
			address: '',
			custom_fields: {},
			date_add: expect.any(String),
		});
	});

	test('a Limit of 0 or a bad sort from an expression is an item error; nothing is sent', async () => {
		const zero = await t.run({
			parameters: contact({ operation: 'getMany', limit: '={{ 0 }}' }),
		});
		expect(zero.error?.message).toBe(
			'Item 0: "Limit" "0" is not valid: must be a whole number of 1 or more',
		);
		const badSort = await t.run({
			parameters: contact({ operation: 'getMany', options: { sort: '={{ "age" }}' } }),
		});
		expect(badSort.error?.message).toBe(
			'Item 0: "Sort By" "age" is not valid: must be one of date_add, lastname, firstname',
		);
		expect(t.requestsTo('contacts')).toHaveLength(0);
	});

	test('with Continue On Fail, a rejected key is reported per item and later items are not sent', async () => {
		const result = await t.run({
			parameters: contact({ operation: 'getMany' }),
			items: [{}, {}],
			credentials: wrongKey(),
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json.error).toMatch(
			/^Item 0: inSIM rejected the login or access key.*\(INVALID_CREDENTIALS\)$/,
		);
		expect(result.output[1].json.error).toMatch(
			/^Item 1: not sent, because an earlier request failed/,
		);
		expect(t.requestsTo('contacts')).toHaveLength(1);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});
});

describe('Contact → Get', () => {
	test('returns the contact, paired with its item', async () => {
		const jean = seed({
			phone_number: '+33612345678',
			firstname: 'Jean',
			lastname: 'Dupont',
			tags: ['vip'],
			pro: true,
			custom: { plan: 'gold' },
		});
		const result = await t.run({
			parameters: contact({ operation: 'get', contactId: '={{ $json.id }}' }),
			items: [{ id: jean.id }],
		});
		expect(t.requestsTo('contacts/detail').map(sent)).toEqual([{ id_contact: jean.id }]);
		expect(result.output).toEqual([
			{
				json: {
					id: jean.id,
					firstname: 'Jean',
					lastname: 'Dupont',
					phone_number: '+33612345678',
					email: '',
					address: '',
					company: '',
					tags: ['vip'],
					pro: true,
					date_add: jean.date_add,
					custom_fields: { plan: 'gold' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an empty Contact ID is an item error; nothing is sent', async () => {
		const result = await t.run({ parameters: contact({ operation: 'get', contactId: '  ' }) });
		expect(result.error?.message).toBe('Item 0: "Contact ID" "  " is not valid: is required');
		expect(t.requestsTo('contacts/detail')).toHaveLength(0);
	});

	test('an unknown or deleted contact is NOT_FOUND naming the item, also when inSIM answers HTTP 200', async () => {
		const gone = seed({ phone_number: '+33612345678', deleted: true });
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200 });
			for (const id of ['ffffffffffffffffffffffff', gone.id]) {
				const result = await t.run({ parameters: contact({ operation: 'get', contactId: id }) });
				expect(result.error?.message).toContain(
					'"Contact ID": inSIM found nothing with this ID: contact not found (NOT_FOUND)',
				);
				expect(result.error?.httpCode).toBe(v2ErrorsAs200 ? '200' : '404');
			}
		}
	});

	test('with Continue On Fail each item gets its contact or its error', async () => {
		const jean = seed({ phone_number: '+33612345678', firstname: 'Jean' });
		const result = await t.run({
			parameters: contact({ operation: 'get', contactId: '={{ $json.id }}' }),
			items: [{ id: 'ffffffffffffffffffffffff' }, { id: '' }, { id: jean.id }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.output[0].json.error).toMatch(/"Contact ID": .*\(NOT_FOUND\)$/);
		expect(result.output[1].json.error).toBe(
			'Item 1: "Contact ID" (empty) is not valid: is required',
		);
		expect(result.output[2].json).toMatchObject({ id: jean.id, firstname: 'Jean' });
		expect(t.requestsTo('contacts/detail')).toHaveLength(2);
	});
});

describe('Contact → Search', () => {
	beforeEach(() => {
		seed({ phone_number: '+33611111111', firstname: 'Jean', lastname: 'Dupont' });
		seed({ phone_number: '+33622222222', firstname: 'Hélène', lastname: 'Martin' });
		seed({ phone_number: '+33633333333', firstname: 'Jeanne', lastname: 'Durand' });
		seed({ phone_number: '+33644444444', firstname: 'Paul', lastname: 'Dupond' });
	});

	const search = async (name: string, extra: Record<string, unknown> = {}) =>
		await t.run({ parameters: contact({ operation: 'search', name, ...extra }) });
	const hits = (result: Awaited<ReturnType<typeof search>>) =>
		result.output.map((item) => [
			`${String(item.json.firstname)} ${String(item.json.lastname)}`,
			item.json.score,
			item.json.match_type,
		]);

	test('swapped names and missing accents still match; score and match_type are kept', async () => {
		const swapped = await search('Dupont Jean');
		expect(t.requestsTo('contacts/search').map(sent)).toEqual([
			{ name: 'Dupont Jean', mode: 'smart', fuzzy: true, limit: 50 },
		]);
		expect(hits(swapped)[0]).toEqual(['Jean Dupont', 95, 'reversed']);
		expect(swapped.output[0].pairedItem).toEqual({ item: 0 });

		const accents = await search('helene martin');
		expect(hits(accents)).toEqual([['Hélène Martin', 100, 'exact']]);
	});

	test('a typo is found only with Tolerate Typos', async () => {
		const fuzzy = await search('Dupomt');
		// "Dupond" is two letters away: too far for a six-letter word.
		expect(hits(fuzzy)).toEqual([['Jean Dupont', 72, 'fuzzy']]);
		const strict = await search('Dupomt', { fuzzy: false });
		expect(strict.output).toEqual([]);
		expect(t.requestsTo('contacts/search')[1].fuzzy).toBe(false);
	});

	test('Exact and Starts With modes, and Limit', async () => {
		expect(hits(await search('jean', { mode: 'exact' }))).toEqual([]);
		expect(hits(await search('jea', { mode: 'starts_with', limit: 1 }))).toEqual([
			['Jean Dupont', 70, 'starts_with'],
		]);
		expect(t.requestsTo('contacts/search').map((body) => [body.mode, body.limit])).toEqual([
			['exact', 50],
			['starts_with', 1],
		]);
	});

	test('an empty Name or a Limit over 100 is an item error; nothing is sent', async () => {
		expect((await search('={{ "" }}')).error?.message).toBe(
			'Item 0: "Name" (empty) is not valid: is required',
		);
		expect((await search('Jean', { limit: 101 })).error?.message).toBe(
			'Item 0: "Limit" "101" is not valid: must be at most 100',
		);
		expect(t.requestsTo('contacts/search')).toHaveLength(0);
	});

	test("inSIM's VALIDATION_ERROR names the item and the Name field", async () => {
		const result = await search('!!!');
		expect(result.error?.message).toContain(
			'"Name": inSIM refused a value: name: must contain letters or digits (VALIDATION_ERROR)',
		);
	});

	test('with Continue On Fail every item gets its hits or its error', async () => {
		const result = await t.run({
			parameters: contact({ operation: 'search', name: '={{ $json.name }}' }),
			items: [{ name: '?' }, { name: 'Martin' }, { name: '' }],
			continueOnFail: true,
		});
		expect(
			result.output.map((item) => [item.pairedItem, item.json.error ?? item.json.lastname]),
		).toEqual([
			[{ item: 0 }, expect.stringMatching(/"Name": .*\(VALIDATION_ERROR\)$/)],
			[{ item: 1 }, 'Martin'],
			[{ item: 2 }, 'Item 2: "Name" (empty) is not valid: is required'],
		]);
	});
});

describe('Contact → Update Sharing', () => {
	test('Team sends pro: true, Personal pro: false; inSIM keeps it', async () => {
		const jean = seed({ phone_number: '+33612345678', firstname: 'Jean' });
		const shared = await t.run({
			parameters: contact({ operation: 'updateSharing', contactId: jean.id, sharing: 'team' }),
		});
		expect(shared.output).toEqual([{ json: { id: jean.id, pro: true }, pairedItem: { item: 0 } }]);
		expect(t.sim.store().contacts[0].pro).toBe(true);
		const personal = await t.run({
			parameters: contact({ operation: 'updateSharing', contactId: jean.id, sharing: 'personal' }),
		});
		expect(personal.output[0].json).toEqual({ id: jean.id, pro: false });
		expect(t.requestsTo('contacts/switch_pro').map(sent)).toEqual([
			{ id_contact: jean.id, pro: true },
			{ id_contact: jean.id, pro: false },
		]);
		expect(t.sim.store().contacts[0].pro).toBe(false);
	});

	test('an empty Contact ID or an unknown sharing is an item error; nothing is sent', async () => {
		const empty = await t.run({
			parameters: contact({ operation: 'updateSharing', contactId: '={{ "" }}' }),
		});
		expect(empty.error?.message).toBe('Item 0: "Contact ID" (empty) is not valid: is required');
		const bad = await t.run({
			parameters: contact({
				operation: 'updateSharing',
				contactId: 'abc',
				sharing: '={{ "everyone" }}',
			}),
		});
		expect(bad.error?.message).toBe(
			'Item 0: "Shared With" "everyone" is not valid: must be team or personal',
		);
		expect(t.requestsTo('contacts/switch_pro')).toHaveLength(0);
	});

	test('with Continue On Fail, NOT_FOUND fails only its item and says nothing was changed', async () => {
		const jean = seed({ phone_number: '+33612345678' });
		const result = await t.run({
			parameters: contact({ operation: 'updateSharing', contactId: '={{ $json.id }}' }),
			items: [{ id: 'ffffffffffffffffffffffff' }, { id: jean.id }],
			continueOnFail: true,
		});
		expect(result.output[0].json).toMatchObject({
			success: false,
			mayHaveBeenProcessed: false,
			itemIndex: 0,
		});
		expect(result.output[0].json.error).toContain(
			'"Contact ID": inSIM found nothing with this ID: contact not found (NOT_FOUND)',
		);
		expect(result.output[1]).toEqual({ json: { id: jean.id, pro: true }, pairedItem: { item: 1 } });
	});
});

describe('Contact → Delete', () => {
	test('deletes the contact: it vanishes from every read', async () => {
		const jean = seed({ phone_number: '+33612345678', firstname: 'Jean', lastname: 'Dupont' });
		seed({ phone_number: '+33699999999', firstname: 'Kept' });
		const result = await t.run({
			parameters: contact({ operation: 'delete', contactId: jean.id }),
		});
		expect(result.output).toEqual([
			{ json: { id: jean.id, deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(t.requestsTo('contacts/delete').map(sent)).toEqual([{ id_contact: jean.id }]);

		const list = await t.run({ parameters: contact({ operation: 'getMany', returnAll: true }) });
		expect(list.output.map((item) => item.json.firstname)).toEqual(['Kept']);
		const found = await t.run({
			parameters: contact({ operation: 'findByPhone', phoneNumber: '+33612345678' }),
		});
		expect(found.output).toEqual([]);
		const searched = await t.run({
			parameters: contact({ operation: 'search', name: 'Jean Dupont' }),
		});
		expect(searched.output).toEqual([]);
		const again = await t.run({ parameters: contact({ operation: 'delete', contactId: jean.id }) });
		expect(again.error?.message).toMatch(/"Contact ID": .*\(NOT_FOUND\)$/);
	});

	test('an empty Contact ID is an item error; nothing is sent', async () => {
		const result = await t.run({
			parameters: contact({ operation: 'delete', contactId: '={{ "" }}' }),
		});
		expect(result.error?.message).toBe('Item 0: "Contact ID" (empty) is not valid: is required');
		expect(t.requestsTo('contacts/delete')).toHaveLength(0);
	});

	test('with Continue On Fail, each item is deleted or gets its error', async () => {
		const a = seed({ phone_number: '+33611111111' });
		const b = seed({ phone_number: '+33622222222' });
		const result = await t.run({
			parameters: contact({ operation: 'delete', contactId: '={{ $json.id }}' }),
			items: [{ id: a.id }, { id: 'ffffffffffffffffffffffff' }, { id: b.id }],
			continueOnFail: true,
		});
		expect(
			result.output.map((item) => [item.pairedItem, item.json.deleted ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, expect.stringMatching(/"Contact ID": .*\(NOT_FOUND\)$/)],
			[{ item: 2 }, true],
		]);
		expect(t.sim.store().liveContacts()).toHaveLength(0);
	});
});

describe('Contact → Update Tags', () => {
	test('adds and removes in one call and outputs the tags after the change', async () => {
		const jean = seed({ phone_number: '+33612345678', tags: ['prospect', 'paris'] });
		const result = await t.run({
			parameters: contact({
				operation: 'updateTags',
				contactId: jean.id,
				tagsToAdd: 'customer, vip,,',
				tagsToRemove: 'prospect',
			}),
		});
		expect(t.requestsTo('contacts/tags').map(sent)).toEqual([
			{ id_contact: jean.id, add: ['customer', 'vip'], remove: ['prospect'] },
		]);
		expect(result.output).toEqual([
			{ json: { id: jean.id, tags: ['paris', 'customer', 'vip'] }, pairedItem: { item: 0 } },
		]);
	});

	test('only tags to remove: the empty list is not sent', async () => {
		const jean = seed({ phone_number: '+33612345678', tags: ['a', 'b'] });
		const result = await t.run({
			parameters: contact({ operation: 'updateTags', contactId: jean.id, tagsToRemove: 'a' }),
		});
		expect(t.requestsTo('contacts/tags').map(sent)).toEqual([
			{ id_contact: jean.id, remove: ['a'] },
		]);
		expect(result.output[0].json.tags).toEqual(['b']);
	});

	test('no tag at all, or the same tag on both sides, is an item error; nothing is sent', async () => {
		const none = await t.run({
			parameters: contact({ operation: 'updateTags', contactId: 'abc', tagsToAdd: ' , ' }),
		});
		expect(none.error?.message).toBe(
			'Item 0: "Tags to Add" " , " is not valid: give at least one tag to add or to remove',
		);
		const both = await t.run({
			parameters: contact({
				operation: 'updateTags',
				contactId: 'abc',
				tagsToAdd: 'vip',
				tagsToRemove: 'vip',
			}),
		});
		expect(both.error?.message).toBe(
			'Item 0: "Tags to Add" "vip" is not valid: "vip" is also in Tags to Remove',
		);
		expect(t.requestsTo('contacts/tags')).toHaveLength(0);
	});

	test('with Continue On Fail, NOT_FOUND fails only its item', async () => {
		const jean = seed({ phone_number: '+33612345678' });
		const result = await t.run({
			parameters: contact({
				operation: 'updateTags',
				contactId: '={{ $json.id }}',
				tagsToAdd: 'vip',
			}),
			items: [{ id: 'ffffffffffffffffffffffff' }, { id: jean.id }],
			continueOnFail: true,
		});
		expect(result.output[0].json.error).toContain(
			'"Contact ID": inSIM found nothing with this ID: contact not found (NOT_FOUND)',
		);
		expect(result.output[1]).toEqual({
			json: { id: jean.id, tags: ['vip'] },
			pairedItem: { item: 1 },
		});
	});
});

describe('Contact → Get Custom Fields', () => {
	test('one output item per field, for each input item', async () => {
		t.sim
			.store()
			.customFields.push(
				{ key: 'plan', label: 'Plan', type: 'text' },
				{ key: 'renewal', label: 'Renewal', type: 'date' },
			);
		const result = await t.run({
			parameters: contact({ operation: 'getCustomFields' }),
			items: [{}, {}],
		});
		expect(result.output).toEqual([
			{ json: { key: 'plan', label: 'Plan', type: 'text' }, pairedItem: { item: 0 } },
			{ json: { key: 'renewal', label: 'Renewal', type: 'date' }, pairedItem: { item: 0 } },
			{ json: { key: 'plan', label: 'Plan', type: 'text' }, pairedItem: { item: 1 } },
			{ json: { key: 'renewal', label: 'Renewal', type: 'date' }, pairedItem: { item: 1 } },
		]);
		expect(t.requestsTo('contacts/custom_fields').map(sent)).toEqual([{}, {}]);
	});

	test('a rejected key fails the first item; with Continue On Fail the next is not sent', async () => {
		const stop = await t.run({
			parameters: contact({ operation: 'getCustomFields' }),
			credentials: wrongKey(),
		});
		expect(stop.error?.message).toMatch(/^Item 0: inSIM rejected the login or access key/);
		const go = await t.run({
			parameters: contact({ operation: 'getCustomFields' }),
			items: [{}, {}],
			credentials: wrongKey(),
			continueOnFail: true,
		});
		expect(go.output.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^Item 0: inSIM rejected/),
			expect.stringMatching(/^Item 1: not sent, because an earlier request failed/),
		]);
		expect(t.requestsTo('contacts/custom_fields')).toHaveLength(2);
	});
});

describe('Contact → Create or Update', () => {
	const upsert = (extra: Record<string, unknown> = {}) =>
		contact({
			operation: 'upsert',
			phoneNumber: '={{ $json.phone }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			additionalFields: { email: '={{ $json.email }}', address: '={{ $json.address }}' },
			...extra,
		});

	test('batches many items, spells address the v2 way, and maps every answer back to its item', async () => {
		const existing = seed({
			phone_number: '+33622222222',
			firstname: 'Old',
			lastname: 'Name',
			email: 'keep@example.com',
		});
		const result = await t.run({
			parameters: upsert({ options: { batchSize: 2 } }),
			items: [
				{ phone: '+33611111111', first: 'Ann', last: 'A', address: '1 Main St' },
				{ phone: '+33 6 22 22 22 22', first: 'New', last: '' },
				{ phone: '+33633333333', first: 'Cid', email: 'cid@example.com' },
				{ phone: '+33633333333', first: 'Cid again' },
				{ phone: '+33644444444' },
			],
		});
		expect(result.error).toBeUndefined();
		const requests = t.requestsTo('addcontacts').map(sent);
		expect(requests).toEqual([
			{
				contacts: [
					{ phone_number: '+33611111111', firstname: 'Ann', lastname: 'A', address: '1 Main St' },
					{ phone_number: '+33622222222', firstname: 'New' },
				],
			},
			{
				contacts: [
					{ phone_number: '+33633333333', firstname: 'Cid', email: 'cid@example.com' },
					{ phone_number: '+33633333333', firstname: 'Cid again' },
				],
			},
			{ contacts: [{ phone_number: '+33644444444' }] },
		]);
		const store = t.sim.store();
		const idOf = (phone: string) => store.findContactByPhone(phone)?.id;
		expect(result.output.map((item) => [item.pairedItem, item.json.status, item.json.id])).toEqual([
			[{ item: 0 }, 'created', idOf('+33611111111')],
			[{ item: 1 }, 'updated', existing.id],
			[{ item: 2 }, 'created', idOf('+33633333333')],
			[{ item: 3 }, 'updated', idOf('+33633333333')],
			[{ item: 4 }, 'created', idOf('+33644444444')],
		]);
		expect(result.output[0].json).toEqual({
			id: idOf('+33611111111'),
			phone_number: '+33611111111',
			firstname: 'Ann',
			lastname: 'A',
			address: '1 Main St',
			status: 'created',
		});
		// Fields left empty keep their value on an update.
		expect(store.findContactByPhone('+33622222222')).toMatchObject({
			firstname: 'New',
			lastname: 'Name',
			email: 'keep@example.com',
		});
		expect(store.findContactByPhone('+33633333333')?.firstname).toBe('Cid again');
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('a bad phone number or email fails before anything is sent, naming item and field', async () => {
		const phone = await t.run({
			parameters: upsert(),
			items: [{ phone: '+33611111111' }, { phone: '0612345678' }],
		});
		expect(phone.error?.message).toMatch(/^Item 1: "Phone Number" "0612345678" is not valid: /);
		const email = await t.run({
			parameters: upsert(),
			items: [{ phone: '+33611111111', email: 'not-an-email' }],
		});
		expect(email.error?.message).toBe(
			'Item 0: "Email" "not-an-email" is not valid: is not an email address (name@domain.tld)',
		);
		expect(t.requestsTo('addcontacts')).toHaveLength(0);
	});

	test('a Batch Size out of range is an error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: upsert({ options: { batchSize: '={{ 0 }}' } }),
			items: [{ phone: '+33611111111' }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Batch Size" "0" is not valid: is out of range (a whole number from 1 to 1000)',
		);
		expect(t.requestsTo('addcontacts')).toHaveLength(0);
	});

	test('with Continue On Fail, invalid items are left out and a contact inSIM refuses fails only its item', async () => {
		const result = await t.run({
			parameters: upsert(),
			items: [
				{ phone: '+33611111111', first: 'Ann' },
				{ phone: 'bad' },
				{ phone: '+33622222222', first: 'x'.repeat(101) },
				{ phone: '+33633333333', first: 'Cid' },
			],
			continueOnFail: true,
		});
		expect(t.requestsTo('addcontacts').map((body) => (body.contacts as unknown[]).length)).toEqual([
			3,
		]);
		expect(result.output.map((item) => [item.pairedItem, item.json.status ?? null])).toEqual([
			[{ item: 0 }, 'created'],
			[{ item: 1 }, null],
			[{ item: 2 }, 'error'],
			[{ item: 3 }, 'created'],
		]);
		expect(result.output[1].json).toMatchObject({ success: false, mayHaveBeenProcessed: false });
		expect(result.output[1].json.error).toMatch(/^Item 1: "Phone Number" "bad" is not valid/);
		expect(result.output[2].json).toMatchObject({
			success: false,
			phone_number: '+33622222222',
			mayHaveBeenProcessed: false,
			error:
				'Item 2: inSIM did not save the contact +33622222222, "First Name": firstname: at most 100 characters (VALIDATION_ERROR)',
		});
		expect(
			t.sim
				.store()
				.liveContacts()
				.map((saved) => saved.phone_number),
		).toEqual(['+33611111111', '+33633333333']);
	});

	test('a batch that may have been processed is never resent; the next batch still goes', async () => {
		t.sim.addFault({ kind: 'http500AfterProcessing', path: '/v2/addcontacts' });
		const result = await t.run({
			parameters: upsert({ options: { batchSize: 2 } }),
			items: [
				{ phone: '+33611111111' },
				{ phone: '+33622222222' },
				{ phone: '+33633333333' },
				{ phone: '+33644444444' },
			],
			continueOnFail: true,
		});
		expect(
			t
				.requestsTo('addcontacts')
				.map((body) =>
					(body.contacts as Array<{ phone_number: string }>).map((c) => c.phone_number),
				),
		).toEqual([
			['+33611111111', '+33622222222'],
			['+33633333333', '+33644444444'],
		]);
		expect(result.output.map((item) => item.json.mayHaveBeenProcessed ?? item.json.status)).toEqual(
			[true, true, 'created', 'created'],
		);
		expect(result.output[1].json.error).toMatch(
			/^Item 1: inSIM had a server error \(HTTP 500\) on \/v2\/addcontacts.*\(the contact may still have been processed: check inSIM before resending\)$/,
		);
	});

	test('without Continue On Fail, an error after a saved batch says which items were saved', async () => {
		t.sim.addFault({ kind: 'http500AfterProcessing', path: '/v2/addcontacts', skip: 1 });
		const result = await t.run({
			parameters: upsert({ options: { batchSize: 2 } }),
			items: [
				{ phone: '+33611111111' },
				{ phone: '+33622222222' },
				{ phone: '+33633333333' },
				{ phone: '+33644444444' },
				{ phone: '+33655555555' },
			],
		});
		expect(result.output).toEqual([]);
		expect(result.error?.message).toMatch(/^Item 2: inSIM had a server error/);
		expect(result.error?.message).toMatch(/2 contacts were already created or updated\.$/);
		expect(result.error?.description).toContain('(items 0–1)');
		expect(t.requestsTo('addcontacts')).toHaveLength(2);
	});

	test('after a rejected key, later batches are reported without being sent', async () => {
		const result = await t.run({
			parameters: upsert({ options: { batchSize: 1 } }),
			items: [{ phone: '+33611111111' }, { phone: '+33622222222' }, { phone: '+33633333333' }],
			credentials: wrongKey(),
			continueOnFail: true,
		});
		expect(t.requestsTo('addcontacts')).toHaveLength(1);
		expect(result.output.map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				/^Item 0: inSIM rejected the login or access key.*\(INVALID_CREDENTIALS\)$/,
			),
			expect.stringMatching(/^Item 1: not sent, because an earlier request failed: inSIM rejected/),
			expect.stringMatching(/^Item 2: not sent, because an earlier request failed: inSIM rejected/),
		]);
		expect(result.output.map((item) => item.json.mayHaveBeenProcessed)).toEqual([
			false,
			false,
			false,
		]);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});
});

describe('Contact → Create (v1) stays the default', () => {
	test('an operation left unset is v1 Create', async () => {
		const result = await t.run({
			parameters: { resource: 'contact', phoneNumber: '+33611111111', firstName: 'Ann' },
		});
		expect(result.error).toBeUndefined();
		expect(t.sim.requests.map((request) => request.path)).toEqual(['/v1/contact']);
		expect(result.output[0].json).toMatchObject({ success: true, phone_number: '+33611111111' });
	});
});
