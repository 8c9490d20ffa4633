import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_ACCOUNT, startSimulator } from '../../simulator';
import type { Simulator } from '../../simulator';
import type { RunOptions } from '../../engine/harness';
import { runInsimNode } from '../../engine/harness';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
beforeEach(() => {
	sim.reset();
	sim.setOptions({ singleObjectResponse: false, failPhoneNumbers: [], phoneConnected: true });
});
afterAll(async () => sim.close());

const goodCredentials = () => ({
	login: DEMO_ACCOUNT.login,
	apiKey: DEMO_ACCOUNT.accessKey,
	baseUrl: sim.baseUrl,
});

const run = (
	options: Omit<RunOptions, 'credentials'> & { credentials?: RunOptions['credentials'] },
) => runInsimNode({ credentials: goodCredentials(), ...options });

const phoneAt = (index: number) => `+3361${String(1000000 + index).slice(-7)}`;
const customers = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		phone: phoneAt(index),
		name: `Customer ${index}`,
	}));

const sendParameters = (options: INodeParameters = {}) => ({
	resource: 'sms',
	operation: 'send',
	phoneNumber: '={{ $json.phone }}',
	message: '=Hello {{ $json.name }}',
	options,
});

/** Everything the engine and the node produced, serialised: where the access key must not be. */
function everything(result: Awaited<ReturnType<typeof runInsimNode>>): string {
	const seen = new WeakSet();
	return JSON.stringify(
		{
			output: result.output,
			errorOutput: result.errorOutput,
			error: result.error,
			run: result.run,
		},
		function (_key, value) {
			if (typeof value === 'object' && value !== null) {
				if (seen.has(value)) return '[circular]';
				seen.add(value);
				if (value instanceof Error) {
					const copy: Record<string, unknown> = {};
					for (const name of Object.getOwnPropertyNames(value)) {
						copy[name] = (value as unknown as Record<string, unknown>)[name];
					}
					return copy;
				}
			}
			return value;
		},
	);
}

describe('SMS → Send', () => {
	test('250 items go out in 3 requests, one output item per input item, in order, paired', async () => {
		const items = customers(250);
		const result = await run({ parameters: sendParameters(), items });

		expect(result.error).toBeUndefined();
		const smsRequests = sim.requests.filter((request) => request.path === '/v1/sendsms');
		expect(
			smsRequests.map(
				(request) => (request.body as IDataObject[] & { messages: unknown[] }).messages.length,
			),
		).toEqual([100, 100, 50]);
		expect(result.output).toHaveLength(250);
		result.output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.success).toBe(true);
			expect(item.json.phone_number).toBe(phoneAt(index));
			expect(item.json.message).toBe(`Hello Customer ${index}`);
			expect(typeof item.json.id_sms_api).toBe('string');
			expect(item.json.sms_per_message).toBe(1);
			expect(item.json.encoding).toBe('GSM-7');
			expect(item.json.estimatedSegments).toBe(1);
		});
		expect(sim.sentMessages()).toHaveLength(250);
		expect(everything(result)).not.toContain(DEMO_ACCOUNT.accessKey);
		// The node reads the credential once; n8n's authenticated request reads it per request.
		expect(result.credentialsHelper.decryptCount).toBe(1 + smsRequests.length);
	});

	test('auth rides in the body header, never in an HTTP header', async () => {
		await run({ parameters: sendParameters(), items: customers(1) });
		const [request] = sim.requests;
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect((request.body as IDataObject).header).toEqual({
			login: DEMO_ACCOUNT.login,
			accessKey: DEMO_ACCOUNT.accessKey,
		});
		expect(JSON.stringify(request.headers)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('batch size option: 7 items with batch size 3 → 3 requests; batch size 1 → 7', async () => {
		await run({ parameters: sendParameters({ batchSize: 3 }), items: customers(7) });
		expect(
			sim.requests.map((request) => (request.body as { messages: unknown[] }).messages.length),
		).toEqual([3, 3, 1]);
		sim.reset();
		await run({ parameters: sendParameters({ batchSize: 1 }), items: customers(7) });
		expect(sim.requests).toHaveLength(7);
	});

	test('every option reaches the wire: url, priorite, date_to_send, id_sms_api', async () => {
		const result = await run({
			parameters: {
				...sendParameters({
					trackedUrl: 'https://example.com/confirm',
					priority: 2,
					scheduledDate: '2026-12-24T09:30:00',
					timeZone: 'Europe/Paris',
					messageId: '={{ "order-" + $json.name.split(" ")[1] }}',
				}),
				message: '=Hi {{ $json.name }}, confirm here: [link]',
			},
			items: customers(2),
		});
		expect(result.error).toBeUndefined();
		const messages = (sim.requests[0].body as { messages: IDataObject[] }).messages;
		expect(messages[0]).toEqual({
			phone_number: phoneAt(0),
			message: 'Hi Customer 0, confirm here: [link]',
			url: 'https://example.com/confirm',
			priorite: 2,
			date_to_send: '2026-12-24 09:30:00',
			id_sms_api: 'order-0',
		});
		const [first] = result.output;
		expect(first.json.id_sms_api).toBe('order-0');
		expect(first.json.message).toMatch(
			/^Hi Customer 0, confirm here: https:\/\/arsms\.co\/\w{12}$/,
		);
		expect(first.json.scheduledFor).toBe('2026-12-24 09:30:00');
		expect(first.json.scheduledForIso).toBe('2026-12-24T09:30:00+01:00');
		// inSIM echoes the wall time with a Z; sentTimeIso is the real instant beside it.
		expect(first.json.sent_time).toBe('2026-12-24T09:30:00.000Z');
		expect(first.json.sentTimeIso).toBe('2026-12-24T09:30:00+01:00');
		expect(first.json.scheduleTimeZone).toBe('Europe/Paris');
		expect(first.json.priority).toBe(2);
		expect(first.json.trackedUrl).toBe('https://example.com/confirm');
	});

	test('scheduled date defaults to the workflow time zone and converts instants into it', async () => {
		const result = await run({
			parameters: sendParameters({ scheduledDate: '2026-07-01T08:00:00Z' }),
			items: customers(1),
			timezone: 'America/New_York',
		});
		expect((sim.requests[0].body as { messages: IDataObject[] }).messages[0].date_to_send).toBe(
			'2026-07-01 04:00:00',
		);
		expect(result.output[0].json.scheduleTimeZone).toBe('America/New_York');
		expect(result.output[0].json.scheduledForIso).toBe('2026-07-01T04:00:00-04:00');
	});

	test('a date without offset is never shifted, whatever the zone', async () => {
		await run({
			parameters: sendParameters({
				scheduledDate: '2026-03-10T23:15:00',
				timeZone: 'Asia/Kolkata',
			}),
			items: customers(1),
			timezone: 'Pacific/Chatham',
		});
		expect((sim.requests[0].body as { messages: IDataObject[] }).messages[0].date_to_send).toBe(
			'2026-03-10 23:15:00',
		);
	});

	test('no priority option → no priorite field (inSIM default); output shows Normal (1)', async () => {
		const result = await run({ parameters: sendParameters(), items: customers(1) });
		expect((sim.requests[0].body as { messages: IDataObject[] }).messages[0]).not.toHaveProperty(
			'priorite',
		);
		expect(result.output[0].json.priority).toBe(1);
	});

	test('local estimate sits next to the server count: UCS-2 and multi-part', async () => {
		const long = 'é'.repeat(10) + 'a'.repeat(160);
		const result = await run({
			parameters: { ...sendParameters(), message: '={{ $json.text }}' },
			items: [
				{ phone: phoneAt(0), text: 'Rendez-vous confirmé ? Ça marche 👍' },
				{ phone: phoneAt(1), text: long },
				{ phone: phoneAt(2), text: 'Price: 10€ {ok}' },
			],
		});
		const [emoji, multi, extension] = result.output.map((item) => item.json);
		expect(emoji).toMatchObject({ encoding: 'UCS-2', estimatedSegments: 1, sms_per_message: 1 });
		expect(multi).toMatchObject({ encoding: 'GSM-7', estimatedSegments: 2, sms_per_message: 2 });
		expect(extension).toMatchObject({ encoding: 'GSM-7', estimatedSegments: 1 });
	});

	test('phone numbers are cleaned: separators, 00 prefix', async () => {
		const result = await run({
			parameters: sendParameters(),
			items: [
				{ phone: '+33 6 12 34 56 78', name: 'a' },
				{ phone: '0033 (6) 12.34.56.79', name: 'b' },
				{ phone: '+1-415-555-0100', name: 'c' },
			],
		});
		expect(result.error).toBeUndefined();
		const sent = (sim.requests[0].body as { messages: IDataObject[] }).messages.map(
			(m) => m.phone_number,
		);
		expect(sent).toEqual(['+33612345678', '+33612345679', '+14155550100']);
	});

	test('invalid items with Continue On Fail: error items name item, field and value; valid ones still sent', async () => {
		const result = await run({
			parameters: sendParameters(),
			items: [
				{ phone: phoneAt(0), name: 'ok' },
				{ phone: '0612345678', name: 'national' },
				{ phone: '+330612345678', name: 'trunk zero' },
				{ phone: phoneAt(3), name: 'ok' },
				{ phone: 'call me', name: 'letters' },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.success)).toEqual([
			true,
			false,
			false,
			true,
			false,
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(result.output[1].json.error).toMatch(
			/^Item 1: "Phone Number" "0612345678" is not valid: /,
		);
		expect(result.output[2].json.error).toMatch(/Item 2: .*"\+330612345678"/);
		expect(result.output[4].json.error).toMatch(/Item 4: .*"call me"/);
		expect(sim.requests).toHaveLength(1);
		expect((sim.requests[0].body as { messages: unknown[] }).messages).toHaveLength(2);
	});

	test('an invalid item without Continue On Fail stops the node before any request', async () => {
		const result = await run({
			parameters: sendParameters(),
			items: [
				{ phone: phoneAt(0), name: 'ok' },
				{ phone: '12', name: 'bad' },
			],
		});
		expect(result.error?.message).toMatch(/Item 1: "Phone Number" "12" is not valid/);
		expect(result.output).toEqual([]);
		expect(sim.requests).toHaveLength(0);
	});

	test('[link] rules: a URL without [link], [link] without URL, a URL that is not one', async () => {
		const result = await run({
			parameters: {
				...sendParameters({ trackedUrl: '={{ $json.url }}' }),
				message: '={{ $json.text }}',
			},
			items: [
				{ phone: phoneAt(0), text: 'no placeholder', url: 'https://example.com' },
				{ phone: phoneAt(1), text: 'click [link]', url: '' },
				{ phone: phoneAt(2), text: 'click [link]', url: 'example dot com' },
				{ phone: phoneAt(3), text: 'legacy [Lien_Tracking]', url: 'https://example.com/x' },
			],
			continueOnFail: true,
		});
		expect(result.output[0].json.error).toMatch(/"Message".*no \[link\] placeholder/);
		expect(result.output[1].json.error).toMatch(
			/"Tracked URL".*contains \[link\] but no Tracked URL/,
		);
		expect(result.output[2].json.error).toMatch(/"Tracked URL" "example dot com"/);
		expect(result.output[3].json.success).toBe(true);
		expect(result.output[3].json.message).toMatch(/^legacy https:\/\/arsms\.co\//);
	});

	test('empty message and bad schedule are per-item errors', async () => {
		const result = await run({
			parameters: {
				...sendParameters({ scheduledDate: '={{ $json.when }}' }),
				message: '={{ $json.text }}',
			},
			items: [
				{ phone: phoneAt(0), text: '   ', when: '' },
				{ phone: phoneAt(1), text: 'x', when: '2026-02-30T10:00:00' },
				{ phone: phoneAt(2), text: 'x', when: '2026-03-29T02:30:00' },
			],
			continueOnFail: true,
		});
		expect(result.output[0].json.error).toMatch(/Item 0: "Message".*empty/);
		expect(result.output[1].json.error).toMatch(/Item 1: "Scheduled Date"/);
		expect(result.output[2].json.error).toMatch(/Item 2: "Scheduled Date".*(exist|gap)/i);
		expect(sim.requests).toHaveLength(0);
	});

	test('a sent: 0 entry fails only its own item', async () => {
		sim.setOptions({ failPhoneNumbers: [phoneAt(1)] });
		const result = await run({
			parameters: sendParameters(),
			items: customers(3),
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.success)).toEqual([true, false, true]);
		expect(result.output[1].json.error).toMatch(/did not send the SMS to \+3361\d+ \(sent: 0\)/);
		expect(result.output[1].json.sent).toBe(0);
		expect(result.output[1].pairedItem).toEqual({ item: 1 });
	});

	test('a sent: 0 entry without Continue On Fail: the error says which items were accepted', async () => {
		sim.setOptions({ failPhoneNumbers: [phoneAt(4)] });
		const result = await run({ parameters: sendParameters({ batchSize: 3 }), items: customers(9) });
		expect(result.error?.message).toMatch(/sent: 0/);
		expect(result.error?.message).toMatch(/5 SMS were already accepted/);
		expect(result.error?.description).toMatch(/items 0–3, 5\b/);
		// Fails fast: the third batch is not sent.
		expect(sim.requests).toHaveLength(2);
	});

	test('a failed request names every item it carried, not only the first', async () => {
		sim.addFault({ kind: 'http500AfterProcessing', path: '/v1/sendsms' });
		const result = await run({ parameters: sendParameters({ batchSize: 3 }), items: customers(3) });
		expect(result.error?.message).toMatch(/\(request for items 0–2\)/);
		expect(result.error?.description).toMatch(
			/The failed request carried items 0–2: any of these 3 SMS may have been processed/,
		);
	});

	test('the quick-start single-object answer is accepted', async () => {
		sim.setOptions({ singleObjectResponse: true });
		const result = await run({ parameters: sendParameters(), items: customers(1) });
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ success: true, phone_number: phoneAt(0) });
	});

	test('On Error → Continue (using error output) routes failed items to the second output', async () => {
		const result = await run({
			parameters: sendParameters(),
			items: [
				{ phone: phoneAt(0), name: 'a' },
				{ phone: 'nope', name: 'b' },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.output.map((item) => item.json.phone_number)).toEqual([phoneAt(0)]);
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].json.error).toMatch(/Item 1/);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('bad credentials: a clear error, no message accepted, no access key anywhere', async () => {
		for (const status of [401, 200]) {
			sim.reset();
			sim.setOptions({ badCredentialsStatus: status });
			const result = await run({
				parameters: sendParameters(),
				items: customers(2),
				credentials: { ...goodCredentials(), apiKey: 'wrong-key-123456' },
			});
			expect(result.error?.message).toMatch(/rejected the login or access key/);
			expect(sim.sentMessages()).toHaveLength(0);
			expect(everything(result)).not.toContain('wrong-key-123456');
		}
		sim.setOptions({ badCredentialsStatus: 401 });
	});

	test('the base URL may end with a slash', async () => {
		const result = await run({
			parameters: sendParameters(),
			items: customers(1),
			credentials: { ...goodCredentials(), baseUrl: `${sim.baseUrl}/` },
		});
		expect(result.error).toBeUndefined();
		expect(sim.requests[0].path).toBe('/v1/sendsms');
	});
});

describe('Contact → Create', () => {
	const contactParameters = {
		resource: 'contact',
		operation: 'create',
		phoneNumber: '={{ $json.phone }}',
		firstName: '={{ $json.first }}',
		lastName: '={{ $json.last }}',
		additionalFields: { email: '={{ $json.email }}', address: '={{ $json.address }}' },
	};

	test('contacts are batched, `adress` on the wire, codes mapped, #004 is a warning', async () => {
		const result = await run({
			parameters: { ...contactParameters, options: { batchSize: 2 } },
			items: [
				{
					phone: '+33612345678',
					first: 'John',
					last: 'Doe',
					email: 'john@example.com',
					address: '1 Main St',
				},
				{ phone: '+33612345679', first: 'Ann', last: 'Lee', email: 'not-an-email', address: '' },
				{ phone: '+33612345670', first: 'Bo', last: 'Ng', email: '', address: '' },
			],
			continueOnFail: true,
		});
		expect(
			sim.requests.map((request) => (request.body as { contacts: unknown[] }).contacts.length),
		).toEqual([2, 1]);
		expect((sim.requests[0].body as { contacts: IDataObject[] }).contacts[0]).toEqual({
			firstname: 'John',
			lastname: 'Doe',
			phone_number: '+33612345678',
			email: 'john@example.com',
			adress: '1 Main St',
		});
		expect(result.output.map((item) => item.json.success)).toEqual([true, true, true]);
		expect(result.output[1].json.warnings).toEqual([expect.stringMatching(/#004 invalid email/)]);
		expect(result.output[0].json.warnings).toEqual([]);
		// A created contact carries no error-looking field, even with a warning code.
		expect(result.output.map((item) => 'errors' in item.json)).toEqual([false, false, false]);
		expect(sim.contacts).toHaveLength(3);
	});

	test("rows the server refuses become that item's error with the code explained", async () => {
		// The node never sends an invalid number, so the server-side codes are provoked through
		// a number the simulator refuses: it is checked again there.
		const result = await run({
			parameters: contactParameters,
			items: [
				{ phone: '+33612345678', first: 'A', last: 'B', email: '', address: '' },
				{ phone: '+0', first: 'C', last: 'D', email: '', address: '' },
			],
			continueOnFail: true,
		});
		expect(result.output[0].json.success).toBe(true);
		expect(result.output[1].json.error).toMatch(/Item 1: "Phone Number" "\+0"/);
	});
});

describe('Call → Click-to-Call', () => {
	const callParameters = {
		resource: 'call',
		operation: 'clickToCall',
		phoneNumber: '={{ $json.phone }}',
	};

	test('the credential merges into the header without wiping type and phone_number', async () => {
		const result = await run({
			parameters: callParameters,
			items: [{ phone: '+33 6 12 34 56 78' }],
		});
		expect(result.error).toBeUndefined();
		expect(sim.requests[0].path).toBe('/v1/clictocall');
		expect(sim.requests[0].body).toEqual({
			header: {
				type: 'clicToCall',
				phone_number: '+33612345678',
				login: DEMO_ACCOUNT.login,
				accessKey: DEMO_ACCOUNT.accessKey,
			},
		});
		expect(result.output[0].json).toMatchObject({
			success: true,
			result: 'success',
			phone_number: '+33612345678',
		});
		// A started call carries no error-looking field.
		expect(result.output[0].json).not.toHaveProperty('errors');
		expect(result.output[0].json).not.toHaveProperty('info');
		expect(sim.calls).toHaveLength(1);
	});

	test('#002 becomes "phone not connected / app not running"', async () => {
		sim.setOptions({ phoneConnected: false });
		const result = await run({ parameters: callParameters, items: [{ phone: '+33612345678' }] });
		expect(result.error?.message).toMatch(/could not start the call to \+33612345678 \(#002\)/);
		expect(result.error?.description).toMatch(/not connected or the inSIM app is not running/);
	});

	test('one request per item, each output paired; invalid numbers never dialled', async () => {
		const result = await run({
			parameters: callParameters,
			items: [{ phone: '+33612345678' }, { phone: 'x' }, { phone: '+14155550100' }],
			continueOnFail: true,
		});
		expect(sim.requests).toHaveLength(2);
		expect(result.output.map((item) => [item.pairedItem, item.json.success])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
			[{ item: 2 }, true],
		]);
	});
});
