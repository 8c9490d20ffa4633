/**
 * `npm start` as a person runs it: the script in its own process, a real n8n and the simulator,
 * then Ctrl-C. Checks what it promises: the editor with the owner login it printed, the inSIM
 * credential and the example workflows in it, the trigger examples live, and both servers gone
 * after SIGINT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../scripts/n8n';
import { DEMO_OWNER, READY_LINE } from '../../scripts/start';

const START_TIMEOUT_MS = 300_000;

let demo: ChildProcess | undefined;
let output = '';
let exited: Promise<number | null>;
const userFolder = mkdtempSync(join(tmpdir(), 'insim-demo-e2e-'));

function printed(label: string): string {
	const match = new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(output);
	if (!match) throw new Error(`npm start did not print "${label}":\n${output.slice(-3000)}`);
	return match[1];
}

beforeAll(async () => {
	// What `npm start` runs, with free ports and a throw-away user folder; dist/ is fresh (globalSetup).
	demo = spawn(
		join(REPO_ROOT, 'node_modules', '.bin', 'ts-node'),
		['--transpile-only', 'scripts/start.ts', '--port', '0', '--sim-port', '0'].concat([
			'--user-folder',
			userFolder,
			'--no-build',
		]),
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	exited = new Promise((resolve) => demo?.once('exit', (code) => resolve(code)));
	demo.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	demo.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (!output.includes(READY_LINE)) {
		if (demo.exitCode !== null) throw new Error(`[e2e:start] npm start exited early:\n${output}`);
		if (Date.now() > deadline) throw new Error(`[e2e:start] npm start not ready:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}, START_TIMEOUT_MS + 10_000);

afterAll(async () => {
	if (demo && demo.exitCode === null) {
		demo.kill('SIGKILL');
		await exited;
	}
	rmSync(userFolder, { recursive: true, force: true });
}, 60_000);

async function logIn(editorUrl: string): Promise<string> {
	const login = await fetch(`${editorUrl}rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password }),
	});
	expect(login.status).toBe(200);
	const cookie = login.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
	expect(cookie).toBeDefined();
	return (cookie as string).split(';')[0];
}

test('the editor is up with the printed owner login, the credential and every example', async () => {
	const editorUrl = printed('n8n editor');
	expect(printed('Owner login')).toBe(DEMO_OWNER.email);
	const cookie = await logIn(editorUrl);

	const credentials = (await (
		await fetch(`${editorUrl}rest/credentials`, { headers: { cookie } })
	).json()) as { data: Array<{ name: string; type: string }> };
	expect(credentials.data).toEqual(
		expect.arrayContaining([expect.objectContaining({ name: 'inSIM account', type: 'insimApi' })]),
	);

	const workflows = (await (
		await fetch(`${editorUrl}rest/workflows`, { headers: { cookie } })
	).json()) as { data: Array<{ name: string }> };
	const names = workflows.data
		.map((workflow) => workflow.name)
		.filter((name) => name.startsWith('inSIM example'));
	// Every workflow in examples/ is imported (there are eight today).
	const exampleFiles = readdirSync(join(REPO_ROOT, 'examples')).filter((name) =>
		name.endsWith('.json'),
	);
	expect(exampleFiles.length).toBeGreaterThanOrEqual(8);
	expect(names).toHaveLength(exampleFiles.length);
}, 60_000);

test('an incoming SMS fired by the simulator runs the published auto-reply example', async () => {
	const simulatorApi = printed('Simulator');
	const origin = new URL(simulatorApi).origin;
	const webhooks = (await (await fetch(`${origin}/__sim/webhooks`)).json()) as Record<
		string,
		string
	>;
	expect(webhooks.incoming_sms).toMatch(/\/webhook\/insim-incoming-sms\/webhook$/);

	const fired = await fetch(`${origin}/__sim/fire-webhook`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			callbackUrl: webhooks.incoming_sms,
			param: 'message',
			payload: {
				device_identification: 'demo@insim.test',
				title: 'incoming_sms',
				from: '+33611223344',
				message: 'Is my order ready? 50% sure',
				date: '2026-01-15T14:30:00.000Z',
			},
		}),
	});
	expect(((await fired.json()) as { status: number }).status).toBe(200);

	// The auto-reply went out through the inSIM node and the log row reached the demo CRM.
	const deadline = Date.now() + 30_000;
	let logRows: Array<{ path: string; body: Record<string, unknown> }> = [];
	while (logRows.length === 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const recorded = (await (await fetch(`${origin}/__sim/recorder`)).json()) as typeof logRows;
		logRows = recorded.filter((entry) => entry.path === '/crm/sms-log');
	}
	expect(logRows).toEqual([
		expect.objectContaining({
			body: expect.objectContaining({ from: '+33611223344', text: 'Is my order ready? 50% sure' }),
		}),
	]);
	const messages = (await (await fetch(`${origin}/__sim/messages`)).json()) as Array<{
		phone_number: string;
	}>;
	expect(messages.map((message) => message.phone_number)).toEqual(['+33611223344']);
}, 60_000);

test('Ctrl-C stops n8n and the simulator and exits 0', async () => {
	const editorUrl = printed('n8n editor');
	const origin = new URL(printed('Simulator')).origin;
	demo?.kill('SIGINT');
	expect(await exited).toBe(0);
	expect(output).toContain('[demo] Stopped.');
	await expect(fetch(`${editorUrl}healthz`)).rejects.toThrow();
	await expect(fetch(`${origin}/__sim/health`)).rejects.toThrow();
}, 60_000);
