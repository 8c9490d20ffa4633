import type { SimCall } from '../../../../simulator/v2/store';
import { DEMO_ACCOUNT, byId, fromList, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2();

/** Request bodies to one endpoint, without the credential fields. */
function sentTo(endpoint: string) {
	return t.requestsTo(endpoint).map(({ login: _login, accessKey: _key, ...rest }) => rest);
}

function seedOptions() {
	const options = [
		{ id: 'opt-sale', label: 'Sale', deleted: false },
		{ id: 'opt-callback', label: 'Call back', deleted: false },
		{ id: 'opt-old', label: 'Old option', deleted: true },
	];
	t.sim.store().qualificationOptions.push(...options);
	return options;
}

function qualifiedCall(
	id: string,
	phone: string,
	optionId: string,
	label: string,
	qualifiedAt: string,
	type: SimCall['type'] = 'incoming',
): SimCall {
	return {
		id,
		type,
		phone_number: phone,
		duration_seconds: 60,
		call_time: qualifiedAt,
		qualification: { option_id: optionId, label, notes: `note ${id}`, qualified_at: qualifiedAt },
	};
}

function seedCalls() {
	seedOptions();
	t.sim
		.store()
		.calls.push(
			qualifiedCall('call-1', '+33612345678', 'opt-sale', 'Sale', '2026-03-01 09:00:00'),
			qualifiedCall('call-2', '+33612345678', 'opt-callback', 'Call back', '2026-03-05 10:00:00'),
			qualifiedCall(
				'call-3',
				'+33698765432',
				'opt-sale',
				'Sale',
				'2026-03-10 11:00:00',
				'outgoing',
			),
			{
				id: 'call-4',
				type: 'missed',
				phone_number: '+33612345678',
				duration_seconds: 0,
				call_time: '2026-03-06 12:00:00',
			},
		);
}

describe('Qualification → Get Many', () => {
	test('sends the filters and returns one item per qualified call, newest first, paired', async () => {
		seedCalls();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getMany',
				filters: {
					phoneNumber: '06 12 34 56 78',
					dateFrom: '2026-03-01T00:00:00',
					dateTo: '2026-03-31',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('qualifications')).toEqual([
			{ phone_number: '0612345678', date_from: '2026-03-01', date_to: '2026-03-31', limit: 50 },
		]);
		expect(result.output.map((item) => item.json)).toEqual([
			{
				call_id: 'call-2',
				phone_number: '+33612345678',
				call_type: 'incoming',
				call_time: '2026-03-05 10:00:00',
				duration_seconds: 60,
				option_id: 'opt-callback',
				label: 'Call back',
				notes: 'note call-2',
				qualified_at: '2026-03-05 10:00:00',
			},
			expect.objectContaining({ call_id: 'call-1', option_id: 'opt-sale' }),
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('filters by a qualification option picked from the list', async () => {
		seedCalls();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getMany',
				filters: { qualificationOptionId: fromList('opt-sale') },
			},
		});
		expect(sentTo('qualifications')).toEqual([{ option_id: 'opt-sale', limit: 50 }]);
		expect(result.output.map((item) => item.json.call_id)).toEqual(['call-3', 'call-1']);
	});

	test('Return All follows the cursor inSIM gives: 250 calls in 3 requests of 100', async () => {
		seedOptions();
		for (let index = 0; index < 250; index++) {
			const minute = String(index % 60).padStart(2, '0');
			const hour = String(Math.floor(index / 60)).padStart(2, '0');
			t.sim
				.store()
				.calls.push(
					qualifiedCall(
						`c${index}`,
						'+33612345678',
						'opt-sale',
						'Sale',
						`2026-03-01 ${hour}:${minute}:00`,
					),
				);
		}
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'getMany', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(250);
		expect(new Set(result.output.map((item) => item.json.call_id)).size).toBe(250);
		const requests = sentTo('qualifications');
		expect(requests.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(requests[0].cursor).toBeUndefined();
		expect(typeof requests[1].cursor).toBe('string');
		expect(typeof requests[2].cursor).toBe('string');
	});

	test('Limit asks inSIM for no more than needed', async () => {
		seedCalls();
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'getMany', limit: 2 },
		});
		expect(sentTo('qualifications')).toEqual([{ limit: 2 }]);
		expect(result.output.map((item) => item.json.call_id)).toEqual(['call-3', 'call-2']);
	});

	test('a phone number that is not one is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getMany',
				filters: { phoneNumber: 'call me' },
			},
		});
		expect(result.error?.message).toMatch(/^Item 0: "Phone Number" "call me" is not valid: /);
		expect(t.requestsTo('qualifications')).toHaveLength(0);
	});

	test('an unknown option is NOT_FOUND naming the item and the field, also as HTTP 200', async () => {
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200 });
			const result = await t.run({
				parameters: {
					resource: 'qualification',
					operation: 'getMany',
					filters: { qualificationOptionId: byId('no-such-option') },
				},
			});
			expect(result.error?.message).toContain(
				'"Qualification Option": inSIM found nothing with this ID: qualification option not found (NOT_FOUND)',
			);
		}
	});

	test('with Continue On Fail, a bad item gets its error and the others their records', async () => {
		seedCalls();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getMany',
				filters: { qualificationOptionId: byId('={{ $json.option }}') },
			},
			items: [{ option: 'opt-callback' }, { option: 'nope' }, { option: 'opt-sale' }],
			continueOnFail: true,
		});
		expect(
			result.output.map((item) => [item.pairedItem, item.json.call_id ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, 'call-2'],
			[
				{ item: 1 },
				expect.stringContaining(
					'"Qualification Option": inSIM found nothing with this ID: qualification option not found (NOT_FOUND)',
				),
			],
			[{ item: 2 }, 'call-3'],
			[{ item: 2 }, 'call-1'],
		]);
		expect(t.requestsTo('qualifications')).toHaveLength(3);
	});
});

describe('Qualification → Get Many Options', () => {
	test('returns the live options, one item each, without sending a limit', async () => {
		seedOptions();
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'getManyOptions', returnAll: true },
			items: [{}, {}],
		});
		expect(sentTo('qualifications/options')).toEqual([{}, {}]);
		expect(result.output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ id: 'opt-sale', _id: 'opt-sale', label: 'Sale' }, { item: 0 }],
			[{ id: 'opt-callback', _id: 'opt-callback', label: 'Call back' }, { item: 0 }],
			[{ id: 'opt-sale', _id: 'opt-sale', label: 'Sale' }, { item: 1 }],
			[{ id: 'opt-callback', _id: 'opt-callback', label: 'Call back' }, { item: 1 }],
		]);
	});

	test('Limit cuts the list; a limit of 0 is an item error before anything is sent', async () => {
		seedOptions();
		const limited = await t.run({
			parameters: { resource: 'qualification', operation: 'getManyOptions', limit: 1 },
		});
		expect(limited.output.map((item) => item.json.label)).toEqual(['Sale']);

		const bad = await t.run({
			parameters: { resource: 'qualification', operation: 'getManyOptions', limit: '={{ 0 }}' },
		});
		expect(bad.error?.message).toBe(
			'Item 0: "Limit" "0" is not valid: must be a whole number of 1 or more',
		);
		expect(t.requestsTo('qualifications/options')).toHaveLength(1);
	});

	test('a wrong key is an error naming the item; with Continue On Fail later items are not sent', async () => {
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'getManyOptions', returnAll: true },
			items: [{}, {}],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^Item 0: inSIM rejected the login or access key/),
			expect.stringMatching(/^Item 1: not sent, because an earlier request failed/),
		]);
		expect(t.requestsTo('qualifications/options')).toHaveLength(1);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});

	test('the option picker searches the options by label', async () => {
		seedOptions();
		const found = await t.listSearch('searchQualificationOptions', 'call');
		expect(found.error).toBeUndefined();
		expect(found.results).toEqual([{ name: 'Call back', value: 'opt-callback' }]);
		const all = await t.listSearch('searchQualificationOptions');
		expect(all.results.map((entry) => entry.name)).toEqual(['Call back', 'Sale']);
	});
});

describe('Qualification → Create Option', () => {
	test('sends the label and returns the new option', async () => {
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'createOption',
				label: ' Not interested ',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('qualifications/options/create')).toEqual([{ label: 'Not interested' }]);
		const [created] = t.sim.store().qualificationOptions;
		expect(result.output).toEqual([
			{
				json: { id: created.id, _id: created.id, label: 'Not interested' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an empty label is an item error; nothing is sent', async () => {
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'createOption', label: '  ' },
		});
		expect(result.error?.message).toBe('Item 0: "Label" "  " is not valid: is required');
		expect(t.requestsTo('qualifications/options/create')).toHaveLength(0);
	});

	test('a duplicate label is inSIM VALIDATION_ERROR naming the item and field; Continue On Fail keeps the rest', async () => {
		seedOptions();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'createOption',
				label: '={{ $json.label }}',
			},
			items: [{ label: 'Won' }, { label: 'sale' }, { label: 'Lost' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.label ?? item.json.error)).toEqual([
			'Won',
			expect.stringContaining(
				'"Label": inSIM refused a value: label: an option with this label already exists (VALIDATION_ERROR)',
			),
			'Lost',
		]);
		expect(result.output[1].json.mayHaveBeenProcessed).toBe(false);
		expect(
			t.sim
				.store()
				.qualificationOptions.filter((option) => !option.deleted)
				.map((option) => option.label),
		).toEqual(['Sale', 'Call back', 'Won', 'Lost']);
	});
});

describe('Qualification → Update Option', () => {
	test('renames the option picked from the list', async () => {
		seedOptions();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'updateOption',
				qualificationOptionId: fromList('opt-callback'),
				label: 'Call back later',
			},
		});
		expect(sentTo('qualifications/options/update')).toEqual([
			{ option_id: 'opt-callback', label: 'Call back later' },
		]);
		expect(result.output).toEqual([
			{
				json: { id: 'opt-callback', _id: 'opt-callback', label: 'Call back later' },
				pairedItem: { item: 0 },
			},
		]);
		expect(t.sim.store().qualificationOptions[1].label).toBe('Call back later');
	});

	test('no option picked is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'updateOption',
				// An expression giving nothing: the editor itself refuses an empty required field.
				qualificationOptionId: byId('={{ $json.id }}'),
				label: 'x',
			},
			items: [{ id: '' }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Qualification Option" (empty) is not valid: is required',
		);
		expect(t.requestsTo('qualifications/options/update')).toHaveLength(0);
	});

	test('a deleted option is NOT_FOUND; with Continue On Fail the other items are renamed', async () => {
		seedOptions();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'updateOption',
				qualificationOptionId: byId('={{ $json.id }}'),
				label: '={{ $json.label }}',
			},
			items: [
				{ id: 'opt-old', label: 'Back' },
				{ id: 'opt-sale', label: 'Sold' },
			],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.error ?? item.json.label)).toEqual([
			expect.stringContaining(
				'"Qualification Option": inSIM found nothing with this ID: qualification option not found (NOT_FOUND)',
			),
			'Sold',
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Qualification → Delete Option', () => {
	test('deletes (soft) the option and says so', async () => {
		seedOptions();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'deleteOption',
				qualificationOptionId: byId('opt-sale'),
			},
		});
		expect(sentTo('qualifications/options/delete')).toEqual([{ option_id: 'opt-sale' }]);
		expect(result.output).toEqual([
			{ json: { id: 'opt-sale', deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(t.sim.store().qualificationOptions[0].deleted).toBe(true);
	});

	test('an empty ID is an item error; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'deleteOption',
				qualificationOptionId: fromList('={{ $json.id }}'),
			},
			items: [{ id: '  ' }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Qualification Option" "  " is not valid: is required',
		);
		expect(t.requestsTo('qualifications/options/delete')).toHaveLength(0);
	});

	test('deleting twice: the second item is NOT_FOUND (Continue On Fail), or stops the node with a summary', async () => {
		seedOptions();
		const parameters = {
			resource: 'qualification',
			operation: 'deleteOption',
			qualificationOptionId: byId('opt-callback'),
		};
		const kept = await t.run({ parameters, items: [{}, {}], continueOnFail: true });
		expect(kept.output.map((item) => item.json)).toEqual([
			{ id: 'opt-callback', deleted: true },
			expect.objectContaining({
				success: false,
				mayHaveBeenProcessed: false,
				error: expect.stringContaining(
					'"Qualification Option": inSIM found nothing with this ID: qualification option not found (NOT_FOUND)',
				),
			}),
		]);

		const stopped = await t.run({
			parameters: { ...parameters, qualificationOptionId: byId('opt-sale') },
			items: [{}, {}],
		});
		expect(stopped.error?.message).toContain(
			'"Qualification Option": inSIM found nothing with this ID: qualification option not found (NOT_FOUND). 1 item was already processed by inSIM.',
		);
	});
});

describe('Qualification → Get Stats', () => {
	test('sends the dates and returns the statistics as one item per input item', async () => {
		seedCalls();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getStats',
				options: { dateFrom: '2026-03-02', dateTo: '2026-03-31T23:00:00' },
			},
		});
		expect(sentTo('qualifications/stats')).toEqual([
			{ date_from: '2026-03-02', date_to: '2026-03-31' },
		]);
		expect(result.output).toEqual([
			{
				json: {
					date_from: '2026-03-02',
					date_to: '2026-03-31',
					total_calls: 3,
					qualified_calls: 2,
					unqualified_calls: 1,
					qualification_rate: 66.7,
					by_type: { incoming: 1, outgoing: 1, missed: 1 },
					by_option: [
						{ option_id: 'opt-callback', label: 'Call back', count: 1 },
						{ option_id: 'opt-sale', label: 'Sale', count: 1 },
					],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('without dates nothing but the credentials is sent', async () => {
		seedCalls();
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'getStats' },
		});
		expect(sentTo('qualifications/stats')).toEqual([{}]);
		expect(result.output[0].json.total_calls).toBe(4);
	});

	test('a date that is not one is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getStats',
				options: { dateTo: 'next week' },
			},
		});
		expect(result.error?.message).toBe(
			'Item 0: "To Date" "next week" is not valid: is not a date: use the date picker or YYYY-MM-DD',
		);
		expect(t.requestsTo('qualifications/stats')).toHaveLength(0);
	});

	test('with Continue On Fail, a bad item gets its error and the others their statistics', async () => {
		seedCalls();
		const result = await t.run({
			parameters: {
				resource: 'qualification',
				operation: 'getStats',
				options: { dateFrom: '={{ $json.from }}' },
			},
			items: [{ from: '2026-03-06' }, { from: 'soon' }, { from: '2026-03-10' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.total_calls ?? item.json.error)).toEqual([
			2,
			'Item 1: "From Date" "soon" is not valid: is not a date: use the date picker or YYYY-MM-DD',
			1,
		]);
		expect(t.requestsTo('qualifications/stats')).toHaveLength(2);
	});

	test('an inSIM error envelope becomes an error naming the item', async () => {
		const result = await t.run({
			parameters: { resource: 'qualification', operation: 'getStats' },
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
		});
		expect(result.error?.message).toMatch(
			/^Item 0: inSIM rejected the login or access key.*\(INVALID_CREDENTIALS\)$/,
		);
	});
});
