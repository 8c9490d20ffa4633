/**
 * The rules every batching or looping operation shares (nodes/Insim/actions/batchRunner.ts):
 * which requests are still made after a failure, invalid options, and item naming.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { FREE_DEMO_ACCOUNT } from '../../../simulator';
import type { RunResult } from '../../../engine/harness';
import { DEMO_ACCOUNT, byId, setUpV2 } from '../../../engine/v2/support';

const t = setUpV2({ accounts: [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT] });

const phone = (index: number) => `+3361234560${index}`;
const smsItems = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ phone: phone(i), text: `Rule ${i}` }));

function smsSend(options: INodeParameters): INodeParameters {
	return {
		resource: 'sms',
		operation: 'send',
		phoneNumber: '={{ $json.phone }}',
		message: '={{ $json.text }}',
		options,
	} as INodeParameters;
}

function seedTemplate() {
	t.sim.store().templates.push({
		id: 'tpl-rule',
		name: 'Rule',
		message: 'Code {code}',
		created: '2026-01-01 09:00:00',
		deleted: false,
	});
	t.sim.store().campaigns.push({
		id: 'cafe00000000000000000001',
		name: 'Rule',
		message: 'Hi',
		url: '',
		priority: 1,
		recipients: [phone(0)],
		status: 0,
		sent: 0,
		created: '2026-03-01 10:00:00',
	});
}

/** Every operation that takes a Timeout, with the parameters of one valid send. */
const WITH_TIMEOUT: Array<{
	name: string;
	parameters: (options: INodeParameters) => INodeParameters;
}> = [
	{ name: 'SMS Send v1', parameters: (options) => smsSend(options) },
	{ name: 'SMS Send v2', parameters: (options) => smsSend({ apiVersion: 'v2', ...options }) },
	{
		name: 'Template Send',
		parameters: (options) => ({
			resource: 'template',
			operation: 'send',
			templateId: byId('tpl-rule'),
			phoneNumber: '={{ $json.phone }}',
			variables: { variable: [{ name: 'code', value: 'X' }] },
			options,
		}),
	},
	{
		name: 'Contact Create',
		parameters: (options) => ({
			resource: 'contact',
			operation: 'create',
			phoneNumber: '={{ $json.phone }}',
			firstName: 'Ann',
			options,
		}),
	},
	{
		name: 'Contact Create or Update',
		parameters: (options) => ({
			resource: 'contact',
			operation: 'upsert',
			phoneNumber: '={{ $json.phone }}',
			firstName: 'Ann',
			options,
		}),
	},
	{
		name: 'List Add Contacts',
		parameters: (options) => ({
			resource: 'list',
			operation: 'addContacts',
			listId: byId('list-1'),
			contactIds: 'c1',
			options,
		}),
	},
	{
		name: 'Click-to-Call',
		parameters: (options) => ({
			resource: 'call',
			operation: 'clickToCall',
			phoneNumber: '={{ $json.phone }}',
			options,
		}),
	},
	{
		name: 'Campaign Start',
		parameters: (options) => ({
			resource: 'campaign',
			operation: 'start',
			campaignId: byId('cafe00000000000000000001'),
			options,
		}),
	},
];

/** Messages that name two items' prefixes, e.g. `Item 1: not sent …: Item 0: …`. */
const TWO_ITEM_PREFIXES = /Item \d+[:,].*Item \d+[:,]/;

function errorMessages(result: RunResult): string[] {
	const items: INodeExecutionData[] = [...result.output, ...result.errorOutput];
	return [
		...items.flatMap((item) => (typeof item.json.error === 'string' ? [item.json.error] : [])),
		...(result.error ? [result.error.message] : []),
	];
}

describe('after a failure, which requests are still made (one rule)', () => {
	test('SMS Send: a not-sent failure of one request (rate limit) leaves the next requests', async () => {
		t.sim.addFault({
			kind: 'http429',
			path: '/v1/sendsms',
			skip: 1,
			times: 4,
			retryAfterSeconds: 0,
		});
		const result = await t.run({
			parameters: smsSend({ batchSize: 1 }),
			items: smsItems(3),
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.success)).toEqual([true, false, true]);
		expect(result.output[1].json.mayHaveBeenProcessed).toBe(false);
		expect(t.sim.sentMessages().map((message) => message.phone_number)).toEqual([
			phone(0),
			phone(2),
		]);
	}, 30_000);

	test('SMS Send: a failure every request shares (credentials) reports the rest unsent', async () => {
		const result = await t.run({
			parameters: smsSend({ batchSize: 1 }),
			items: smsItems(3),
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(t.sim.requests.filter((request) => request.path === '/v1/sendsms')).toHaveLength(1);
		expect(result.output[2].json.error).toMatch(
			/^Item 2: not sent, because an earlier request failed: inSIM rejected the login/,
		);
		expect(result.output[2].json.mayHaveBeenProcessed).toBe(false);
	});

	test('Click-to-Call: a phone that is not connected (#002) ends the calls', async () => {
		t.sim.setOptions({ phoneConnected: false });
		const result = await t.run({
			parameters: { resource: 'call', operation: 'clickToCall', phoneNumber: '={{ $json.phone }}' },
			items: smsItems(3),
			continueOnFail: true,
		});
		expect(t.sim.requests.filter((request) => request.path === '/v1/clictocall')).toHaveLength(1);
		expect(result.output[0].json.error).toMatch(/#002/);
		expect(result.output[1].json.error).toMatch(
			/^Item 1: not sent, because an earlier request failed: inSIM could not start the call/,
		);
	});

	test('Template Send: a refusal of one batch (unknown template) leaves the other batches', async () => {
		seedTemplate();
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'send',
				templateId: byId('={{ $json.template }}'),
				phoneNumber: '={{ $json.phone }}',
				variables: { variable: [{ name: 'code', value: 'X' }] },
			},
			items: [
				{ template: 'tpl-none', phone: phone(0) },
				{ template: 'tpl-rule', phone: phone(1) },
			],
			continueOnFail: true,
		});
		expect(result.output[0].json.error).toMatch(/NOT_FOUND/);
		expect(result.output[1].json.success).toBe(true);
	});
});

describe('an invalid Timeout or Batch Size is an error on every item, before anything is sent', () => {
	test.each(WITH_TIMEOUT)('$name: Timeout 5000', async ({ parameters }) => {
		seedTemplate();
		const result = await t.run({
			parameters: parameters({ timeout: 5000 }),
			items: smsItems(2),
			continueOnFail: true,
		});
		expect(t.sim.requests).toHaveLength(0);
		expect(result.output).toHaveLength(2);
		result.output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(/"Timeout" "5000" is not valid: is out of range/);
			expect(item.json.mayHaveBeenProcessed).toBe(false);
		});

		const stopped = await t.run({ parameters: parameters({ timeout: 0 }), items: smsItems(2) });
		expect(stopped.error?.message).toMatch(/^Item 0: "Timeout" "0" is not valid/);
		expect(t.sim.requests).toHaveLength(0);
	});

	test.each(WITH_TIMEOUT.filter(({ name }) => !/Call|Campaign/.test(name)))(
		'$name: Batch Size 2.5',
		async ({ parameters }) => {
			seedTemplate();
			const result = await t.run({
				parameters: parameters({ batchSize: 2.5 }),
				items: smsItems(2),
				continueOnFail: true,
			});
			expect(t.sim.requests).toHaveLength(0);
			expect(result.output.map((item) => item.json.error)).toEqual([
				expect.stringMatching(/^Item 0: "Batch Size" "2.5" is not valid: must be a whole number/),
				expect.stringMatching(/^Item 1: "Batch Size" "2.5" is not valid: must be a whole number/),
			]);
		},
	);

	test('Template Send accepts a Timeout of 2.5 seconds, like SMS Send', async () => {
		seedTemplate();
		const result = await t.run({
			parameters: WITH_TIMEOUT[2].parameters({ timeout: 2.5 }),
			items: smsItems(1),
		});
		expect(result.error).toBeUndefined();
		expect(result.output[0].json.success).toBe(true);
	});
});

describe('item naming', () => {
	test('no message names two items: batch failures, skipped items, refusals', async () => {
		seedTemplate();
		const runs = [
			await t.run({
				parameters: smsSend({ batchSize: 2, apiVersion: 'v2' }),
				items: smsItems(5),
				credentials: {
					...t.credentials(),
					login: FREE_DEMO_ACCOUNT.login,
					apiKey: FREE_DEMO_ACCOUNT.accessKey,
				},
				continueOnFail: true,
			}),
			await t.run({
				parameters: WITH_TIMEOUT[2].parameters({ batchSize: 1 }),
				items: smsItems(3),
				credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
				continueOnFail: true,
			}),
			await t.run({
				parameters: WITH_TIMEOUT[4].parameters({ batchSize: 1 }),
				items: [{ phone: 'nope' }, ...smsItems(2)],
				credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
				continueOnFail: true,
			}),
			await t.run({
				parameters: WITH_TIMEOUT[6].parameters({}),
				items: smsItems(2),
				credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			}),
		];
		const messages = runs.flatMap(errorMessages);
		expect(messages.length).toBeGreaterThan(8);
		for (const message of messages) {
			expect(message).toMatch(/^Item \d+[:,] /);
			expect(message).not.toMatch(TWO_ITEM_PREFIXES);
		}
	});
});
