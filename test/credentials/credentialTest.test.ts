/**
 * The inSIM credential's "Test" button, run the way n8n runs it (see credentialTester.ts): the
 * declarative `test.request` goes through n8n-core's RoutingNode, the credential's own
 * `authenticate`, and the CLI's rules and error mapping, against the local simulator.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

import type { ICredentialTestRequest } from 'n8n-workflow';

import { ACCOUNT_CHECK_TIMEOUT_SECONDS, InsimApi } from '../../credentials/InsimApi.credentials';
import {
	BAD_CREDENTIALS_BODY,
	DEMO_ACCOUNT,
	startSimulator,
	type RecordedRequest,
	type SimAccount,
	type Simulator,
} from '../simulator';
import { testCredentials, type CredentialTestRun } from '../engine/credentialTester';

const INACTIVE_ACCOUNT: SimAccount = {
	login: 'inactive@insim.test',
	accessKey: 'sim-access-key-inactive-0001',
	plan: 'premium',
	active: false,
};
const WRONG_KEY = 'wrong-access-key-7f3a9c';

const RULES = (new InsimApi().test as ICredentialTestRequest).rules ?? [];
const ruleMessage = (value: unknown): string => {
	const rule = RULES.find((r) => r.type === 'responseSuccessBody' && r.properties.value === value);
	if (!rule || rule.type !== 'responseSuccessBody') throw new Error(`no rule for ${String(value)}`);
	return rule.properties.message;
};

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ accounts: [DEMO_ACCOUNT, INACTIVE_ACCOUNT] });
});

afterAll(async () => sim.close());

beforeEach(() => {
	sim.reset();
	sim.setOptions({ badCredentialsStatus: 401 });
});

function credentials(overrides: { login?: string; apiKey?: string; baseUrl?: string } = {}) {
	return {
		login: DEMO_ACCOUNT.login,
		apiKey: DEMO_ACCOUNT.accessKey,
		baseUrl: sim.baseUrl,
		...overrides,
	};
}

/** Every request must be the documented account check: POST /v2/account, flat JSON body. */
function expectAccountChecks(requests: RecordedRequest[], login: string, accessKey: string) {
	expect(requests.length).toBeGreaterThan(0);
	for (const request of requests) {
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v2/account');
		expect(request.url).toBe('/api/v2/account');
		expect(String(request.headers['content-type'])).toMatch(/^application\/json/);
		expect(request.body).toEqual({ login, accessKey });
		expect(request.body).not.toHaveProperty('header');
		// The key rides in the body only, never in a header or the query string.
		expect(JSON.stringify(request.headers)).not.toContain(accessKey);
	}
}

/** Nothing the editor shows may quote a secret. */
function expectNoSecret(run: CredentialTestRun, ...secrets: string[]) {
	const shown = JSON.stringify(run.result);
	for (const secret of secrets) expect(shown).not.toContain(secret);
}

describe('inSIM credential test, as n8n runs it', () => {
	test('good credentials: OK, after exactly one POST /v2/account with a flat body', async () => {
		const run = await testCredentials(credentials());

		expect(run.result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		expectAccountChecks(sim.requests, DEMO_ACCOUNT.login, DEMO_ACCOUNT.accessKey);
		expect(sim.requests[0].status).toBe(200);
		expect(sim.requests[0].processed).toBe(true);
		// The body came from the `={{$credentials.…}}` expressions, then the credential's own
		// authenticate function (v2 → flat), exactly once.
		expect(run.credentialsHelper.authenticateCalls).toHaveLength(1);
		expect(run.credentialsHelper.authenticateCalls[0].body).toEqual({
			login: DEMO_ACCOUNT.login,
			accessKey: DEMO_ACCOUNT.accessKey,
		});
		expect(run.response?.[0]?.[0]?.json).toMatchObject({
			success: true,
			account: { login: DEMO_ACCOUNT.login, active: true },
		});
		expectNoSecret(run, DEMO_ACCOUNT.accessKey);
	});

	test('a login with surrounding spaces is trimmed by authenticate and still passes', async () => {
		const run = await testCredentials(credentials({ login: `  ${DEMO_ACCOUNT.login} ` }));

		expect(run.result.status).toBe('OK');
		expectAccountChecks(sim.requests, DEMO_ACCOUNT.login, DEMO_ACCOUNT.accessKey);
	});

	test('wrong access key answered with HTTP 200: the INVALID_CREDENTIALS rule message', async () => {
		sim.setOptions({ badCredentialsStatus: 200 });
		const run = await testCredentials(credentials({ apiKey: WRONG_KEY }));

		expect(run.result).toEqual({
			status: 'Error',
			message: ruleMessage(BAD_CREDENTIALS_BODY.error_code),
		});
		expect(run.result.message).toMatch(/INVALID_CREDENTIALS/);
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].status).toBe(200);
		expectAccountChecks(sim.requests, DEMO_ACCOUNT.login, WRONG_KEY);
		expectNoSecret(run, WRONG_KEY, DEMO_ACCOUNT.accessKey);
	});

	test('unknown login answered with HTTP 200: the INVALID_CREDENTIALS rule message', async () => {
		sim.setOptions({ badCredentialsStatus: 200 });
		const run = await testCredentials(credentials({ login: 'nobody@insim.test' }));

		expect(run.result).toEqual({
			status: 'Error',
			message: ruleMessage('INVALID_CREDENTIALS'),
		});
		expectAccountChecks(sim.requests, 'nobody@insim.test', DEMO_ACCOUNT.accessKey);
		expectNoSecret(run, DEMO_ACCOUNT.accessKey);
	});

	test('wrong access key answered with HTTP 401: Error, with n8n’s text for a 401', async () => {
		const run = await testCredentials(credentials({ apiKey: WRONG_KEY }));

		expect(run.result.status).toBe('Error');
		// n8n-workflow 2.11.1's NodeApiError drops an Error `cause`, so the CLI falls back to the
		// error's message: NodeApiError's wording for HTTP 401.
		expect(run.result.message).toMatch(/Authorization failed.*credentials/i);
		expect((run.thrown as { httpCode?: string }).httpCode).toBe('401');
		// n8n-core retries a 401 once after preAuthentication: the check is sent twice, never more.
		expect(sim.requests).toHaveLength(2);
		expect(sim.requests.every((request) => request.status === 401)).toBe(true);
		expectAccountChecks(sim.requests, DEMO_ACCOUNT.login, WRONG_KEY);
		expectNoSecret(run, WRONG_KEY, DEMO_ACCOUNT.accessKey);
	});

	test('a base URL with a trailing slash reaches /api/v2/account, not //v2/account', async () => {
		const run = await testCredentials(credentials({ baseUrl: `${sim.baseUrl}/` }));

		expect(run.result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		expectAccountChecks(sim.requests, DEMO_ACCOUNT.login, DEMO_ACCOUNT.accessKey);
	});

	test('a base URL without /api gets a 404 from the server and fails the test', async () => {
		const run = await testCredentials(credentials({ baseUrl: sim.origin }));

		expect(run.result.status).toBe('Error');
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].path).toBe('/v2/account');
		expect(sim.requests[0].url).toBe('/v2/account');
		expect(sim.requests[0].status).toBe(404);
		expectNoSecret(run, DEMO_ACCOUNT.accessKey);
	});

	test('a base URL where nothing listens: Error about the connection, quickly', async () => {
		const port = await freePort();
		const started = Date.now();
		const run = await testCredentials(credentials({ baseUrl: `http://127.0.0.1:${port}/api` }));

		expect(run.result.status).toBe('Error');
		expect(run.result.message).toMatch(/connection|ECONNREFUSED/i);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(sim.requests).toHaveLength(0);
		expectNoSecret(run, DEMO_ACCOUNT.accessKey);
	});

	// n8n-core's RoutingNode gives a declarative test 300 s whatever `test.request` says; against
	// n8n 2.40.7 the Test button answered after 333 s. The credential bounds it itself.
	test(
		'an API Base URL that accepts the connection and never answers: Error within the bound',
		async () => {
			const silent = await silentServer();
			try {
				const started = Date.now();
				const run = await testCredentials(credentials({ baseUrl: `${silent.url}/api` }));
				const elapsedSeconds = (Date.now() - started) / 1000;

				expect(run.result.status).toBe('Error');
				// n8n's own words for an aborted request (the CLI shows the error code instead).
				expect(run.result.message).toMatch(/aborted|ECONNABORTED|timed? ?out/i);
				expect(elapsedSeconds).toBeGreaterThanOrEqual(ACCOUNT_CHECK_TIMEOUT_SECONDS - 1);
				expect(elapsedSeconds).toBeLessThan(ACCOUNT_CHECK_TIMEOUT_SECONDS + 10);
				// One connection: the request was sent once and waited on, not retried.
				expect(silent.connections).toHaveLength(1);
				expect(silent.received()).toContain('POST /api/v2/account');
				expectNoSecret(run, DEMO_ACCOUNT.accessKey);
			} finally {
				await silent.close();
			}
		},
		(ACCOUNT_CHECK_TIMEOUT_SECONDS + 30) * 1000,
	);

	test('the bound applies to the credential test only, never to the node’s own requests', async () => {
		const type = new InsimApi();
		const secrets = { login: 'a@b.c', apiKey: 'k-12345678', baseUrl: sim.baseUrl };
		const test = await type.authenticate(secrets, {
			baseURL: sim.baseUrl,
			url: '/v2/account',
			method: 'POST',
			timeout: 300_000,
		});
		expect(test.timeout).toBe(ACCOUNT_CHECK_TIMEOUT_SECONDS * 1000);
		// Account → Get with a Timeout of 120 s: an absolute URL, left as the node set it.
		const node = await type.authenticate(secrets, {
			url: `${sim.baseUrl}/v2/account`,
			method: 'POST',
			timeout: 120_000,
		});
		expect(node.timeout).toBe(120_000);
	});

	test('the access key is in no result message, whatever the outcome', async () => {
		const port = await freePort();
		const cases = [
			credentials(),
			credentials({ apiKey: WRONG_KEY }),
			credentials({ baseUrl: sim.origin }),
			credentials({ baseUrl: `http://127.0.0.1:${port}/api` }),
		];
		const statuses: string[] = [];
		for (const badCredentialsStatus of [200, 401]) {
			sim.setOptions({ badCredentialsStatus });
			for (const data of cases) {
				const run = await testCredentials(data);
				statuses.push(run.result.status);
				expectNoSecret(run, data.apiKey, DEMO_ACCOUNT.accessKey, WRONG_KEY);
			}
		}
		expect(statuses).toEqual(['OK', 'Error', 'Error', 'Error', 'OK', 'Error', 'Error', 'Error']);
	});

	test('an inactive account answers success:true, active:false to the check', async () => {
		const run = await testCredentials(
			credentials({ login: INACTIVE_ACCOUNT.login, apiKey: INACTIVE_ACCOUNT.accessKey }),
		);

		expect(sim.requests).toHaveLength(1);
		expectAccountChecks(sim.requests, INACTIVE_ACCOUNT.login, INACTIVE_ACCOUNT.accessKey);
		expect(run.response?.[0]?.[0]?.json).toMatchObject({
			success: true,
			account: { active: false },
		});
		expectNoSecret(run, INACTIVE_ACCOUNT.accessKey);
	});

	// Every SMS, contact and call of an inactive account fails with ACCOUNT_INACTIVE (HTTP 403):
	// the test must say so up front.
	test('an inactive account fails the test with a message about the account', async () => {
		const run = await testCredentials(
			credentials({ login: INACTIVE_ACCOUNT.login, apiKey: INACTIVE_ACCOUNT.accessKey }),
		);

		expect(run.result.status).toBe('Error');
		expect(run.result.message).toMatch(/inactive|active/i);
	});

	// A 200 answer that is not inSIM's JSON (a proxy or captive-portal login page) carries no
	// `success` flag: the rule on `success: undefined` catches it.
	test('a 200 HTML page instead of inSIM’s JSON fails the test', async () => {
		sim.addFault({ kind: 'html', path: '/v2/account' });
		const run = await testCredentials(credentials());

		expect(sim.requests[0].fault).toBe('html');
		expect(run.result.status).toBe('Error');
	});

	test('a 200 HTML page reaches the rules as a string (what the rule above relies on)', async () => {
		sim.addFault({ kind: 'html', path: '/v2/account' });
		const run = await testCredentials(credentials());

		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].fault).toBe('html');
		expect(sim.requests[0].status).toBe(200);
		expect(run.thrown).toBeUndefined();
		expect(String(run.response?.[0]?.[0]?.json)).toMatch(/^<!DOCTYPE html>/);
	});
});

/** A server that accepts every connection, reads what comes and never answers. */
async function silentServer() {
	const connections: Socket[] = [];
	const chunks: Buffer[] = [];
	const server = createServer((socket) => {
		connections.push(socket);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		connections,
		received: () => Buffer.concat(chunks).toString('utf8'),
		close: async () => {
			for (const socket of connections) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A port nothing listens on: bind one, read it, close it. */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
