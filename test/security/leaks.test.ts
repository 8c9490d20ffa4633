/**
 * The access key goes only to the configured inSIM host and never into what the node produces.
 * The real node runs in n8n-core's WorkflowExecute against a hostile inSIM on loopback that
 * echoes the key-bearing body in every kind of answer, redirects it elsewhere, or never answers;
 * everything the run produced (output, error output, the node error with its stack and cause,
 * the whole run data) is searched for every spelling of the key.
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';

import { runInsimNode, type RunResult } from '../engine/harness';
import {
	ANSWER_MODES,
	CANARY_KEY,
	CANARY_LOGIN,
	INVALID_OPTIONS,
	OPERATIONS,
	REDIRECT_MODES,
	ROWS,
	operationNamed,
	type OperationCase,
} from './common';
import { countLeaks, startHostileInsim, type HostileInsim, type HostileMode } from './hostileInsim';
import { secretScrubber, scrubDeep, secretVariants } from '../../nodes/Insim/transport';

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
const ON_ERROR: OnError[] = ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'];

let hostile: HostileInsim;
const tally = { cases: 0, requests: 0, leaks: 0 };

beforeAll(async () => {
	hostile = await startHostileInsim({ accessKey: CANARY_KEY });
});

afterAll(async () => {
	await hostile.close();
	process.stderr.write(
		`[security:in-process] cases ${tally.cases}, requests to the configured host ${hostile.received.length}, ` +
			`requests elsewhere ${hostile.strayed.length}, leaks ${tally.leaks}\n`,
	);
});

async function run(
	operation: OperationCase,
	mode: HostileMode | string,
	onError: OnError,
	extra = {},
) {
	const parameters = { ...operation.parameters };
	if (Object.keys(extra).length > 0) {
		parameters.options = { ...(parameters.options as object), ...extra };
	}
	return await runInsimNode({
		parameters: parameters as never,
		items: ROWS,
		credentials: { login: CANARY_LOGIN, apiKey: CANARY_KEY, baseUrl: hostile.baseUrl(mode) },
		onError,
	});
}

/** Everything the run produced, as n8n would store or show it. */
function producedText(result: RunResult): string {
	const error = result.error as (Error & Record<string, unknown>) | undefined;
	const errorParts = error
		? [
				error.message,
				String(error.description ?? ''),
				String(error.stack ?? ''),
				safeJson(error),
				safeJson(error.cause),
				safeJson(error.context),
			]
		: [];
	const itemErrors = [...result.output, ...result.errorOutput].flatMap((item) =>
		item.error
			? [item.error.message, String(item.error.description ?? ''), String(item.error.stack ?? '')]
			: [],
	);
	return [
		safeJson(result.output),
		safeJson(result.errorOutput),
		safeJson(result.run.data),
		...errorParts,
		...itemErrors,
	].join('\n');
}

function errorTexts(result: RunResult): string {
	const texts: string[] = [];
	if (result.error) texts.push(result.error.message, String(result.error.description ?? ''));
	for (const item of [...result.output, ...result.errorOutput]) {
		if (item.error) texts.push(item.error.message, String(item.error.description ?? ''));
		if (typeof item.json.error === 'string') texts.push(item.json.error);
		if (typeof item.json.errorDescription === 'string') texts.push(item.json.errorDescription);
	}
	return texts.join('\n');
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return String(value);
	}
}

function expectNoLeak(result: RunResult) {
	tally.cases++;
	const leaks = countLeaks(producedText(result), CANARY_KEY);
	tally.leaks += leaks;
	expect(leaks).toBe(0);
	// The login is no secret in an answer (it names the account), but errors never quote it.
	expect(errorTexts(result)).not.toContain(CANARY_LOGIN);
}

describe('the scrubber', () => {
	test('covers the key as sent, JSON-escaped, PHP-escaped, URL-encoded and HTML-escaped', () => {
		const scrub = secretScrubber([CANARY_KEY]);
		const forms = secretVariants(CANARY_KEY);
		expect(forms.length).toBeGreaterThanOrEqual(7);
		for (const form of forms) expect(scrub(`a ${form} b`)).toBe('a *** b');
		expect(scrub(JSON.stringify({ header: { accessKey: CANARY_KEY } }))).not.toContain('Canary');
	});

	test('scrubs deep values and keys without recursion and without touching prototypes', () => {
		let deep: Record<string, unknown> = { text: CANARY_KEY };
		for (let depth = 0; depth < 20000; depth++) deep = { next: deep };
		const parsed = JSON.parse(
			`{"__proto__":{"x":"${JSON.stringify(CANARY_KEY).slice(1, -1)}"},"${JSON.stringify(CANARY_KEY).slice(1, -1)}":1}`,
		);
		const scrub = secretScrubber([CANARY_KEY]);
		scrubDeep(deep, scrub);
		scrubDeep(parsed, scrub);
		expect(JSON.stringify(parsed)).not.toContain('Canary');
		expect(({} as Record<string, unknown>).x).toBeUndefined();
		let cursor = deep;
		while (cursor.next) cursor = cursor.next as Record<string, unknown>;
		expect(cursor.text).toBe('***');
	});
});

describe('n8n-core follows redirects unless told not to (control for the catcher)', () => {
	test('without disableFollowRedirect a 307 carries the body to the other port; with it, nothing', async () => {
		const before = hostile.strayed.length;
		const url = `${hostile.baseUrl('redirect307')}/v1/sendsms`;
		await httpRequest({
			method: 'POST',
			url,
			body: { header: { accessKey: 'control' } },
			json: true,
		});
		expect(hostile.strayed.length).toBe(before + 1);
		expect(hostile.strayed[before].body).toContain('control');
		hostile.strayed.length = before;
		const answer = (await httpRequest({
			method: 'POST',
			url,
			body: { header: { accessKey: 'control' } },
			json: true,
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		})) as { statusCode: number };
		expect(answer.statusCode).toBe(307);
		expect(hostile.strayed.length).toBe(before);
	});
});

describe('hostile answers: the key never reaches output, errors or run data', () => {
	const cases = OPERATIONS.flatMap((operation) =>
		ANSWER_MODES.flatMap((mode) => ON_ERROR.map((onError) => ({ operation, mode, onError }))),
	);
	test.each(cases.map((c) => [c.operation.name, c.mode, c.onError, c] as const))(
		'%s, %s, %s',
		async (_name, _mode, _onError, { operation, mode, onError }) => {
			const result = await run(operation, mode, onError);
			expectNoLeak(result);
			// Something failed and said so, or (echoInSuccess) the items came back scrubbed.
			expect(
				result.error !== undefined || result.output.length + result.errorOutput.length > 0,
			).toBe(true);
		},
	);
});

describe('redirects: never followed, a clear error naming the target, nothing elsewhere', () => {
	const cases = OPERATIONS.flatMap((operation) =>
		REDIRECT_MODES.map((mode) => ({ operation, mode })),
	);
	test.each(cases.map((c) => [c.operation.name, c.mode, c] as const))(
		'%s, %s',
		async (_name, _mode, { operation, mode }) => {
			const result = await run(operation, mode, 'continueRegularOutput');
			expectNoLeak(result);
			expect(hostile.strayed).toEqual([]);
			const texts = errorTexts(result);
			expect(texts).toMatch(/redirect \(HTTP 30[12378]\) to http:\/\/(127\.0\.0\.1|localhost):\d+/);
			expect(texts).toContain('does not follow redirects');
		},
	);
});

describe('invalid numeric options: an error naming the field, before anything is sent', () => {
	test.each(
		INVALID_OPTIONS.map((c) => [c.operation, c.field, JSON.stringify(c.options), c] as const),
	)('%s: %s %s', async (_operation, _field, _options, { field, operation, options }) => {
		const before = hostile.received.length;
		const started = Date.now();
		for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
			const result = await run(operationNamed(operation), 'hang', onError, options);
			expectNoLeak(result);
			expect(errorTexts(result)).toContain(`"${field}"`);
			expect(result.output.filter((item) => item.json.success === true)).toEqual([]);
		}
		expect(hostile.received.length).toBe(before);
		expect(Date.now() - started).toBeLessThan(10000);
	});

	test('a server that never answers is given up after the Timeout (1 s), not 90 s', async () => {
		const started = Date.now();
		const result = await run(operationNamed('SMS Send'), 'hang', 'continueRegularOutput', {
			timeout: 1,
			batchSize: 3,
		});
		expectNoLeak(result);
		expect(Date.now() - started).toBeLessThan(8000);
		expect(result.output.map((item) => item.json.success)).toEqual([false, false, false]);
		expect(String(result.output[0].json.error)).toContain('did not answer');
	});
});
