import { FREE_DEMO_ACCOUNT } from '../../../../simulator';
import type { SimCampaign } from '../../../../simulator/v2/store';
import { DEMO_ACCOUNT, byId, fromList, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2({ accounts: [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT] });

const campaign = (operation: string, extra: Record<string, unknown> = {}) => ({
	parameters: { resource: 'campaign', operation, ...extra },
});

/** The bodies the node sent to one endpoint, without the credentials. */
function sent(endpoint: string): Array<Record<string, unknown>> {
	return t.requestsTo(endpoint).map(({ login: _login, accessKey: _key, ...rest }) => rest);
}

function seedCampaign(
	fields: Partial<SimCampaign> & { id: string },
	login: string = DEMO_ACCOUNT.login,
): SimCampaign {
	const record: SimCampaign = {
		name: `Campaign ${fields.id}`,
		message: 'Hello',
		url: '',
		priority: 1,
		recipients: [],
		status: 2,
		sent: 0,
		created: '2026-03-01 10:00:00',
		...fields,
	};
	if (fields.status === undefined) record.status = record.recipients.length > 0 ? 0 : 2;
	t.sim.store(login).campaigns.push(record);
	return record;
}

describe('Campaign → Get Many', () => {
	test('Return All follows the cursor over 3 pages of 100, newest first, with statusText', async () => {
		for (let index = 0; index < 250; index++) {
			seedCampaign({ id: `c${index}`, status: index % 2 === 0 ? 2 : 3 });
		}
		const result = await t.run(campaign('getMany', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(250);
		expect(result.output[0].json).toEqual({
			id: 'c249',
			name: 'Campaign c249',
			message: 'Hello',
			url: '',
			priority: 1,
			status: 3,
			recipients: 0,
			sent: 0,
			created: '2026-03-01 10:00:00',
			statusText: 'completed',
		});
		expect(result.output[249].json).toMatchObject({ id: 'c0', statusText: 'no recipients' });
		expect(
			result.output.every(
				(item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0,
			),
		).toBe(true);
		const bodies = sent('campaigns');
		expect(bodies).toHaveLength(3);
		expect(bodies[0]).toEqual({ limit: 100 });
		expect(bodies.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(typeof bodies[1].cursor).toBe('string');
		expect(typeof bodies[2].cursor).toBe('string');
		expect(bodies[1].cursor).not.toBe(bodies[2].cursor);
	});

	test('Limit asks inSIM for that many only', async () => {
		for (let index = 0; index < 20; index++) seedCampaign({ id: `c${index}` });
		const result = await t.run(campaign('getMany', { returnAll: false, limit: 5 }));
		expect(result.output.map((item) => item.json.id)).toEqual(['c19', 'c18', 'c17', 'c16', 'c15']);
		expect(sent('campaigns')).toEqual([{ limit: 5 }]);
	});

	test('a Limit that is not a number is an error naming item and field; nothing is sent', async () => {
		const result = await t.run({
			...campaign('getMany', { returnAll: false, limit: '={{ $json.limit }}' }),
			items: [{ limit: 'ten' }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Limit" "ten" is not valid: must be a whole number of 1 or more',
		);
		expect(t.requestsTo('campaigns')).toHaveLength(0);
	});

	test('with Continue On Fail, each item gets its campaigns or its error', async () => {
		seedCampaign({ id: 'a' });
		seedCampaign({ id: 'b' });
		const result = await t.run({
			...campaign('getMany', { returnAll: false, limit: '={{ $json.limit }}' }),
			items: [{ limit: 1 }, { limit: -1 }, { limit: 2 }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual(
			[
				[{ item: 0 }, 'b'],
				[{ item: 1 }, 'Item 1: "Limit" "-1" is not valid: must be a whole number of 1 or more'],
				[{ item: 2 }, 'b'],
				[{ item: 2 }, 'a'],
			],
		);
	});

	test('an error envelope answered with HTTP 200 is an error naming the item', async () => {
		t.sim.setOptions({ v2ErrorsAs200: true });
		t.sim.addFault({ kind: 'badCredentials', path: '/v2/campaigns' });
		const result = await t.run(campaign('getMany', { returnAll: true }));
		expect(result.error?.message).toMatch(/^Item 0: inSIM rejected the login or access key/);
	});

	test('the Campaign picker searches by name', async () => {
		seedCampaign({ id: 'x1', name: 'Spring sale' });
		seedCampaign({ id: 'x2', name: 'Winter sale' });
		seedCampaign({ id: 'x3', name: 'Newsletter' });
		const found = await t.listSearch('searchCampaigns', 'SALE');
		expect(found.error).toBeUndefined();
		expect(found.results).toEqual([
			{ name: 'Spring sale', value: 'x1' },
			{ name: 'Winter sale', value: 'x2' },
		]);
		expect(sent('campaigns')).toEqual([{ limit: 100 }]);
	});
});

describe('Campaign → Create', () => {
	function seedAudience() {
		const store = t.sim.store();
		const ids = ['+33611111111', '+33622222222', '+33633333333'].map(
			(phone) => store.upsertContact({ phone_number: phone }).contact.id,
		);
		store.lists.push({
			id: 'list-a',
			name: 'Alpha',
			description: '',
			contactIds: [ids[0], ids[1]],
			created: '2026-01-01 00:00:00',
			deleted: false,
		});
		return ids;
	}

	test('sends list, contact ids and E.164 numbers; recipients are counted once; status ready', async () => {
		const ids = seedAudience();
		const result = await t.run(
			campaign('create', {
				name: 'Spring sale',
				message: 'Hi! See [link]',
				listId: fromList('list-a'),
				contactIds: `${ids[1]}, ${ids[2]}`,
				phoneNumbers: '+33 6 11 11 11 11, 0033 6 44 44 44 44',
				additionalFields: { url: 'https://example.com/sale', priority: 2 },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sent('campaigns/create')).toEqual([
			{
				name: 'Spring sale',
				message: 'Hi! See [link]',
				url: 'https://example.com/sale',
				priority: 2,
				list_id: 'list-a',
				contact_ids: [ids[1], ids[2]],
				phone_numbers: ['+33611111111', '+33644444444'],
			},
		]);
		const stored = t.sim.store().campaigns[0];
		expect(stored.recipients).toEqual([
			'+33611111111',
			'+33622222222',
			'+33633333333',
			'+33644444444',
		]);
		expect(result.output).toEqual([
			{
				json: {
					id: stored.id,
					name: 'Spring sale',
					status: 0,
					recipients: 4,
					statusText: 'ready',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(t.sim.sentMessages()).toHaveLength(0);
	});

	test('without recipients the campaign gets status 2, "no recipients"', async () => {
		const result = await t.run(campaign('create', { name: 'Empty', message: 'Hello' }));
		expect(sent('campaigns/create')).toEqual([{ name: 'Empty', message: 'Hello', priority: 1 }]);
		expect(result.output[0].json).toMatchObject({
			name: 'Empty',
			status: 2,
			recipients: 0,
			statusText: 'no recipients',
		});
	});

	test('a phone number that is not E.164 is an error naming item and field; nothing is sent', async () => {
		const result = await t.run({
			...campaign('create', {
				name: 'Bad',
				message: 'Hello',
				phoneNumbers: '={{ $json.phones }}',
			}),
			items: [{ phones: ['+33612345678', '0612345678'] }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Phone Numbers" "0612345678" is not valid: must start with + and the country code (e.g. +33612345678)',
		);
		expect(t.requestsTo('campaigns/create')).toHaveLength(0);
	});

	test('a Tracked URL without [link] in the message is an error naming the Message', async () => {
		const result = await t.run(
			campaign('create', {
				name: 'Link',
				message: 'No placeholder',
				additionalFields: { url: 'https://example.com' },
			}),
		);
		expect(result.error?.message).toBe(
			'Item 0: "Message" "No placeholder" is not valid: a Tracked URL is set but the message has no [link] placeholder to put it in',
		);
		expect(t.requestsTo('campaigns/create')).toHaveLength(0);
	});

	test('an unknown contact id is NOT_FOUND naming the item and the field', async () => {
		const result = await t.run(
			campaign('create', { name: 'X', message: 'Hello', contactIds: 'ghost' }),
		);
		expect(result.error?.message).toContain(
			'"Contact IDs": inSIM found nothing with this ID: Contact ghost not found (NOT_FOUND)',
		);
		expect(t.sim.store().campaigns).toHaveLength(0);
	});

	test('with Continue On Fail, each item is created or reported on its own', async () => {
		const result = await t.run({
			...campaign('create', {
				name: '={{ $json.name }}',
				message: 'Hello',
				phoneNumbers: '={{ $json.phone }}',
			}),
			items: [
				{ name: 'One', phone: '+33611111111' },
				{ name: 'Two', phone: '+33 6' },
				{ name: 'Three', phone: '' },
			],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.output[0].json).toMatchObject({ name: 'One', status: 0, statusText: 'ready' });
		expect(result.output[1].json).toMatchObject({
			success: false,
			mayHaveBeenProcessed: false,
			error: 'Item 1: "Phone Numbers" "+33 6" is not valid: is too short',
		});
		expect(result.output[2].json).toMatchObject({ name: 'Three', status: 2 });
		expect(sent('campaigns/create').map((body) => body.name)).toEqual(['One', 'Three']);
	});
});

describe('Campaign → Get', () => {
	test('outputs the campaign with its status text', async () => {
		seedCampaign({ id: 'c1', name: 'Spring', recipients: ['+33611111111'] });
		const result = await t.run(campaign('get', { campaignId: fromList('c1') }));
		expect(sent('campaigns/detail')).toEqual([{ campaign_id: 'c1' }]);
		expect(result.output).toEqual([
			{
				json: {
					id: 'c1',
					name: 'Spring',
					message: 'Hello',
					url: '',
					priority: 1,
					status: 0,
					recipients: 1,
					sent: 0,
					created: '2026-03-01 10:00:00',
					statusText: 'ready',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an empty campaign id is an error naming the field; nothing is sent', async () => {
		const result = await t.run({
			...campaign('get', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: '' }],
		});
		expect(result.error?.message).toBe('Item 0: "Campaign" (empty) is not valid: is required');
		expect(t.requestsTo('campaigns/detail')).toHaveLength(0);
	});

	test('with Continue On Fail, an unknown campaign is NOT_FOUND for its item only', async () => {
		seedCampaign({ id: 'c1' });
		const result = await t.run({
			...campaign('get', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: 'nope' }, { id: 'c1' }],
			continueOnFail: true,
		});
		expect(result.output[0].json).toMatchObject({
			success: false,
			error: expect.stringContaining(
				'"Campaign": inSIM found nothing with this ID: Campaign not found (NOT_FOUND)',
			),
		});
		expect(result.output[1].json).toMatchObject({ id: 'c1', statusText: 'no recipients' });
	});
});

describe('Campaign → Cancel', () => {
	test('cancels a ready campaign', async () => {
		const stored = seedCampaign({ id: 'c1', recipients: ['+33611111111'] });
		const result = await t.run(campaign('cancel', { campaignId: byId('c1') }));
		expect(sent('campaigns/cancel')).toEqual([{ campaign_id: 'c1' }]);
		expect(result.output).toEqual([
			{ json: { id: 'c1', cancelled: true }, pairedItem: { item: 0 } },
		]);
		expect(stored.status).toBe(4);
		const read = await t.run(campaign('get', { campaignId: byId('c1') }));
		expect(read.output[0].json.statusText).toBe('cancelled');
	});

	test('a completed campaign cannot be cancelled: the error names the item and the field', async () => {
		seedCampaign({ id: 'c1', status: 3 });
		const result = await t.run(campaign('cancel', { campaignId: byId('c1') }));
		expect(result.error?.message).toContain(
			'"Campaign": inSIM refused this in the current state: Campaign cannot be cancelled in status 3 (INVALID_STATE)',
		);
	});

	test('an empty campaign id is an error naming the field; nothing is sent', async () => {
		const result = await t.run({
			...campaign('cancel', { campaignId: byId('={{ $json.id }}') }),
			items: [{}],
		});
		expect(result.error?.message).toBe('Item 0: "Campaign" (empty) is not valid: is required');
		expect(t.requestsTo('campaigns/cancel')).toHaveLength(0);
	});

	test('with Continue On Fail, each item is cancelled or reported', async () => {
		seedCampaign({ id: 'c1' });
		seedCampaign({ id: 'c2', status: 1 });
		const result = await t.run({
			...campaign('cancel', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.cancelled ?? item.json.error)).toEqual([
			true,
			expect.stringContaining(
				'"Campaign": inSIM refused this in the current state: Campaign cannot be cancelled in status 1 (INVALID_STATE)',
			),
			expect.stringContaining(
				'"Campaign": inSIM found nothing with this ID: Campaign not found (NOT_FOUND)',
			),
		]);
	});
});

describe('Campaign → Start', () => {
	test('checks the campaign, starts it once, and sends one SMS per recipient', async () => {
		const stored = seedCampaign({
			id: 'c1',
			name: 'Spring',
			message: 'Sale! [link]',
			url: 'https://example.com/sale',
			recipients: ['+33611111111', '+33622222222'],
		});
		const result = await t.run(campaign('start', { campaignId: fromList('c1') }));
		expect(result.error).toBeUndefined();
		expect(t.sim.requests.map((request) => request.path)).toEqual([
			'/v2/campaigns/detail',
			'/v2/campaigns/start',
		]);
		expect(sent('campaigns/start')).toEqual([{ campaign_id: 'c1' }]);
		expect(result.output).toEqual([
			{
				json: {
					id: 'c1',
					name: 'Spring',
					recipients: 2,
					status: 3,
					sent: 2,
					started: true,
					statusText: 'completed',
				},
				pairedItem: { item: 0 },
			},
		]);
		const messages = t.sim.sentMessages();
		expect(messages.map((message) => message.phone_number)).toEqual([
			'+33611111111',
			'+33622222222',
		]);
		expect(messages[0].message).toMatch(/^Sale! https:\/\/arsms\.co\/\w{12}$/);
		expect(stored.status).toBe(3);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('a campaign that is not ready is refused before start: nothing is sent', async () => {
		seedCampaign({ id: 'c1', name: 'Empty' });
		const result = await t.run(campaign('start', { campaignId: byId('c1') }));
		expect(result.error?.message).toBe(
			'Item 0: campaign "Empty" (c1) cannot be started: its status is 2 (no recipients); only a ready campaign (status 0) can start',
		);
		expect(result.error?.description).toContain('Nothing was sent.');
		expect(t.requestsTo('campaigns/start')).toHaveLength(0);
		expect(t.sim.sentMessages()).toHaveLength(0);
	});

	test('a ready campaign whose detail shows 0 recipients is refused', async () => {
		seedCampaign({ id: 'c1', name: 'Odd', status: 0, recipients: [] });
		const result = await t.run(campaign('start', { campaignId: byId('c1') }));
		expect(result.error?.message).toBe(
			'Item 0: campaign "Odd" (c1) cannot be started: it has no recipients',
		);
		expect(t.requestsTo('campaigns/start')).toHaveLength(0);
	});

	test('a second item naming the same campaign does not start it again', async () => {
		seedCampaign({ id: 'c1', recipients: ['+33611111111'] });
		seedCampaign({ id: 'c2', recipients: ['+33622222222'] });
		const result = await t.run({
			...campaign('start', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: 'c1' }, { id: 'c2' }, { id: 'c1' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.started ?? item.json.error)).toEqual([
			true,
			true,
			'Item 2: campaign c1 was already started by item 0 in this run; it is not started twice',
		]);
		expect(result.output[2].json.mayHaveBeenProcessed).toBe(false);
		expect(sent('campaigns/start')).toEqual([{ campaign_id: 'c1' }, { campaign_id: 'c2' }]);
		expect(t.sim.sentMessages()).toHaveLength(2);
	});

	test('a start whose answer was lost is never retried and says it may have been processed', async () => {
		seedCampaign({ id: 'c1', name: 'Spring', recipients: ['+33611111111'] });
		t.sim.addFault({ kind: 'resetAfterProcessing', path: '/v2/campaigns/start' });
		const result = await t.run({
			...campaign('start', { campaignId: byId('c1') }),
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(t.requestsTo('campaigns/start')).toHaveLength(1);
		expect(t.sim.sentMessages()).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({ success: false, mayHaveBeenProcessed: true });
		expect(String(result.output[0].json.error)).toMatch(
			/^Item 0: the start of campaign "Spring" \(c1\) may have been processed: The connection to inSIM was cut/,
		);
		expect(result.output[1].json).toMatchObject({
			success: false,
			mayHaveBeenProcessed: false,
			error:
				'Item 1: campaign c1 was not started again: item 0 already tried to start it in this run and inSIM may have processed that start',
		});
	});

	test('a free plan gets LICENSE_REQUIRED; later items are not sent', async () => {
		for (const id of ['f1', 'f2']) {
			seedCampaign({ id, recipients: ['+33611111111'] }, FREE_DEMO_ACCOUNT.login);
		}
		const result = await t.run({
			...campaign('start', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: 'f1' }, { id: 'f2' }],
			credentials: {
				...t.credentials(),
				login: FREE_DEMO_ACCOUNT.login,
				apiKey: FREE_DEMO_ACCOUNT.accessKey,
			},
			continueOnFail: true,
		});
		expect(String(result.output[0].json.error)).toMatch(
			/^Item 0: This inSIM feature needs a paid plan: .*\(LICENSE_REQUIRED\)$/,
		);
		expect(result.output[0].json.mayHaveBeenProcessed).toBe(false);
		expect(result.output[0].json.errorDescription).toContain(
			'Upgrade: https://www.insim.app/pricing',
		);
		expect(String(result.output[1].json.error)).toMatch(/^Item 1: not sent, because an earlier/);
		expect(t.requestsTo('campaigns/detail')).toHaveLength(1);
		expect(t.requestsTo('campaigns/start')).toHaveLength(1);
		expect(t.sim.sentMessages()).toHaveLength(0);
	});

	test('an unknown campaign is NOT_FOUND naming the item; an empty id is refused unsent', async () => {
		const result = await t.run({
			...campaign('start', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: 'ghost' }, { id: '' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.error)).toEqual([
			expect.stringContaining(
				'"Campaign": inSIM found nothing with this ID: Campaign not found (NOT_FOUND)',
			),
			'Item 1: "Campaign" (empty) is not valid: is required',
		]);
		expect(result.output.map((item) => item.json.mayHaveBeenProcessed)).toEqual([false, false]);
		expect(t.requestsTo('campaigns/start')).toHaveLength(0);
	});

	test('without Continue On Fail, a refusal after a start says the earlier item was processed', async () => {
		seedCampaign({ id: 'c1', recipients: ['+33611111111'] });
		seedCampaign({ id: 'c2', name: 'Done', status: 3 });
		const result = await t.run({
			...campaign('start', { campaignId: byId('={{ $json.id }}') }),
			items: [{ id: 'c1' }, { id: 'c2' }],
		});
		expect(result.error?.message).toBe(
			'Item 1: campaign "Done" (c2) cannot be started: its status is 3 (completed); only a ready campaign (status 0) can start. 1 campaign was already started.',
		);
		expect(t.sim.sentMessages()).toHaveLength(1);
	});
});
