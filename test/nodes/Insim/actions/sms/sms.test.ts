import type { IDataObject } from 'n8n-workflow';

import { matchStatuses } from '../../../../../nodes/Insim/actions/sms/getDeliveryStatus.operation';
import { FREE_DEMO_ACCOUNT } from '../../../../simulator';
import type { SimSms } from '../../../../simulator/v2';
import { DEMO_ACCOUNT, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2({ accounts: [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT] });

const AUTH = { login: DEMO_ACCOUNT.login, accessKey: DEMO_ACCOUNT.accessKey };
const freeCredentials = () => ({
	...t.credentials(),
	login: FREE_DEMO_ACCOUNT.login,
	apiKey: FREE_DEMO_ACCOUNT.accessKey,
});

/** Adds an SMS to the simulator's history. */
function seedSms(fields: Partial<SimSms> & Pick<SimSms, 'direction' | 'phone_number'>): SimSms {
	return t.sim.store().recordSms({ message: 'Hello', ...fields });
}

const paired = (result: { output: Array<{ pairedItem?: unknown }> }) =>
	result.output.map((item) => item.pairedItem);

describe('SMS → Get Many', () => {
	const getMany = (extra: IDataObject = {}) => ({
		resource: 'sms',
		operation: 'getMany',
		...extra,
	});

	test('sends every filter, keeps the matching SMS, newest first, simplified, paired', async () => {
		seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'Old',
			date: '2026-01-05 10:00:00',
			status: 'delivered',
		});
		seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'New',
			date: '2026-01-20 09:30:00',
			status: 'delivered',
			url: 'https://example.com',
			short_url: 'https://arsms.co/abcdefabcdef',
		});
		seedSms({
			direction: 'inbound',
			phone_number: '+33612345678',
			date: '2026-01-10 08:00:00',
		});
		seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			date: '2026-01-11 08:00:00',
			status: 'pending',
		});
		seedSms({
			direction: 'outbound',
			phone_number: '+33699999999',
			date: '2026-01-11 08:00:00',
			status: 'delivered',
		});
		seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			date: '2026-02-01 08:00:00',
			status: 'delivered',
		});

		const result = await t.run({
			parameters: getMany({
				filters: {
					direction: 'outbound',
					phoneNumber: '06 12 34 56 78',
					dateFrom: '2026-01-01',
					dateTo: '2026-01-31',
					status: 'sms_receive',
				},
			}),
			items: [{ a: 1 }],
		});

		expect(result.error).toBeUndefined();
		expect(t.requestsTo('sms')).toEqual([
			{
				...AUTH,
				direction: 'outbound',
				phone_number: '0612345678',
				date_from: '2026-01-01',
				date_to: '2026-01-31',
				status: 'sms_receive',
				limit: 50,
			},
		]);
		const store = t.sim.store();
		expect(result.output.map((item) => item.json)).toEqual([
			{
				id: store.sms[1].id,
				direction: 'outbound',
				phone_number: '+33612345678',
				message: 'New',
				status: 'delivered',
				date: '2026-01-20 09:30:00',
			},
			{
				id: store.sms[0].id,
				direction: 'outbound',
				phone_number: '+33612345678',
				message: 'Old',
				status: 'delivered',
				date: '2026-01-05 10:00:00',
			},
		]);
		expect(paired(result)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('Simplify off returns the whole record', async () => {
		const sms = seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			date: '2026-01-20 09:30:00',
			url: 'https://example.com',
			short_url: 'https://arsms.co/abcdefabcdef',
		});
		const result = await t.run({ parameters: getMany({ simplify: false }) });
		expect(result.output.map((item) => item.json)).toEqual([
			{
				id: sms.id,
				direction: 'outbound',
				phone_number: '+33612345678',
				message: 'Hello',
				date: '2026-01-20 09:30:00',
				status: 'pending',
				url: 'https://example.com',
				short_url: 'https://arsms.co/abcdefabcdef',
				click_count: 0,
			},
		]);
		expect(t.requestsTo('sms')).toEqual([{ ...AUTH, limit: 50 }]);
	});

	test('Return All follows the cursor: 250 SMS in 3 requests of up to 100', async () => {
		for (let index = 0; index < 250; index++) {
			seedSms({
				direction: 'inbound',
				phone_number: '+33612345678',
				message: `SMS ${index}`,
				date: `2026-01-01 00:${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`,
			});
		}
		const result = await t.run({ parameters: getMany({ returnAll: true }) });
		expect(result.error).toBeUndefined();
		const requests = t.requestsTo('sms');
		expect(requests.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(requests[0].cursor).toBeUndefined();
		expect(typeof requests[1].cursor).toBe('string');
		expect(requests[2].cursor).not.toBe(requests[1].cursor);
		expect(result.output).toHaveLength(250);
		expect(result.output[0].json.message).toBe('SMS 249');
		expect(result.output[249].json.message).toBe('SMS 0');
		expect(new Set(result.output.map((item) => item.json.id)).size).toBe(250);
	});

	test('Limit asks for no more than needed: 120 of 250 in two requests (100 + 20)', async () => {
		for (let index = 0; index < 250; index++) {
			seedSms({ direction: 'outbound', phone_number: '+33612345678', message: `SMS ${index}` });
		}
		const result = await t.run({ parameters: getMany({ returnAll: false, limit: 120 }) });
		expect(t.requestsTo('sms').map((body) => body.limit)).toEqual([100, 20]);
		expect(result.output).toHaveLength(120);
	});

	test('a bad phone number filter or a To Date before the From Date is an item error; nothing is sent', async () => {
		const badPhone = await t.run({ parameters: getMany({ filters: { phoneNumber: 'abc' } }) });
		expect(badPhone.error?.message).toMatch(/^Item 0: "Phone Number" "abc" is not valid: /);

		const badRange = await t.run({
			parameters: getMany({ filters: { dateFrom: '2026-02-01', dateTo: '2026-01-01' } }),
		});
		expect(badRange.error?.message).toBe(
			'Item 0: "To Date" "2026-01-01" is not valid: is before From Date 2026-02-01',
		);
		expect(t.requestsTo('sms')).toHaveLength(0);
	});

	test('inSIM refusing a direction is an error naming the item and the field (HTTP 400 and 200)', async () => {
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200 });
			const result = await t.run({
				parameters: getMany({ filters: { direction: '={{ "sideways" }}' } }),
			});
			expect(result.error?.message).toContain(
				'"Direction": inSIM refused a value: direction: must be one of all, inbound, outbound (VALIDATION_ERROR)',
			);
		}
	});

	test('Continue On Fail: the good item gets its SMS, the bad one an error item, each paired', async () => {
		seedSms({ direction: 'inbound', phone_number: '+33612345678', message: 'In' });
		seedSms({ direction: 'outbound', phone_number: '+33612345678', message: 'Out' });
		const result = await t.run({
			parameters: getMany({ filters: { direction: '={{ $json.direction }}' } }),
			items: [{ direction: 'bogus' }, { direction: 'inbound' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(
			result.output.map((item) => [item.pairedItem, item.json.message ?? item.json.error]),
		).toEqual([
			[
				{ item: 0 },
				expect.stringContaining(
					'"Direction": inSIM refused a value: direction: must be one of all, inbound, outbound (VALIDATION_ERROR)',
				),
			],
			[{ item: 1 }, 'In'],
		]);
	});
});

describe('SMS → Get', () => {
	test('returns the SMS with its link clicks, one item per input item, paired', async () => {
		const sms = seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'See https://arsms.co/abcdefabcdef',
			date: '2026-01-20 09:30:00',
			status: 'delivered',
			url: 'https://example.com/offer',
			short_url: 'https://arsms.co/abcdefabcdef',
		});
		sms.clicks.push({ clicked_at: '2026-01-20 10:00:00', link: 'https://example.com/offer' });
		const result = await t.run({
			parameters: { resource: 'sms', operation: 'get', smsId: '={{ $json.id }}' },
			items: [{ id: sms.id }, { id: ` ${sms.id} ` }],
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('sms/detail')).toEqual([
			{ ...AUTH, sms_id: sms.id },
			{ ...AUTH, sms_id: sms.id },
		]);
		expect(result.output[0].json).toEqual({
			id: sms.id,
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'See https://arsms.co/abcdefabcdef',
			date: '2026-01-20 09:30:00',
			status: 'delivered',
			url: 'https://example.com/offer',
			short_url: 'https://arsms.co/abcdefabcdef',
			click_count: 1,
			clicks: [{ clicked_at: '2026-01-20 10:00:00', link: 'https://example.com/offer' }],
		});
		expect(paired(result)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('an empty SMS ID is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: { resource: 'sms', operation: 'get', smsId: '={{ $json.id }}' },
			items: [{ id: '  ' }],
		});
		expect(result.error?.message).toBe('Item 0: "SMS ID" "  " is not valid: is required');
		expect(t.requestsTo('sms/detail')).toHaveLength(0);
	});

	test('an unknown ID is NOT_FOUND naming the item and the field; Continue On Fail keeps the others', async () => {
		const sms = seedSms({ direction: 'inbound', phone_number: '+33612345678' });
		const result = await t.run({
			parameters: { resource: 'sms', operation: 'get', smsId: '={{ $json.id }}' },
			items: [{ id: 'nope' }, { id: sms.id }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual(
			[
				[
					{ item: 0 },
					expect.stringContaining(
						'"SMS ID": inSIM found nothing with this ID: SMS not found (NOT_FOUND)',
					),
				],
				[{ item: 1 }, sms.id],
			],
		);
	});
});

describe('SMS → Get Conversation', () => {
	test('the last Limit messages with the number, oldest first, one item per message', async () => {
		seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'A',
			date: '2026-01-01 10:00:00',
		});
		seedSms({
			direction: 'inbound',
			phone_number: '+33612345678',
			message: 'B',
			date: '2026-01-01 10:05:00',
		});
		seedSms({
			direction: 'outbound',
			phone_number: '+33699999999',
			message: 'other',
			date: '2026-01-01 10:06:00',
		});
		seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'C',
			date: '2026-01-01 10:07:00',
		});
		const result = await t.run({
			parameters: {
				resource: 'sms',
				operation: 'getConversation',
				phoneNumber: '+33 6 12 34 56 78',
				limit: 2,
			},
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('sms/conversation')).toEqual([
			{ ...AUTH, phone_number: '+33612345678', limit: 2 },
		]);
		expect(result.output.map((item) => [item.json.message, item.json.direction])).toEqual([
			['B', 'inbound'],
			['C', 'outbound'],
		]);
		expect(paired(result)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('a Limit above 100 or a bad number is an item error; nothing is sent', async () => {
		const tooMany = await t.run({
			parameters: {
				resource: 'sms',
				operation: 'getConversation',
				phoneNumber: '+33612345678',
				limit: 101,
			},
		});
		expect(tooMany.error?.message).toBe('Item 0: "Limit" "101" is not valid: must be at most 100');
		const badPhone = await t.run({
			parameters: { resource: 'sms', operation: 'getConversation', phoneNumber: 'hello' },
		});
		expect(badPhone.error?.message).toMatch(/^Item 0: "Phone Number" "hello" is not valid: /);
		expect(t.requestsTo('sms/conversation')).toHaveLength(0);
	});

	test('Continue On Fail: a wrong access key is reported per item, later items are not sent', async () => {
		const result = await t.run({
			parameters: { resource: 'sms', operation: 'getConversation', phoneNumber: '+33612345678' },
			items: [{}, {}],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[
				{ item: 0 },
				'Item 0: inSIM rejected the login or access key: Invalid login or access key (INVALID_CREDENTIALS)',
			],
			[
				{ item: 1 },
				'Item 1: not sent, because an earlier request failed: inSIM rejected the login or access key: Invalid login or access key (INVALID_CREDENTIALS)',
			],
		]);
		expect(t.requestsTo('sms/conversation')).toHaveLength(1);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});
});

describe('SMS → Get Delivery Status', () => {
	const statusParameters = {
		resource: 'sms',
		operation: 'getDeliveryStatus',
		smsId: '={{ $json.id }}',
	};

	test('ids of many items go in one request, each asked once; each status goes to its own items', async () => {
		const delivered = seedSms({
			direction: 'outbound',
			phone_number: '+33612345678',
			message: 'Your parcel arrives tomorrow between 8 and 12, reply STOP to opt out',
			status: 'delivered',
		});
		const failed = seedSms({
			direction: 'outbound',
			phone_number: '+33699999999',
			message: 'Hi',
			status: 'failed',
		});
		const result = await t.run({
			parameters: statusParameters,
			items: [{ id: delivered.id }, { id: 'unknown-id' }, { id: failed.id }, { id: delivered.id }],
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('sms/delivery_status')).toEqual([
			{ ...AUTH, sms_ids: [delivered.id, 'unknown-id', failed.id] },
		]);
		const deliveredJson = {
			sms_id: delivered.id,
			phone_number: '+33612345678',
			delivery_status: 'delivered',
			description: 'Delivered to the recipient',
			message_preview: 'Your parcel arrives tomorrow between 8 and 12, rep…',
		};
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[{ item: 0 }, deliveredJson],
			[
				{ item: 1 },
				{
					sms_id: 'unknown-id',
					phone_number: '',
					delivery_status: 'not_found',
					description: 'No SMS with this id',
					message_preview: '',
				},
			],
			[
				{ item: 2 },
				{
					sms_id: failed.id,
					phone_number: '+33699999999',
					delivery_status: 'failed',
					description: 'The phone could not send it',
					message_preview: 'Hi',
				},
			],
			[{ item: 3 }, deliveredJson],
		]);
	});

	test('201 ids take 3 requests: 100 and 100 as sms_ids, the last single one as sms_id', async () => {
		const statuses = ['delivered', 'sent', 'pending', 'failed', 'blocked'];
		const seeded = Array.from({ length: 201 }, (_, index) =>
			seedSms({
				direction: 'outbound',
				phone_number: `+336${String(10000000 + index)}`,
				status: statuses[index % statuses.length],
			}),
		);
		const result = await t.run({
			parameters: statusParameters,
			items: seeded.map((sms) => ({ id: sms.id })),
		});
		expect(result.error).toBeUndefined();
		const requests = t.requestsTo('sms/delivery_status');
		expect(
			requests.map((body) => (body.sms_ids as string[] | undefined)?.length ?? body.sms_id),
		).toEqual([100, 100, seeded[200].id]);
		expect(requests[2].sms_ids).toBeUndefined();
		expect(result.output).toHaveLength(201);
		result.output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.sms_id).toBe(seeded[index].id);
			expect(item.json.phone_number).toBe(seeded[index].phone_number);
			expect(item.json.delivery_status).toBe(statuses[index % statuses.length]);
		});
	});

	test('one unknown id asked alone (inSIM answers NOT_FOUND) is a not_found item, not a failure', async () => {
		const result = await t.run({ parameters: statusParameters, items: [{ id: 'gone' }] });
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('sms/delivery_status')).toEqual([{ ...AUTH, sms_id: 'gone' }]);
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 0 },
				{
					sms_id: 'gone',
					delivery_status: 'not_found',
					description: 'inSIM has no SMS with this ID',
				},
			],
		]);
	});

	test('an empty or multi-ID value is an item error naming the field; without Continue On Fail nothing is sent', async () => {
		const sms = seedSms({ direction: 'outbound', phone_number: '+33612345678', status: 'sent' });
		const items = [{ id: sms.id }, { id: '' }, { id: 'a, b' }];
		const stopped = await t.run({ parameters: statusParameters, items });
		expect(stopped.error?.message).toBe('Item 1: "SMS ID" (empty) is not valid: is required');
		expect(t.requestsTo('sms/delivery_status')).toHaveLength(0);

		const continued = await t.run({ parameters: statusParameters, items, continueOnFail: true });
		expect(
			continued.output.map((item) => [
				item.pairedItem,
				item.json.delivery_status ?? item.json.error,
			]),
		).toEqual([
			[{ item: 0 }, 'sent'],
			[{ item: 1 }, 'Item 1: "SMS ID" (empty) is not valid: is required'],
			[
				{ item: 2 },
				'Item 2: "SMS ID" "a, b" is not valid: must be one SMS ID, without spaces, commas or semicolons (use one item per SMS)',
			],
		]);
		expect(t.requestsTo('sms/delivery_status')).toEqual([{ ...AUTH, sms_id: sms.id }]);
	});

	test('an API error names every item of its request; after a fatal one later requests are not made', async () => {
		const items = Array.from({ length: 150 }, (_, index) => ({ id: `id-${index}` }));
		const result = await t.run({
			parameters: statusParameters,
			items,
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(t.requestsTo('sms/delivery_status')).toHaveLength(1);
		expect(result.output).toHaveLength(150);
		expect(result.output[0].json.error).toBe(
			'Item 0: inSIM rejected the login or access key: Invalid login or access key (INVALID_CREDENTIALS) (request for items 0–99)',
		);
		expect(result.output[99].json.error).toBe(
			'Item 99: inSIM rejected the login or access key: Invalid login or access key (INVALID_CREDENTIALS) (request for items 0–99)',
		);
		expect(result.output[99].json.errorDescription).toContain(
			'The failed request carried items 0–99.',
		);
		expect(result.output[100].json.error).toBe(
			'Item 100: not sent, because an earlier request failed: inSIM rejected the login or access key: Invalid login or access key (INVALID_CREDENTIALS)',
		);
		expect(result.output.map((item) => item.pairedItem)).toEqual(
			items.map((_, index) => ({ item: index })),
		);
		expect(serialised(result)).not.toContain('wrong-key-123456');

		const stopped = await t.run({
			parameters: statusParameters,
			items: [{ id: 'x' }, { id: 'y' }],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
		});
		expect(stopped.error?.message).toBe(
			'Item 0: inSIM rejected the login or access key: Invalid login or access key (INVALID_CREDENTIALS) (request for items 0–1)',
		);
	});

	test('statuses are matched by the id they carry, else by position, else not at all', () => {
		const a = { sms_id: 'a', delivery_status: 'sent' };
		const b = { sms_id: 'b', delivery_status: 'failed' };
		expect(matchStatuses([b, a], ['a', 'b'])).toEqual(
			new Map([
				['b', b],
				['a', a],
			]),
		);
		// An entry for an id not asked for is ignored; a missing id stays unmatched.
		expect(matchStatuses([a, { sms_id: 'z' }], ['a', 'b'])).toEqual(new Map([['a', a]]));
		const first = { delivery_status: 'sent' };
		const second = { delivery_status: 'pending' };
		expect(matchStatuses([first, second], ['a', 'b'])).toEqual(
			new Map([
				['a', first],
				['b', second],
			]),
		);
		expect(matchStatuses([first], ['a', 'b'])).toBeUndefined();
		expect(matchStatuses([], ['a'])).toBeUndefined();
	});
});

describe('SMS → Send with API Version v2', () => {
	const sendV2 = (options: IDataObject = {}) => ({
		resource: 'sms',
		operation: 'send',
		phoneNumber: '={{ $json.phone }}',
		message: '=Hello {{ $json.name }}',
		options: { apiVersion: 'v2', ...options },
	});

	test('sends the v2 batch body (priority, not priorite) and maps each result back by position', async () => {
		const result = await t.run({
			parameters: sendV2({ priority: 2 }),
			items: [
				{ phone: '+33 6 12 34 56 78', name: 'Ann' },
				{ phone: '+14155550100', name: 'Bob' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('sendsms')).toEqual([
			{
				...AUTH,
				messages: [
					// `url` and `priority` always, as the vendor's clients send them.
					{ phone_number: '+33612345678', message: 'Hello Ann', url: '', priority: 2 },
					{ phone_number: '+14155550100', message: 'Hello Bob', url: '', priority: 2 },
				],
			},
		]);
		expect(t.sim.requests.filter((request) => request.path === '/v1/sendsms')).toHaveLength(0);
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 0 },
				{
					success: true,
					phone_number: '+33612345678',
					message: 'Hello Ann',
					sent: 1,
					sms_per_message: 1,
					encoding: 'GSM-7',
					estimatedSegments: 1,
					characters: 9,
					priority: 2,
				},
			],
			[
				{ item: 1 },
				{
					success: true,
					phone_number: '+14155550100',
					message: 'Hello Bob',
					sent: 1,
					sms_per_message: 1,
					encoding: 'GSM-7',
					estimatedSegments: 1,
					characters: 9,
					priority: 2,
				},
			],
		]);
		expect(t.sim.sentMessages().map((message) => message.phone_number)).toEqual([
			'+33612345678',
			'+14155550100',
		]);
		expect(t.sim.store().sms.map((sms) => [sms.direction, sms.message])).toEqual([
			['outbound', 'Hello Ann'],
			['outbound', 'Hello Bob'],
		]);
	});

	test('150 items with Batch Size 100 take two requests; a message the phone refuses fails only its item', async () => {
		t.sim.setOptions({ failPhoneNumbers: ['+33610000005'] });
		const items = Array.from({ length: 150 }, (_, index) => ({
			phone: `+336${String(10000000 + index)}`,
			name: `C${index}`,
		}));
		const result = await t.run({ parameters: sendV2(), items, continueOnFail: true });
		expect(t.requestsTo('sendsms').map((body) => (body.messages as unknown[]).length)).toEqual([
			100, 50,
		]);
		expect(result.output).toHaveLength(150);
		expect(
			result.output.filter((item) => item.json.success !== true).map((item) => item.pairedItem),
		).toEqual([{ item: 5 }]);
		expect(result.output[5].json.error).toBe(
			'Item 5: inSIM did not send the SMS to +33610000005 (sent: 0): the phone could not send this message',
		);
		expect(t.sim.sentMessages()).toHaveLength(149);
	});

	test('a Custom Message ID is refused for v2 before anything is sent', async () => {
		const result = await t.run({
			parameters: sendV2({ messageId: 'order-1' }),
			items: [{ phone: '+33612345678', name: 'Ann' }],
		});
		expect(result.error?.message).toBe(
			'Item 0: "Custom Message ID" "order-1" is not valid: API v2 takes no custom message ID: choose API Version v1',
		);
		expect(t.sim.requests).toHaveLength(0);
	});

	test('a free plan gets LICENSE_REQUIRED; nothing is sent and later batches are not tried', async () => {
		const result = await t.run({
			parameters: sendV2({ batchSize: 1 }),
			items: [
				{ phone: '+33612345678', name: 'Ann' },
				{ phone: '+33612345679', name: 'Bob' },
			],
			credentials: freeCredentials(),
			continueOnFail: true,
		});
		expect(t.requestsTo('sendsms')).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({
			success: false,
			phone_number: '+33612345678',
			mayHaveBeenProcessed: false,
		});
		expect(result.output[0].json.error).toMatch(/^Item 0: This inSIM feature needs a paid plan/);
		expect(result.output[1].json.error).toMatch(
			/^Item 1: not sent, because an earlier request failed: This inSIM feature/,
		);
		expect(t.sim.sentMessages()).toHaveLength(0);
	});

	test('v1 stays the default: without the option the request goes to /v1/sendsms', async () => {
		const result = await t.run({
			parameters: { ...sendV2(), options: {} },
			items: [{ phone: '+33612345678', name: 'Ann' }],
		});
		expect(result.error).toBeUndefined();
		expect(t.sim.requests.map((request) => request.path)).toEqual(['/v1/sendsms']);
		expect(typeof result.output[0].json.id_sms_api).toBe('string');
	});
});
