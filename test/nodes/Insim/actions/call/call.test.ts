import type { IDataObject } from 'n8n-workflow';

import { FREE_DEMO_ACCOUNT } from '../../../../simulator';
import type { SimCall } from '../../../../simulator/v2';
import { DEMO_ACCOUNT, byId, fromList, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2({ accounts: [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT] });

const AUTH = { login: DEMO_ACCOUNT.login, accessKey: DEMO_ACCOUNT.accessKey };
const freeCredentials = () => ({
	...t.credentials(),
	login: FREE_DEMO_ACCOUNT.login,
	apiKey: FREE_DEMO_ACCOUNT.accessKey,
});

function seedCall(fields: Partial<SimCall> & Pick<SimCall, 'id'>): SimCall {
	const call: SimCall = {
		type: 'incoming',
		phone_number: '+33612345678',
		duration_seconds: 75,
		call_time: '2026-03-01 09:00:00',
		...fields,
	};
	t.sim.store().calls.push(call);
	return call;
}

function seedOptions() {
	t.sim
		.store()
		.qualificationOptions.push(
			{ id: 'opt-hot', label: 'Hot lead', deleted: false },
			{ id: 'opt-cold', label: 'Cold lead', deleted: false },
			{ id: 'opt-gone', label: 'Hot but deleted', deleted: true },
		);
}

describe('Call → Get Many', () => {
	const getMany = (extra: IDataObject = {}) => ({
		resource: 'call',
		operation: 'getMany',
		...extra,
	});

	test('sends every filter and returns the matching calls, newest first, one item each, paired', async () => {
		seedCall({ id: 'c1', type: 'missed', duration_seconds: 0, call_time: '2026-03-02 08:00:00' });
		seedCall({ id: 'c2', type: 'missed', duration_seconds: 0, call_time: '2026-03-04 08:00:00' });
		seedCall({ id: 'c3', type: 'incoming', call_time: '2026-03-03 08:00:00' });
		seedCall({
			id: 'c4',
			type: 'missed',
			duration_seconds: 0,
			call_time: '2026-03-05 08:00:00',
			qualification: {
				option_id: 'opt-hot',
				label: 'Hot lead',
				notes: '',
				qualified_at: '2026-03-05 09:00:00',
			},
		});
		seedCall({ id: 'c5', type: 'missed', phone_number: '+33699999999' });
		seedCall({ id: 'c6', type: 'missed', call_time: '2026-04-01 08:00:00' });

		const result = await t.run({
			parameters: getMany({
				filters: {
					type: 'missed',
					phoneNumber: '+33 6 12 34 56 78',
					qualified: 'false',
					dateFrom: '2026-03-01',
					dateTo: '2026-03-31',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('calls')).toEqual([
			{
				...AUTH,
				type: 'missed',
				phone_number: '+33612345678',
				qualified: false,
				date_from: '2026-03-01',
				date_to: '2026-03-31',
				limit: 50,
			},
		]);
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 0 },
				{
					id: 'c2',
					type: 'missed',
					phone_number: '+33612345678',
					duration: '00:00:00',
					duration_seconds: 0,
					call_time: '2026-03-04 08:00:00',
					qualified: false,
					qualification: null,
				},
			],
			[
				{ item: 0 },
				{
					id: 'c1',
					type: 'missed',
					phone_number: '+33612345678',
					duration: '00:00:00',
					duration_seconds: 0,
					call_time: '2026-03-02 08:00:00',
					qualified: false,
					qualification: null,
				},
			],
		]);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('Qualified = true keeps only qualified calls; Any sends no qualified filter', async () => {
		seedCall({ id: 'plain' });
		seedCall({
			id: 'done',
			qualification: {
				option_id: 'o',
				label: 'L',
				notes: 'n',
				qualified_at: '2026-03-01 10:00:00',
			},
		});
		const qualified = await t.run({ parameters: getMany({ filters: { qualified: 'true' } }) });
		expect(qualified.output.map((item) => item.json.id)).toEqual(['done']);
		const any = await t.run({ parameters: getMany({ filters: { qualified: 'any' } }) });
		expect(any.output.map((item) => item.json.id)).toEqual(['done', 'plain']);
		expect(t.requestsTo('calls')).toEqual([
			{ ...AUTH, qualified: true, limit: 50 },
			{ ...AUTH, limit: 50 },
		]);
	});

	test('Return All follows the cursor: 250 calls in 3 requests; Limit 30 asks for 30', async () => {
		for (let index = 0; index < 250; index++) {
			seedCall({
				id: `call-${index}`,
				call_time: `2026-03-01 ${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00`,
			});
		}
		const all = await t.run({ parameters: getMany({ returnAll: true }) });
		expect(all.error).toBeUndefined();
		const requests = t.requestsTo('calls');
		expect(requests.map((body) => body.limit)).toEqual([100, 100, 100]);
		expect(requests.map((body) => typeof body.cursor)).toEqual(['undefined', 'string', 'string']);
		expect(all.output).toHaveLength(250);
		expect(all.output[0].json.id).toBe('call-249');
		expect(all.output[249].json.id).toBe('call-0');

		const limited = await t.run({ parameters: getMany({ returnAll: false, limit: 30 }) });
		expect(t.requestsTo('calls').slice(3)).toEqual([{ ...AUTH, limit: 30 }]);
		expect(limited.output).toHaveLength(30);
	});

	test('a bad phone number or Qualified value is an item error naming the field; nothing is sent', async () => {
		const badPhone = await t.run({ parameters: getMany({ filters: { phoneNumber: 'call me' } }) });
		expect(badPhone.error?.message).toMatch(/^Item 0: "Phone Number" "call me" is not valid: /);
		const badQualified = await t.run({
			parameters: getMany({ filters: { qualified: '={{ "maybe" }}' } }),
		});
		expect(badQualified.error?.message).toBe(
			'Item 0: "Qualified" "maybe" is not valid: must be any, true or false',
		);
		expect(t.requestsTo('calls')).toHaveLength(0);
	});

	test('Continue On Fail: an unknown type is VALIDATION_ERROR for its item; the other item gets its calls', async () => {
		seedCall({ id: 'in', type: 'incoming' });
		seedCall({ id: 'out', type: 'outgoing' });
		const result = await t.run({
			parameters: getMany({ filters: { type: '={{ $json.type }}' } }),
			items: [{ type: 'outgoing' }, { type: 'fax' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual(
			[
				[{ item: 0 }, 'out'],
				[
					{ item: 1 },
					expect.stringContaining(
						'"Type": inSIM refused a value: type: must be one of all, incoming, outgoing, missed, blocked, voicemail (VALIDATION_ERROR)',
					),
				],
			],
		);
	});
});

describe('Call → Qualify', () => {
	const qualify = (extra: IDataObject = {}) => ({
		resource: 'call',
		operation: 'qualify',
		callId: '={{ $json.call }}',
		qualificationOptionId: fromList('opt-hot'),
		notes: '={{ $json.notes }}',
		...extra,
	});

	test('sends call, option and notes; the call gets its qualification; output paired', async () => {
		seedOptions();
		seedCall({ id: 'call-1' });
		const result = await t.run({
			parameters: qualify(),
			items: [{ call: 'call-1', notes: 'Wants a quote' }],
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('calls/qualify')).toEqual([
			{ ...AUTH, call_id: 'call-1', option_id: 'opt-hot', notes: 'Wants a quote' },
		]);
		const qualification = t.sim.store().calls[0].qualification;
		expect(qualification).toMatchObject({
			option_id: 'opt-hot',
			label: 'Hot lead',
			notes: 'Wants a quote',
		});
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 0 },
				{
					call_id: 'call-1',
					option_id: 'opt-hot',
					notes: 'Wants a quote',
					id: 'call-1',
					type: 'incoming',
					phone_number: '+33612345678',
					duration: '00:01:15',
					duration_seconds: 75,
					call_time: '2026-03-01 09:00:00',
					qualified: true,
					qualification: { ...qualification },
				},
			],
		]);
	});

	test('By ID works too, and empty notes are not sent', async () => {
		seedOptions();
		seedCall({ id: 'call-1' });
		const result = await t.run({
			parameters: qualify({ qualificationOptionId: byId('opt-cold'), notes: '' }),
			items: [{ call: 'call-1' }],
		});
		expect(result.error).toBeUndefined();
		expect(t.requestsTo('calls/qualify')).toEqual([
			{ ...AUTH, call_id: 'call-1', option_id: 'opt-cold' },
		]);
		expect(result.output[0].json.qualification).toMatchObject({ label: 'Cold lead', notes: '' });
	});

	test('an empty Call ID or option is an item error naming the field; nothing is sent', async () => {
		const noCall = await t.run({ parameters: qualify(), items: [{ call: ' ' }] });
		expect(noCall.error?.message).toBe('Item 0: "Call ID" " " is not valid: is required');
		const noOption = await t.run({
			parameters: qualify({ qualificationOptionId: byId('={{ $json.option }}') }),
			items: [{ call: 'call-1', option: '' }],
		});
		expect(noOption.error?.message).toBe(
			'Item 0: "Qualification Option" (empty) is not valid: is required',
		);
		expect(t.requestsTo('calls/qualify')).toHaveLength(0);
	});

	test('an unknown or deleted option is NOT_FOUND naming the item and the field (HTTP 404 and 200)', async () => {
		seedOptions();
		seedCall({ id: 'call-1' });
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200 });
			const result = await t.run({
				parameters: qualify({ qualificationOptionId: byId('opt-gone') }),
				items: [{ call: 'call-1' }],
			});
			expect(result.error?.message).toContain(
				'"Qualification Option": inSIM found nothing with this ID: Qualification option not found (NOT_FOUND)',
			);
		}
		expect(t.sim.store().calls[0].qualification).toBeUndefined();
	});

	test('Continue On Fail: an unknown call fails its item only', async () => {
		seedOptions();
		seedCall({ id: 'call-1' });
		const result = await t.run({
			parameters: qualify(),
			items: [{ call: 'missing' }, { call: 'call-1', notes: 'ok' }],
			continueOnFail: true,
		});
		expect(
			result.output.map((item) => [item.pairedItem, item.json.qualified ?? item.json.error]),
		).toEqual([
			[
				{ item: 0 },
				expect.stringContaining(
					'"Call ID": inSIM found nothing with this ID: Call not found (NOT_FOUND)',
				),
			],
			[{ item: 1 }, true],
		]);
		expect(result.output[0].json.mayHaveBeenProcessed).toBe(false);
	});

	test('the qualification option picker searches by label', async () => {
		seedOptions();
		const found = await t.listSearch('searchQualificationOptions', 'hot');
		expect(found.error).toBeUndefined();
		expect(found.results).toEqual([{ name: 'Hot lead', value: 'opt-hot' }]);
	});
});

describe('Call → Click-to-Call with API Version v2', () => {
	const callV2 = (options: IDataObject = {}) => ({
		resource: 'call',
		operation: 'clickToCall',
		phoneNumber: '={{ $json.phone }}',
		options: { apiVersion: 'v2', ...options },
	});

	test('posts a flat { phone_number } to /v2/clictocall; one request per item, paired', async () => {
		const result = await t.run({
			parameters: callV2(),
			items: [{ phone: '+33 6 12 34 56 78' }, { phone: '+14155550100' }],
		});
		expect(result.error).toBeUndefined();
		expect(t.sim.requests.map((request) => request.path)).toEqual([
			'/v2/clictocall',
			'/v2/clictocall',
		]);
		expect(t.requestsTo('clictocall')).toEqual([
			{ ...AUTH, phone_number: '+33612345678' },
			{ ...AUTH, phone_number: '+14155550100' },
		]);
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[{ item: 0 }, { success: true, phone_number: '+33612345678' }],
			[{ item: 1 }, { success: true, phone_number: '+14155550100' }],
		]);
		expect(t.sim.calls.map((call) => call.phone_number)).toEqual(['+33612345678', '+14155550100']);
	});

	test('an invalid number is an item error and is never dialled', async () => {
		const result = await t.run({
			parameters: callV2(),
			items: [{ phone: 'x' }, { phone: '+33612345678' }],
			continueOnFail: true,
		});
		expect(result.output[0].json.error).toMatch(/^Item 0: "Phone Number" "x" is not valid: /);
		expect(result.output[1].json.success).toBe(true);
		expect(t.requestsTo('clictocall')).toEqual([{ ...AUTH, phone_number: '+33612345678' }]);
	});

	test('a free plan gets LICENSE_REQUIRED naming the item; later items are not called', async () => {
		const result = await t.run({
			parameters: callV2(),
			items: [{ phone: '+33612345678' }, { phone: '+33612345679' }],
			credentials: freeCredentials(),
			continueOnFail: true,
		});
		expect(t.requestsTo('clictocall')).toHaveLength(1);
		expect(result.output[0].json.error).toContain(
			'This inSIM feature needs a paid plan: clictocall requires a premium subscription (LICENSE_REQUIRED)',
		);
		expect(result.output[0].json.mayHaveBeenProcessed).toBe(false);
		expect(result.output[1].json.error).toMatch(
			/^Item 1: not sent, because an earlier request failed: This inSIM feature/,
		);
		expect(t.sim.calls).toHaveLength(0);
	});

	test('a phone that is not connected is explained; with Continue On Fail later items are not called', async () => {
		t.sim.setOptions({ phoneConnected: false });
		const stopped = await t.run({ parameters: callV2(), items: [{ phone: '+33612345678' }] });
		expect(stopped.error?.message).toBe(
			'Item 0: inSIM could not start the call to +33612345678: inSIM refused the request to /v2/clictocall: The phone is not connected: open the inSIM app on the phone (DEVICE_NOT_CONNECTED)',
		);
		expect(stopped.error?.description).toMatch(/not connected or the inSIM app is not running/);

		const continued = await t.run({
			parameters: callV2(),
			items: [{ phone: '+33612345678' }, { phone: '+33612345679' }],
			continueOnFail: true,
		});
		expect(continued.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(continued.output[1].json.error).toMatch(
			/^Item 1: not sent, because an earlier request failed: inSIM could not start the call/,
		);
		expect(t.requestsTo('clictocall')).toHaveLength(2);
	});
});
