/**
 * Every simulator fault × every operation × Continue On Fail on/off, run through n8n's engine:
 * the v1 operations, and the API v2 writes that send SMS (Send with API Version v2, Template
 * Send, Campaign Start).
 *
 * The plan of each case: the input is cut into "units" (a batch of 3 for SMS and contacts, one
 * item for click-to-call); unit 0 is accepted, unit 1 meets the fault, unit 2 follows or not.
 * What must hold: one output item per input item in order (Continue On Fail on), an error that
 * names what inSIM already accepted (off), no message accepted twice, no blind resend of a
 * request that may have been processed, bounded retries, and the access key nowhere.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	DEMO_ACCOUNT,
	FAULT_KINDS,
	startSimulator,
	type FaultKind,
	type FaultRule,
	type RecordedRequest,
	type Simulator,
} from '../../../simulator';
import { runInsimNode, type RunResult } from '../../../engine/harness';

type OperationName = 'sms' | 'contact' | 'call' | 'smsV2' | 'templateSend' | 'campaignStart';

/** Operations whose accepted rows are SMS leaving the phone. */
const SENDS_SMS: OperationName[] = ['sms', 'smsV2', 'templateSend', 'campaignStart'];

/** What the node can know about a failed request, and so what it must tell. */
type Certainty = 'unknown' | 'notSent';

interface FaultCase {
	name: string;
	rule: Omit<FaultRule, 'skip' | 'path'>;
	/** the simulator ran the faulted request (messages accepted, contact created, call started) */
	serverProcesses: boolean;
	/** requests the faulted unit takes in all (retries included) */
	attempts: number;
	/** the transport's retries ended in success */
	recovers: boolean;
	certainty: Certainty;
	/** every further request would fail the same way (credentials): every operation stops */
	fatal?: boolean;
	/** what the error must say */
	message: RegExp;
}

const UNKNOWN_ADVICE = /may (still )?have (been )?processed/i;

const FAULT_CASES: FaultCase[] = [
	{
		name: 'http500',
		rule: { kind: 'http500' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /Internal server error|HTTP 500/i,
	},
	{
		name: 'http500AfterProcessing',
		rule: { kind: 'http500AfterProcessing' },
		serverProcesses: true,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /Internal server error|HTTP 500/i,
	},
	{
		name: 'http429 once (retried after Retry-After)',
		rule: { kind: 'http429', times: 1, retryAfterSeconds: 1 },
		serverProcesses: false,
		attempts: 2,
		recovers: true,
		certainty: 'notSent',
		message: /./,
	},
	{
		name: 'http429 forever (retries exhausted)',
		rule: { kind: 'http429', times: Infinity, retryAfterSeconds: 1 },
		serverProcesses: false,
		attempts: 4,
		recovers: false,
		certainty: 'notSent',
		message: /rate limit|RATE_LIMITED|429/i,
	},
	{
		name: 'http503Html',
		rule: { kind: 'http503Html' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /HTTP 503/,
	},
	{
		name: 'hang',
		rule: { kind: 'hang' },
		serverProcesses: true,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /did not answer .* within 1 s/,
	},
	{
		name: 'reset',
		rule: { kind: 'reset' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /connection .* (cut|reset)|ECONNRESET/i,
	},
	{
		name: 'resetAfterProcessing',
		rule: { kind: 'resetAfterProcessing' },
		serverProcesses: true,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /connection .* (cut|reset)|ECONNRESET/i,
	},
	{
		name: 'html',
		rule: { kind: 'html' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /web page/i,
	},
	{
		name: 'empty',
		rule: { kind: 'empty' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /empty/i,
	},
	{
		name: 'malformed',
		rule: { kind: 'malformed' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'unknown',
		message: /not valid JSON/i,
	},
	{
		name: 'badCredentials',
		rule: { kind: 'badCredentials' },
		serverProcesses: false,
		attempts: 1,
		recovers: false,
		certainty: 'notSent',
		fatal: true,
		message: /rejected the login or access key/i,
	},
];

interface OperationCase {
	name: OperationName;
	path: string;
	items: IDataObject[];
	/** input item indexes of each request unit */
	units: number[][];
	parameters(timeoutSeconds: number): INodeParameters;
	/** the phone numbers one logged request carries */
	phonesOf(request: RecordedRequest): string[];
	/** the phone numbers the simulator acted on, one entry per action */
	acceptedPhones(sim: Simulator): string[];
	/** v1 answers carry `success`; v2 records do not */
	successFlag: boolean;
	acceptedNoun: string;
	/** state the operation needs, set after each reset */
	seed?(sim: Simulator): void;
}

const phone = (index: number) => `+3361234560${index}`;
const MATRIX_TEMPLATE_ID = 'f0f0f0f0f0f0f0f0f0f0f0f0';
const campaignId = (index: number) => `cafe0000000000000000000${index}`;
const bodyOf = (request: RecordedRequest) => (request.body ?? {}) as IDataObject;
const rows = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]) : []);

const OPERATIONS: OperationCase[] = [
	{
		name: 'sms',
		path: '/v1/sendsms',
		items: Array.from({ length: 7 }, (_, i) => ({
			phone: phone(i),
			text: `Fault matrix SMS ${i}`,
		})),
		units: [[0, 1, 2], [3, 4, 5], [6]],
		parameters: (timeout) => ({
			resource: 'sms',
			operation: 'send',
			phoneNumber: '={{ $json.phone }}',
			message: '={{ $json.text }}',
			options: { batchSize: 3, timeout },
		}),
		phonesOf: (request) => rows(bodyOf(request).messages).map((row) => String(row.phone_number)),
		acceptedPhones: (sim) => sim.sentMessages().map((message) => message.phone_number),
		successFlag: true,
		acceptedNoun: 'SMS were already accepted by inSIM',
	},
	{
		name: 'contact',
		path: '/v1/contact',
		items: Array.from({ length: 7 }, (_, i) => ({ phone: phone(i), first: `First${i}` })),
		units: [[0, 1, 2], [3, 4, 5], [6]],
		parameters: (timeout) => ({
			resource: 'contact',
			operation: 'create',
			phoneNumber: '={{ $json.phone }}',
			firstName: '={{ $json.first }}',
			lastName: 'Matrix',
			additionalFields: {},
			options: { batchSize: 3, timeout },
		}),
		phonesOf: (request) => rows(bodyOf(request).contacts).map((row) => String(row.phone_number)),
		acceptedPhones: (sim) => sim.contacts.map((contact) => String(contact.phone_number)),
		successFlag: true,
		acceptedNoun: 'contacts were already created',
	},
	{
		name: 'call',
		path: '/v1/clictocall',
		items: Array.from({ length: 3 }, (_, i) => ({ phone: phone(i) })),
		units: [[0], [1], [2]],
		parameters: (timeout) => ({
			resource: 'call',
			operation: 'clickToCall',
			phoneNumber: '={{ $json.phone }}',
			options: { timeout },
		}),
		phonesOf: (request) => {
			const header = bodyOf(request).header as IDataObject | undefined;
			return header?.phone_number === undefined ? [] : [String(header.phone_number)];
		},
		acceptedPhones: (sim) => sim.calls.map((call) => call.phone_number),
		successFlag: true,
		acceptedNoun: 'call was already started',
	},
	{
		name: 'smsV2',
		path: '/v2/sendsms',
		items: Array.from({ length: 7 }, (_, i) => ({
			phone: phone(i),
			text: `Fault matrix SMS v2 ${i}`,
		})),
		units: [[0, 1, 2], [3, 4, 5], [6]],
		parameters: (timeout) => ({
			resource: 'sms',
			operation: 'send',
			phoneNumber: '={{ $json.phone }}',
			message: '={{ $json.text }}',
			options: { apiVersion: 'v2', batchSize: 3, timeout },
		}),
		phonesOf: (request) => rows(bodyOf(request).messages).map((row) => String(row.phone_number)),
		acceptedPhones: (sim) => sim.sentMessages().map((message) => message.phone_number),
		successFlag: true,
		acceptedNoun: 'SMS were already accepted by inSIM',
	},
	{
		name: 'templateSend',
		path: '/v2/templates/send',
		items: Array.from({ length: 7 }, (_, i) => ({ phone: phone(i), code: `C${i}` })),
		units: [[0, 1, 2], [3, 4, 5], [6]],
		parameters: (timeout) => ({
			resource: 'template',
			operation: 'send',
			templateId: { __rl: true, mode: 'id', value: MATRIX_TEMPLATE_ID },
			phoneNumber: '={{ $json.phone }}',
			variablesInput: 'fields',
			variables: { variable: [{ name: 'code', value: '={{ $json.code }}' }] },
			options: { batchSize: 3, timeout },
		}),
		phonesOf: (request) => rows(bodyOf(request).recipients).map((row) => String(row.phone_number)),
		acceptedPhones: (sim) => sim.sentMessages().map((message) => message.phone_number),
		successFlag: true,
		acceptedNoun: 'template SMS were already accepted by inSIM',
		seed: (sim) => {
			sim.store().templates.push({
				id: MATRIX_TEMPLATE_ID,
				name: 'Fault matrix',
				message: 'Your code is {code}',
				created: '2026-12-01 08:00:00',
				deleted: false,
			});
		},
	},
	{
		// Each item starts its own one-recipient campaign: a read of campaigns/detail, then the start.
		name: 'campaignStart',
		path: '/v2/campaigns/start',
		items: Array.from({ length: 3 }, (_, i) => ({ campaign: campaignId(i) })),
		units: [[0], [1], [2]],
		parameters: (timeout) => ({
			resource: 'campaign',
			operation: 'start',
			campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
			options: { timeout },
		}),
		phonesOf: (request) => {
			const id = String(bodyOf(request).campaign_id ?? '');
			const index = Array.from({ length: 3 }, (_, i) => campaignId(i)).indexOf(id);
			return index < 0 ? [] : [phone(index)];
		},
		acceptedPhones: (sim) => sim.sentMessages().map((message) => message.phone_number),
		successFlag: false,
		acceptedNoun: 'campaign was already started',
		seed: (sim) => {
			for (let i = 0; i < 3; i++) {
				sim.store().campaigns.push({
					id: campaignId(i),
					name: `Fault matrix ${i}`,
					message: `Campaign ${i}`,
					url: '',
					priority: 1,
					recipients: [phone(i)],
					status: 0,
					sent: 0,
					created: '2026-12-01 08:00:00',
				});
			}
		},
	},
];

/** What the plan says happens to each unit. */
interface UnitPlan {
	/** requests this unit takes */
	requests: number;
	/** the unit's items end up successes */
	succeeds: boolean;
	/** the simulator acted on the unit's rows */
	accepted: boolean;
	/** for failed units: may the rows have been processed? */
	mayHaveBeenProcessed?: boolean;
	/** for failed units: the error text */
	message?: RegExp;
}

function planUnits(op: OperationCase, fault: FaultCase, continueOnFail: boolean): UnitPlan[] {
	const faulted: UnitPlan = fault.recovers
		? { requests: fault.attempts, succeeds: true, accepted: true }
		: {
				requests: fault.attempts,
				succeeds: false,
				accepted: fault.serverProcesses,
				mayHaveBeenProcessed: fault.certainty === 'unknown',
				message: fault.message,
			};
	const ok: UnitPlan = { requests: 1, succeeds: true, accepted: true };
	let last: UnitPlan;
	if (fault.recovers) last = ok;
	else if (!continueOnFail) last = { requests: 0, succeeds: false, accepted: false };
	// One rule for every operation: later units are not attempted only after a failure every
	// request would share (credentials); a not-sent failure of one request leaves the next ones.
	else if (fault.certainty === 'notSent' && fault.fatal) {
		last = {
			requests: 0,
			succeeds: false,
			accepted: false,
			mayHaveBeenProcessed: false,
			message: /earlier request failed/i,
		};
	} else if (fault.rule.times === Infinity) {
		// The fault is still on: a unit sent on its own meets it again, with the same retries.
		last = { ...faulted };
	} else last = ok;
	return [ok, faulted, last];
}

/** JSON of anything, Error objects included with every own property (message, stack, cause …). */
function serializeAll(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function (_key, current: unknown) {
		if (typeof current === 'object' && current !== null) {
			if (seen.has(current)) return '[circular]';
			seen.add(current);
			if (current instanceof Error) {
				const copy: Record<string, unknown> = {};
				for (const name of Object.getOwnPropertyNames(current)) {
					copy[name] = (current as unknown as Record<string, unknown>)[name];
				}
				copy.cause = (current as { cause?: unknown }).cause;
				return copy;
			}
		}
		return current;
	});
}

function expectNoAccessKey(result: RunResult) {
	const secret = DEMO_ACCOUNT.accessKey;
	expect(serializeAll(result.output)).not.toContain(secret);
	expect(serializeAll(result.errorOutput)).not.toContain(secret);
	expect(serializeAll(result.error ?? null)).not.toContain(secret);
	expect(serializeAll(result.error?.description ?? null)).not.toContain(secret);
	expect(serializeAll(result.error?.context ?? null)).not.toContain(secret);
	expect(
		serializeAll((result.error as { cause?: unknown } | undefined)?.cause ?? null),
	).not.toContain(secret);
	expect(serializeAll(result.run.data.resultData)).not.toContain(secret);
}

function sameRows(request: RecordedRequest, op: OperationCase, unit: number[]): boolean {
	const sent = op.phonesOf(request);
	const wanted = unit.map((index) => phone(index));
	return sent.length === wanted.length && sent.every((value, i) => value === wanted[i]);
}

function expectNothingAcceptedTwice(op: OperationCase, sim: Simulator) {
	if (SENDS_SMS.includes(op.name)) {
		const pairs = sim.sentMessages().map((m) => `${m.phone_number}\u0000${m.message}`);
		expect(new Set(pairs).size).toBe(pairs.length);
		const fromLog = sim.requests.flatMap((request) =>
			request.acceptedMessages.map((m) => `${m.phone_number}\u0000${m.message}`),
		);
		expect(new Set(fromLog).size).toBe(fromLog.length);
		expect(fromLog.sort()).toEqual([...pairs].sort());
	}
	const phones = op.acceptedPhones(sim);
	expect(new Set(phones).size).toBe(phones.length);
}

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ latencyMs: 0 });
});

afterAll(async () => sim.close());

beforeEach(() => sim.reset());

test('the matrix covers every fault kind of the simulator', () => {
	expect(new Set(FAULT_CASES.map((fault) => fault.rule.kind))).toEqual(
		new Set<FaultKind>(FAULT_KINDS),
	);
});

function runOperation(op: OperationCase, baseUrl: string, continueOnFail: boolean, timeout = 10) {
	return runInsimNode({
		parameters: op.parameters(timeout),
		items: op.items,
		credentials: { login: DEMO_ACCOUNT.login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl },
		continueOnFail,
	});
}

const [SMS, CONTACT, CALL, SMS_V2, TEMPLATE_SEND] = OPERATIONS;

const MATRIX = OPERATIONS.flatMap((op) =>
	FAULT_CASES.flatMap((fault) =>
		[true, false].map((continueOnFail) => ({ op, fault, continueOnFail })),
	),
);

describe.each(MATRIX)(
	'$op.name × $fault.name × continueOnFail $continueOnFail',
	({ op, fault, continueOnFail }) => {
		test('one outcome per item, no double acceptance, no blind resend, no secret', async () => {
			op.seed?.(sim);
			sim.addFault({ ...fault.rule, path: op.path, skip: 1 });
			const timeout = fault.rule.kind === 'hang' ? 1 : 10;

			const result = await runOperation(op, sim.baseUrl, continueOnFail, timeout);
			const plan = planUnits(op, fault, continueOnFail);

			// --- What the simulator saw -------------------------------------------------------
			// Campaign Start reads campaigns/detail first; every other request is the operation's own.
			const apiRequests = sim.requests.filter((request) => request.path === op.path);
			const otherRequests = sim.requests.filter((request) => request.path !== op.path);
			expect(otherRequests.filter((request) => request.path !== '/v2/campaigns/detail')).toEqual(
				[],
			);
			expect(apiRequests).toHaveLength(plan.reduce((sum, unit) => sum + unit.requests, 0));
			op.units.forEach((unit, u) => {
				const forUnit = apiRequests.filter((request) => sameRows(request, op, unit));
				expect({ unit: u, requests: forUnit.length }).toEqual({
					unit: u,
					requests: plan[u].requests,
				});
			});
			// Requests go out in unit order, each unit's attempts back to back.
			const order = apiRequests.map((request) =>
				op.units.findIndex((unit) => sameRows(request, op, unit)),
			);
			expect(order).toEqual([...order].sort((a, b) => a - b));

			const faultedUnitRequests = apiRequests.filter((request) =>
				sameRows(request, op, op.units[1]),
			);
			expect(faultedUnitRequests.length).toBeGreaterThan(0);
			if (fault.recovers) {
				expect(faultedUnitRequests.map((request) => request.fault)).toEqual([
					fault.rule.kind,
					undefined,
				]);
				expect(faultedUnitRequests.map((request) => request.status)).toEqual([429, 200]);
			} else {
				expect(faultedUnitRequests.every((request) => request.fault === fault.rule.kind)).toBe(
					true,
				);
				expect(faultedUnitRequests.every((r) => r.processed === fault.serverProcesses)).toBe(true);
			}
			// Retries stay bounded: at most 4 attempts for one request.
			expect(faultedUnitRequests.length).toBeLessThanOrEqual(4);

			const expectedAccepted = op.units
				.flatMap((unit, u) => (plan[u].accepted ? unit : []))
				.map((index) => phone(index));
			expect([...op.acceptedPhones(sim)].sort()).toEqual([...expectedAccepted].sort());
			expectNothingAcceptedTwice(op, sim);

			// --- What n8n got -------------------------------------------------------------------
			expectNoAccessKey(result);
			expect(result.errorOutput).toEqual([]);

			const planOf = (itemIndex: number) =>
				plan[op.units.findIndex((unit) => unit.includes(itemIndex))];

			if (continueOnFail || fault.recovers) {
				expect(result.error).toBeUndefined();
				expect(result.output).toHaveLength(op.items.length);
				result.output.forEach((item: INodeExecutionData, index) => {
					expect(item.pairedItem).toEqual({ item: index });
					const expected = planOf(index);
					const json = item.json;
					if (expected.succeeds) {
						expect({ index, success: json.success, error: json.error }).toEqual({
							index,
							success: op.successFlag ? true : undefined,
							error: undefined,
						});
						return;
					}
					expect({ index, success: json.success }).toEqual({ index, success: false });
					expect(typeof json.error).toBe('string');
					expect(json.error).toMatch(expected.message!);
					expect({ index, may: json.mayHaveBeenProcessed }).toEqual({
						index,
						may: expected.mayHaveBeenProcessed,
					});
					if (expected.mayHaveBeenProcessed) {
						expect(`${String(json.error)} ${String(json.errorDescription)}`).toMatch(
							UNKNOWN_ADVICE,
						);
					}
				});
				return;
			}

			// Continue On Fail off: the node fails, and says what was already done.
			expect(result.output).toEqual([]);
			expect(result.error).toBeDefined();
			const error = result.error!;
			expect(error.message).toMatch(fault.message);
			if (fault.certainty === 'unknown') {
				expect(`${error.message} ${error.description}`).toMatch(UNKNOWN_ADVICE);
			}
			const accepted = op.units[0];
			const range = accepted.length > 1 ? `${accepted[0]}–${accepted.at(-1)}` : `${accepted[0]}`;
			expect(error.message).toContain(`${accepted.length} ${op.acceptedNoun}`);
			expect(error.description).toContain(`(items ${range})`);
			expect(error.context?.acceptedItems).toEqual(accepted);
			expect(error.context?.deliveryCertainty).toBe(fault.certainty);
			// Rate-limit waits (Retry-After 1 s, 4 attempts) for two units exceed jest's 5 s default.
		}, 30_000);
	},
);

describe('connection refused (nothing listens on the base URL)', () => {
	const CASES: Array<{ op: OperationCase; continueOnFail: boolean }> = [
		{ op: SMS, continueOnFail: true },
		{ op: SMS, continueOnFail: false },
		{ op: CONTACT, continueOnFail: true },
		{ op: CALL, continueOnFail: false },
		{ op: SMS_V2, continueOnFail: true },
		{ op: TEMPLATE_SEND, continueOnFail: false },
	];
	// Each case runs once; its checks share the result.
	const runs = new Map<(typeof CASES)[number], { result: RunResult; elapsed: number }>();

	beforeAll(async () => {
		const dead = await startSimulator();
		const deadBaseUrl = dead.baseUrl;
		await dead.close();
		sim.reset();
		for (const refusedCase of CASES) {
			const started = Date.now();
			const result = await runOperation(refusedCase.op, deadBaseUrl, refusedCase.continueOnFail);
			runs.set(refusedCase, { result, elapsed: Date.now() - started });
		}
		expect(sim.requests).toHaveLength(0);
	}, 45_000);

	test.each(CASES)(
		'$op.name, continueOnFail $continueOnFail: an error per item, nothing accepted, bounded time',
		(refusedCase) => {
			const { result, elapsed } = runs.get(refusedCase)!;
			const { op, continueOnFail } = refusedCase;

			expect(elapsed).toBeLessThan(10_000);
			expectNoAccessKey(result);
			if (continueOnFail) {
				expect(result.error).toBeUndefined();
				expect(result.output).toHaveLength(op.items.length);
				result.output.forEach((item, index) => {
					expect(item.pairedItem).toEqual({ item: index });
					expect(item.json.success).toBe(false);
					expect(typeof item.json.error).toBe('string');
				});
			} else {
				expect(result.output).toEqual([]);
				expect(result.error).toBeDefined();
				expect(result.error?.message).not.toMatch(/already/);
				expect(result.error?.context?.acceptedItems).toBeUndefined();
			}
		},
	);

	// n8n-core's httpRequestWithAuthentication wraps the axios error in a NodeApiError whose
	// `cause` n8n-workflow 2.11.1 drops: the transport must still find ECONNREFUSED to retry it.
	test.each(CASES)(
		'$op.name, continueOnFail $continueOnFail: says it could not connect and that nothing was sent',
		(refusedCase) => {
			const { result, elapsed } = runs.get(refusedCase)!;

			// Connection-refused is retried (0.5 + 1 + 2 s of back-off), once per request at most.
			expect(elapsed).toBeGreaterThanOrEqual(3000);
			if (refusedCase.continueOnFail) {
				result.output.forEach((item) => {
					expect(item.json.error).toMatch(/Could not connect to inSIM/);
					expect(item.json.mayHaveBeenProcessed).toBe(false);
				});
			} else {
				expect(result.error?.message).toMatch(/Could not connect to inSIM/);
				expect(result.error?.context?.deliveryCertainty).toBe('notSent');
			}
		},
	);
});

describe('regressions found by the matrix', () => {
	// The timeout's code also hides in the wrapped error: it must still read as a timeout.
	test.each(OPERATIONS)('$name: a timeout is reported as a timeout', async (op) => {
		op.seed?.(sim);
		sim.addFault({ kind: 'hang', path: op.path, skip: 1 });
		const result = await runOperation(op, sim.baseUrl, true, 1);

		expect(result.output[op.units[1][0]].json.error).toMatch(/did not answer .* within 1 s/);
	});

	// Click-to-call error items say whether the call may have started, like SMS and contacts.
	test.each([
		{ kind: 'resetAfterProcessing' as const, may: true },
		{ kind: 'badCredentials' as const, may: false },
	])(
		'click-to-call $kind: the error item says mayHaveBeenProcessed $may',
		async ({ kind, may }) => {
			sim.addFault({ kind, path: CALL.path, skip: 1 });
			const result = await runOperation(CALL, sim.baseUrl, true);

			expect(result.output[1].json.success).toBe(false);
			expect(result.output[1].json.mayHaveBeenProcessed).toBe(may);
		},
	);

	// A 5xx with a JSON error body must warn that the request may have been processed.
	test.each(['http500', 'http500AfterProcessing'] as const)(
		'click-to-call %s: the error warns that the call may have started',
		async (kind) => {
			sim.addFault({ kind, path: CALL.path, skip: 1 });
			const result = await runOperation(CALL, sim.baseUrl, true);
			const json = result.output[1].json;

			expect(json.success).toBe(false);
			expect(`${String(json.error)} ${String(json.errorDescription)}`).toMatch(UNKNOWN_ADVICE);
		},
	);
});
