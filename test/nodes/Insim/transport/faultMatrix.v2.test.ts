/**
 * API v2 reads × every simulator fault × Continue On Fail on/off, through n8n's engine. Three
 * items, one request each: item 0 answers, item 1 meets the fault, item 2 follows or not.
 * (The v2 writes that send SMS are in test/nodes/Insim/transport/faultMatrix.test.ts with the v1 operations.)
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FaultKind, FaultRule, Simulator } from '../../../simulator';
import { FAULT_KINDS } from '../../../simulator';
import { byId, DEMO_ACCOUNT, serialised, setUpV2 } from '../../../engine/v2/support';

interface ReadFault {
	kind: FaultKind;
	rule: Omit<FaultRule, 'skip' | 'path'>;
	/** requests item 1 takes (retries included) */
	attempts: number;
	recovers: boolean;
	/** later items are not asked (every request would fail the same way) */
	fatal: boolean;
	message: RegExp;
}

const FAULTS: ReadFault[] = [
	{
		kind: 'http500',
		rule: { kind: 'http500' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /HTTP 500/,
	},
	{
		kind: 'http500AfterProcessing',
		rule: { kind: 'http500AfterProcessing' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /HTTP 500/,
	},
	{
		kind: 'http429',
		rule: { kind: 'http429', times: 1, retryAfterSeconds: 1 },
		attempts: 2,
		recovers: true,
		fatal: false,
		message: /./,
	},
	{
		kind: 'http503Html',
		rule: { kind: 'http503Html' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /HTTP 503/,
	},
	{
		kind: 'hang',
		rule: { kind: 'hang' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /did not answer .* within 30 s/,
	},
	{
		kind: 'reset',
		rule: { kind: 'reset' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /connection .* cut/,
	},
	{
		kind: 'resetAfterProcessing',
		rule: { kind: 'resetAfterProcessing' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /connection .* cut/,
	},
	{
		kind: 'html',
		rule: { kind: 'html' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /web page/,
	},
	{
		kind: 'empty',
		rule: { kind: 'empty' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /empty answer/,
	},
	{
		kind: 'malformed',
		rule: { kind: 'malformed' },
		attempts: 1,
		recovers: false,
		fatal: false,
		message: /not valid JSON/,
	},
	{
		kind: 'badCredentials',
		rule: { kind: 'badCredentials' },
		attempts: 1,
		recovers: false,
		fatal: true,
		message: /rejected the login or access key/,
	},
];

interface ReadCase {
	name: string;
	endpoint: string;
	parameters: INodeParameters;
	seed(sim: Simulator): void;
	/** output items one successful item gives */
	recordsPerItem: number;
}

const CONTACT_ID = 'aaaaaaaaaaaaaaaaaaaaaaa1';
const LIST_ID = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const CAMPAIGN_ID = 'ccccccccccccccccccccccc1';

const READS: ReadCase[] = [
	{
		name: 'Account → Get',
		endpoint: 'account',
		parameters: { resource: 'account', operation: 'get' },
		seed: () => undefined,
		recordsPerItem: 1,
	},
	{
		name: 'Contact → Get',
		endpoint: 'contacts/detail',
		parameters: { resource: 'contact', operation: 'get', contactId: CONTACT_ID },
		seed: (sim) => {
			const { contact } = sim
				.store()
				.upsertContact({ phone_number: '+33611111111', firstname: 'Ana' });
			contact.id = CONTACT_ID;
		},
		recordsPerItem: 1,
	},
	{
		name: 'SMS → Get Many (cursor)',
		endpoint: 'sms',
		parameters: { resource: 'sms', operation: 'getMany', returnAll: true },
		seed: (sim) => {
			for (let i = 0; i < 3; i++) {
				sim
					.store()
					.recordSms({ direction: 'inbound', phone_number: '+33622222222', message: `m${i}` });
			}
		},
		recordsPerItem: 3,
	},
	{
		name: 'List → Get',
		endpoint: 'lists/detail',
		parameters: { resource: 'list', operation: 'get', listId: byId(LIST_ID) },
		seed: (sim) => {
			sim.store().lists.push({
				id: LIST_ID,
				name: 'Matrix',
				description: '',
				contactIds: [],
				created: '2026-12-01 08:00:00',
				deleted: false,
			});
		},
		recordsPerItem: 1,
	},
	{
		name: 'Campaign → Get',
		endpoint: 'campaigns/detail',
		parameters: { resource: 'campaign', operation: 'get', campaignId: byId(CAMPAIGN_ID) },
		seed: (sim) => {
			sim.store().campaigns.push({
				id: CAMPAIGN_ID,
				name: 'Matrix',
				message: 'Hi',
				url: '',
				priority: 1,
				recipients: [],
				status: 2,
				sent: 0,
				created: '2026-12-01 08:00:00',
			});
		},
		recordsPerItem: 1,
	},
	{
		name: 'Qualification → Get Many Options',
		endpoint: 'qualifications/options',
		parameters: { resource: 'qualification', operation: 'getManyOptions', returnAll: true },
		seed: (sim) => {
			sim.store().qualificationOptions.push({
				id: 'ddddddddddddddddddddddd1',
				label: 'Hot',
				deleted: false,
			});
		},
		recordsPerItem: 1,
	},
];

const t = setUpV2();

test('the read matrix covers every fault kind of the simulator', () => {
	expect(new Set(FAULTS.map((fault) => fault.rule.kind))).toEqual(new Set(FAULT_KINDS));
});

// A hanging read waits for the 30 s default timeout: one case is enough to show it.
const MATRIX = READS.flatMap((read, readIndex) =>
	FAULTS.filter((fault) => fault.kind !== 'hang' || readIndex === 0).flatMap((fault) =>
		[true, false]
			.filter((continueOnFail) => fault.kind !== 'hang' || continueOnFail)
			.map((continueOnFail) => ({ read, fault, continueOnFail })),
	),
);

describe.each(MATRIX)(
	'$read.name × $fault.kind × continueOnFail $continueOnFail',
	({ read, fault, continueOnFail }) => {
		test('one outcome per item, item named, bounded requests, no secret', async () => {
			read.seed(t.sim);
			t.sim.addFault({ ...fault.rule, path: `/v2/${read.endpoint}`, skip: 1 });

			const result = await t.run({
				parameters: read.parameters,
				items: [{ n: 0 }, { n: 1 }, { n: 2 }],
				continueOnFail,
			});

			const item2Requests = fault.recovers ? 1 : !continueOnFail || fault.fatal ? 0 : 1;
			expect(t.requestsTo(read.endpoint)).toHaveLength(1 + fault.attempts + item2Requests);
			expect(t.sim.requests.filter((request) => request.fault).length).toBe(
				fault.attempts - (fault.recovers ? 1 : 0),
			);
			expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);

			const byItem = (index: number) =>
				result.output.filter((item) => (item.pairedItem as { item: number }).item === index);
			if (fault.recovers) {
				expect(result.error).toBeUndefined();
				for (const index of [0, 1, 2]) expect(byItem(index)).toHaveLength(read.recordsPerItem);
				return;
			}
			if (!continueOnFail) {
				expect(result.output).toEqual([]);
				expect(result.error?.message).toMatch(/^Item 1[:,]/);
				expect(result.error?.message).toMatch(fault.message);
				return;
			}
			expect(result.error).toBeUndefined();
			expect(byItem(0)).toHaveLength(read.recordsPerItem);
			expect(byItem(0)[0].json.success).toBeUndefined();
			const failed = byItem(1).map((item) => item.json as IDataObject);
			expect(failed).toHaveLength(1);
			expect(failed[0]).toMatchObject({ success: false, itemIndex: 1 });
			expect(String(failed[0].error)).toMatch(/^Item 1[:,]/);
			expect(String(failed[0].error)).toMatch(fault.message);
			if (fault.fatal) {
				expect(byItem(2)).toHaveLength(1);
				expect(String(byItem(2)[0].json.error)).toMatch(
					/^Item 2: not sent, because an earlier request failed/,
				);
			} else {
				expect(byItem(2)).toHaveLength(read.recordsPerItem);
				expect(byItem(2)[0].json.error).toBeUndefined();
			}
		}, 45_000);
	},
);
