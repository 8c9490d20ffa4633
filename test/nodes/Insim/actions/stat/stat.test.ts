import { DEMO_ACCOUNT, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2();
afterEach(() => t.sim.setOptions({ badCredentialsStatus: 401 }));

function sentTo(endpoint: string) {
	return t.requestsTo(endpoint).map(({ login: _login, accessKey: _key, ...rest }) => rest);
}

/** SMS, calls, clicks and contacts on both sides of 2026-03-01. */
function seedActivity() {
	const store = t.sim.store();
	store.upsertContact({ phone_number: '+33611111111', firstname: 'Alice', lastname: 'Martin' });
	store.upsertContact({ phone_number: '+33622222222' });
	store.recordSms({
		direction: 'outbound',
		phone_number: '+33611111111',
		message: 'Hi [link]',
		date: '2026-03-02 10:00:00',
		status: 'delivered',
		url: 'https://shop.example.com/a',
		short_url: 'https://arsms.co/aaaaaaaaaaaa',
		clicks: [
			{ clicked_at: '2026-03-02 10:05:00', link: 'https://arsms.co/aaaaaaaaaaaa' },
			{ clicked_at: '2026-03-03 08:00:00', link: 'https://arsms.co/aaaaaaaaaaaa' },
		],
	});
	store.recordSms({
		direction: 'outbound',
		phone_number: '+33622222222',
		message: 'Hello',
		date: '2026-03-04 10:00:00',
	});
	store.recordSms({
		direction: 'outbound',
		phone_number: '+33633333333',
		message: 'Old [link]',
		date: '2026-02-10 10:00:00',
		status: 'delivered',
		url: 'https://shop.example.com/old',
		clicks: [{ clicked_at: '2026-02-10 11:00:00', link: 'https://arsms.co/bbbbbbbbbbbb' }],
	});
	store.recordSms({
		direction: 'inbound',
		phone_number: '+33611111111',
		message: 'Thanks',
		date: '2026-03-02 11:00:00',
	});
	store.calls.push(
		{
			id: 'c1',
			type: 'incoming',
			phone_number: '+33611111111',
			duration_seconds: 30,
			call_time: '2026-03-05 09:00:00',
			qualification: {
				option_id: 'o1',
				label: 'Sale',
				notes: '',
				qualified_at: '2026-03-05 09:01:00',
			},
		},
		{
			id: 'c2',
			type: 'missed',
			phone_number: '+33622222222',
			duration_seconds: 0,
			call_time: '2026-03-06 09:00:00',
		},
		{
			id: 'c3',
			type: 'outgoing',
			phone_number: '+33622222222',
			duration_seconds: 12,
			call_time: '2026-02-06 09:00:00',
		},
	);
}

describe('Stat → Get Overview', () => {
	test('sends the dates and returns the totals of that period, one item per input item', async () => {
		seedActivity();
		const result = await t.run({
			parameters: {
				resource: 'stat',
				operation: 'getOverview',
				options: { dateFrom: '2026-03-01T00:00:00', dateTo: '2026-03-31' },
			},
			items: [{}, {}],
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('stats/overview')).toEqual([
			{ date_from: '2026-03-01', date_to: '2026-03-31' },
			{ date_from: '2026-03-01', date_to: '2026-03-31' },
		]);
		const expected = {
			date_from: '2026-03-01',
			date_to: '2026-03-31',
			sms: { sent: 2, received: 1, delivered: 1 },
			calls: { incoming: 1, outgoing: 0, missed: 1, qualified: 1 },
			link_clicks: 2,
			contacts: 2,
		};
		expect(result.output).toEqual([
			{ json: expected, pairedItem: { item: 0 } },
			{ json: expected, pairedItem: { item: 1 } },
		]);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('without dates it counts everything', async () => {
		seedActivity();
		const result = await t.run({ parameters: { resource: 'stat', operation: 'getOverview' } });
		expect(sentTo('stats/overview')).toEqual([{}]);
		expect(result.output[0].json).toMatchObject({
			sms: { sent: 3, received: 1, delivered: 2 },
			calls: { incoming: 1, outgoing: 1, missed: 1, qualified: 1 },
			link_clicks: 3,
		});
	});

	test('a date that is not one is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: { resource: 'stat', operation: 'getOverview', options: { dateFrom: '03/01' } },
		});
		expect(result.error?.message).toBe(
			'Item 0: "From Date" "03/01" is not valid: is not a date: use the date picker or YYYY-MM-DD',
		);
		expect(t.requestsTo('stats/overview')).toHaveLength(0);
	});

	test('with Continue On Fail, a bad item gets its error and the others their totals', async () => {
		seedActivity();
		const result = await t.run({
			parameters: {
				resource: 'stat',
				operation: 'getOverview',
				options: { dateTo: '={{ $json.to }}' },
			},
			items: [{ to: 'yesterday' }, { to: '2026-02-28' }],
			continueOnFail: true,
		});
		expect(
			result.output.map((item) => [item.pairedItem, item.json.link_clicks ?? item.json.error]),
		).toEqual([
			[
				{ item: 0 },
				'Item 0: "To Date" "yesterday" is not valid: is not a date: use the date picker or YYYY-MM-DD',
			],
			[{ item: 1 }, 1],
		]);
	});

	test('an inSIM error envelope names the item, also when answered with HTTP 200', async () => {
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200, badCredentialsStatus: 200 });
			const result = await t.run({
				parameters: { resource: 'stat', operation: 'getOverview' },
				credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			});
			expect(result.error?.message).toMatch(
				/^Item 0: inSIM rejected the login or access key.*\(INVALID_CREDENTIALS\)$/,
			);
			expect(serialised(result)).not.toContain('wrong-key-123456');
		}
	});
});

describe('Stat → Get Link Clicks', () => {
	test('returns one item per click, newest first, with link, who and when', async () => {
		seedActivity();
		const sms = t.sim.store().sms[0];
		const result = await t.run({
			parameters: { resource: 'stat', operation: 'getClicks', limit: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('stats/clicks')).toEqual([{ limit: 2 }]);
		expect(result.output).toEqual([
			{
				json: {
					sms_id: sms.id,
					phone_number: '+33611111111',
					contact_name: 'Alice Martin',
					url: 'https://shop.example.com/a',
					link: 'https://arsms.co/aaaaaaaaaaaa',
					clicked_at: '2026-03-03 08:00:00',
				},
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({ sms_id: sms.id, clicked_at: '2026-03-02 10:05:00' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Return All follows the cursor: 250 clicks in 3 requests of 100', async () => {
		const store = t.sim.store();
		const sms = store.recordSms({
			direction: 'outbound',
			phone_number: '+33611111111',
			message: 'Promo [link]',
			url: 'https://shop.example.com/promo',
		});
		for (let index = 0; index < 250; index++) {
			const second = String(index % 60).padStart(2, '0');
			const minute = String(Math.floor(index / 60)).padStart(2, '0');
			sms.clicks.push({
				clicked_at: `2026-03-01 10:${minute}:${second}`,
				link: 'https://arsms.co/p',
			});
		}
		const result = await t.run({
			parameters: { resource: 'stat', operation: 'getClicks', returnAll: true },
		});
		expect(result.output).toHaveLength(250);
		expect(result.output[0].json.clicked_at).toBe('2026-03-01 10:04:09');
		expect(result.output[249].json.clicked_at).toBe('2026-03-01 10:00:00');
		const requests = sentTo('stats/clicks');
		expect(requests.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(requests[0].cursor).toBeUndefined();
		expect(requests[1].cursor).toEqual(expect.any(String));
		expect(requests[2].cursor).toEqual(expect.any(String));
	});

	test('a limit that is not a whole number is an item error; nothing is sent', async () => {
		const result = await t.run({
			parameters: { resource: 'stat', operation: 'getClicks', limit: '={{ 2.5 }}' },
		});
		expect(result.error?.message).toBe(
			'Item 0: "Limit" "2.5" is not valid: must be a whole number of 1 or more',
		);
		expect(t.requestsTo('stats/clicks')).toHaveLength(0);
	});

	test('with Continue On Fail, a fatal inSIM error is reported for each item and later items are not sent', async () => {
		const result = await t.run({
			parameters: { resource: 'stat', operation: 'getClicks', limit: 5 },
			items: [{}, {}, {}],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, expect.stringMatching(/^Item 0: inSIM rejected the login or access key/)],
			[{ item: 1 }, expect.stringMatching(/^Item 1: not sent, because an earlier request failed/)],
			[{ item: 2 }, expect.stringMatching(/^Item 2: not sent, because an earlier request failed/)],
		]);
		expect(t.requestsTo('stats/clicks')).toHaveLength(1);
	});
});
