/**
 * The inSIM node reads a parameter that is exactly `{{ $json.<field> }}` straight from the item
 * (nodes/Insim/helpers/parameters.ts). Run inside n8n's engine, every kind of item must give the
 * same outcome as the same field read through an expression n8n has to evaluate (`$json["field"]`).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEMO_ACCOUNT, startSimulator, type Simulator } from '../../../simulator';
import { runInsimNode } from '../../../engine/harness';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());

const ITEMS = [
	{ phone: '+33612345678', text: 'plain' },
	{ phone: '+33 6 12 34 56 79', text: 'spaces, 50% off & {{ not an expression }}' },
	{ phone: 33612345680, text: 42 },
	{ phone: '0033612345681', text: true },
	{ phone: '+33612345682', text: '' },
	{ phone: null, text: 'null phone' },
	{ text: 'no phone field' },
	{ phone: { nested: '+33612345683' }, text: 'object phone' },
	{ phone: ['+33612345684'], text: 'array phone' },
	{ phone: '06 12 34 56 78', text: 'national number' },
	{ phone: '+33612345685', text: '=Hello {{ $json.phone }}' },
];

/** What a run produced, without what differs from run to run (ids, times). */
function comparable(output: INodeExecutionData[]): Array<Record<string, unknown>> {
	return output.map(({ json, pairedItem }) => {
		const { id_sms_api: _id, sent_time: _time, sentTimeIso: _instant, message, ...rest } = json;
		return {
			...rest,
			message: String(message ?? '').replace(/arsms\.co\/\w+/, 'arsms.co/…'),
			pairedItem,
		};
	});
}

async function runWith(parameters: INodeParameters) {
	sim.reset();
	const result = await runInsimNode({
		parameters,
		items: ITEMS,
		continueOnFail: true,
		credentials: {
			login: DEMO_ACCOUNT.login,
			apiKey: DEMO_ACCOUNT.accessKey,
			baseUrl: sim.baseUrl,
		},
	});
	expect(result.error).toBeUndefined();
	return { output: comparable(result.output), wire: sim.requests.map((request) => request.body) };
}

test.each([
	[
		'SMS → Send',
		(field: (name: string) => string) => ({
			resource: 'sms',
			operation: 'send',
			phoneNumber: field('phone'),
			message: field('text'),
			options: {},
		}),
	],
	[
		'Contact → Create',
		(field: (name: string) => string) => ({
			resource: 'contact',
			operation: 'create',
			phoneNumber: field('phone'),
			firstName: field('text'),
			lastName: field('text'),
		}),
	],
	[
		'Call → Click-to-Call',
		(field: (name: string) => string) => ({
			resource: 'call',
			operation: 'clickToCall',
			phoneNumber: field('phone'),
		}),
	],
])('%s: `{{ $json.field }}` read from the item equals n8n evaluating it', async (_name, build) => {
	const fast = await runWith(build((name) => `={{ $json.${name} }}`));
	const evaluated = await runWith(build((name) => `={{ $json["${name}"] }}`));
	expect(fast.output).toHaveLength(ITEMS.length);
	expect(fast.output).toEqual(evaluated.output);
	expect(fast.wire).toEqual(evaluated.wire);
	// The fixture really mixes accepted items and per-item errors.
	expect(fast.output.some((json) => json.success === true)).toBe(true);
	expect(fast.output.some((json) => json.success === false)).toBe(true);
});
