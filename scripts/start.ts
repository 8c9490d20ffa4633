// `npm start`: the package inside a real n8n, next to the local inSIM simulator, ready to click.
// Builds the package, starts the simulator and n8n (installed into .n8n-cache/ on the first run),
// imports an `inSIM API` credential pointing at the simulator and the example workflows, publishes
// the trigger examples and points the simulator's callback URLs at them. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';

import {
	REPO_ROOT,
	cacheDir,
	startN8n,
	stopAllGuarded,
	type N8nInstance,
	type OwnerLogin,
	type WorkflowToImport,
} from './n8n';
import { DEMO_ACCOUNT, startSimulator, type Simulator, type WebhookKey } from '../test/simulator';

/** The examples call the demo CRM (the simulator's recorder) at this origin. */
const EXAMPLES_SIMULATOR_ORIGIN = 'http://127.0.0.1:3999';
const EXAMPLES_CREDENTIAL = { id: 'insimDemoCredential', name: 'inSIM account' };

/** Fixed, so that a second run logs into the same kept user folder. Local demo only. */
export const DEMO_OWNER: OwnerLogin = {
	email: 'owner@insim.local',
	password: 'Insim-Demo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** Which simulator callback each published example receives (as the inSIM dashboard would). */
const EXAMPLE_CALLBACKS: Record<string, WebhookKey[]> = {
	'insim-incoming-sms': ['incoming_sms'],
	'insim-missed-call': ['call_events'],
	'insim-delivery-clicks': ['delivery_status', 'link_clicks'],
	'insim-call-qualified': ['call_qualifications'],
};

/** Printed on stdout once everything is up; the e2e test of `npm start` waits for it. */
export const READY_LINE = 'inSIM demo is ready';

export interface DemoOptions {
	n8nPort: number;
	simulatorPort: number;
	userFolder: string;
	build: boolean;
}

export interface Demo {
	n8n: N8nInstance;
	sim: Simulator;
	workflowIds: Record<string, string>;
	stop(): Promise<void>;
}

const USAGE = `Usage: npm start -- [options]
  --port <n>          n8n's port (default 5678, or a free one if taken)
  --sim-port <n>      the simulator's port (default 3999, or a free one if taken)
  --user-folder <dir> n8n's user folder (default .n8n-cache/demo, kept between runs)
  --no-build          use dist/ as it is`;

export function parseArgs(argv: string[]): DemoOptions | 'help' {
	const options: DemoOptions = {
		n8nPort: 5678,
		simulatorPort: 3999,
		userFolder: join(cacheDir(), 'demo'),
		build: true,
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
			return next;
		};
		if (flag === '--port') options.n8nPort = Number(value());
		else if (flag === '--sim-port') options.simulatorPort = Number(value());
		else if (flag === '--user-folder') options.userFolder = value();
		else if (flag === '--no-build') options.build = false;
		else if (flag === '--help' || flag === '-h') return 'help';
		else throw new Error(`unknown option ${flag}\n${USAGE}`);
	}
	for (const [name, port] of [
		['--port', options.n8nPort],
		['--sim-port', options.simulatorPort],
	] as const) {
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}: not a port`);
	}
	return options;
}

/** `preferred` when nothing listens there, else 0 (the system picks a free port). */
async function portOrAny(preferred: number): Promise<number> {
	if (preferred === 0) return 0;
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(0));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
	});
}

function loadExample(file: string, simulatorOrigin: string): WorkflowToImport {
	const text = readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')
		.split(EXAMPLES_SIMULATOR_ORIGIN)
		.join(simulatorOrigin);
	return JSON.parse(text) as WorkflowToImport;
}

const say = (line = ''): void => {
	process.stdout.write(`${line}\n`);
};

export async function startDemo(options: DemoOptions): Promise<Demo> {
	if (options.build) {
		say('[demo] Building the package (npm run build)...');
		const build = spawnSync('npm', ['run', '--silent', 'build'], {
			cwd: REPO_ROOT,
			stdio: 'inherit',
		});
		if (build.status !== 0) throw new Error(`npm run build exited with ${build.status}`);
	}

	const simulatorPort = await portOrAny(options.simulatorPort);
	const sim = await startSimulator({
		port: simulatorPort,
		autoDeliveryReports: true,
		// Contacts, lists, templates and calls, so the pickers and Get Many show something at once.
		demoData: true,
	});
	say(`[demo] inSIM simulator listening at ${sim.baseUrl}`);
	if (simulatorPort !== options.simulatorPort) {
		say(`[demo]   (port ${options.simulatorPort} is taken; the examples are pointed at this one)`);
	}

	let n8n: N8nInstance | undefined;
	try {
		n8n = await startN8n({
			// 0: startN8n picks a free port itself.
			port: (await portOrAny(options.n8nPort)) || undefined,
			userFolder: options.userFolder,
			owner: DEMO_OWNER,
			ownerLoginOptional: true,
			label: 'demo',
			onProgress: (line) => say(line),
		});
		const running = n8n;

		say('[demo] Importing the inSIM credential and the example workflows...');
		await running.importCredential({
			...EXAMPLES_CREDENTIAL,
			type: 'insimApi',
			data: { login: DEMO_ACCOUNT.login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
		});
		const workflowIds: Record<string, string> = {};
		const files = readdirSync(join(REPO_ROOT, 'examples')).filter((name) => name.endsWith('.json'));
		for (const file of files)
			workflowIds[file] = await running.importWorkflow(loadExample(file, sim.origin));

		const published = await publishTriggerExamples(running, sim, files, workflowIds);
		printReady(running, sim, options, files.length, published);
		return {
			n8n: running,
			sim,
			workflowIds,
			async stop() {
				await running.stop();
				await sim.close();
			},
		};
	} catch (error) {
		await n8n?.stop({ failed: true });
		await sim.close();
		throw error;
	}
}

/** Publishes every example that starts with the inSIM Trigger and gives inSIM its URL. */
async function publishTriggerExamples(
	n8n: N8nInstance,
	sim: Simulator,
	files: string[],
	workflowIds: Record<string, string>,
): Promise<string[]> {
	const published: string[] = [];
	for (const file of files) {
		const workflow = loadExample(file, sim.origin);
		const trigger = (workflow.nodes as Array<{ type: string; webhookId?: string }>).find(
			(node) => node.type === 'n8n-nodes-insim.insimTrigger',
		);
		if (!trigger?.webhookId) continue;
		try {
			await n8n.publishWorkflow(workflowIds[file]);
		} catch (error) {
			// A kept user folder whose owner password was changed: no API key, publish by hand.
			say(
				`[demo] Could not publish ${file} (${(error as Error).message}); publish it in the editor.`,
			);
			continue;
		}
		const url = `${n8n.baseUrl}/webhook/${trigger.webhookId}/webhook`;
		for (const key of EXAMPLE_CALLBACKS[trigger.webhookId] ?? []) sim.webhooks[key] = url;
		published.push(workflow.name);
	}
	return published;
}

function printReady(
	n8n: N8nInstance,
	sim: Simulator,
	options: DemoOptions,
	importedCount: number,
	published: string[],
): void {
	const fire = (param: string, payload: Record<string, unknown>) =>
		`curl -s ${sim.origin}/__sim/fire-webhook -H 'content-type: application/json' -d '${JSON.stringify(
			{
				callbackUrl: sim.webhooks[param === 'message' ? 'incoming_sms' : 'call_events'],
				param,
				payload,
			},
		)}'`;
	const inside = relative(process.cwd(), options.userFolder);
	const shownFolder = inside && !inside.startsWith('..') ? inside : options.userFolder;
	say();
	say(`${READY_LINE}.`);
	say();
	say(`  n8n editor     ${n8n.baseUrl}/`);
	say(`  Owner login    ${n8n.owner.email}  /  ${n8n.owner.password}`);
	say(`  Credential     "${EXAMPLES_CREDENTIAL.name}" (inSIM API) -> ${sim.baseUrl}`);
	say(`  Workflows      ${importedCount} example workflows imported; published:`);
	for (const name of published) say(`                   ${name}`);
	say();
	say(
		`  Simulator      ${sim.baseUrl}  (login ${DEMO_ACCOUNT.login}, access key ${DEMO_ACCOUNT.accessKey})`,
	);
	say(`  What inSIM got ${sim.origin}/__sim/requests   messages: ${sim.origin}/__sim/messages`);
	say(`  Demo CRM       ${sim.origin}/__sim/recorder   (what the example workflows wrote)`);
	say(`  n8n log        ${n8n.logFile}`);
	say(`  User folder    ${shownFolder} (kept; delete it to start from scratch)`);
	say();
	say('  Try it: open "inSIM example: appointment reminders..." and press "Execute workflow".');
	if (!sim.webhooks.incoming_sms || !sim.webhooks.call_events) return;
	say('  Make inSIM report an incoming SMS and a missed call to the published triggers:');
	say(
		`    ${fire('message', { device_identification: DEMO_ACCOUNT.login, title: 'incoming_sms', from: '+33612345678', message: 'Hi, is my order ready?', date: new Date().toISOString() })}`,
	);
	say(
		`    ${fire('calls', { device_identification: DEMO_ACCOUNT.login, title: 'missed_call', phone_number: '+33612345678', call_time: '2026-01-15 14:30:00', duration: '0' })}`,
	);
	say('  then look at Executions in the editor.');
}

async function main(): Promise<void> {
	const parsed = parseArgs(process.argv.slice(2));
	if (parsed === 'help') {
		say(USAGE);
		return;
	}
	const demo = await startDemo(parsed);
	say();
	say('Press Ctrl-C to stop n8n and the simulator.');
	let stopping = false;
	const stop = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		say(`\n[demo] ${signal}: stopping n8n and the simulator...`);
		demo.stop().then(
			() => {
				say('[demo] Stopped.');
				process.exit(0);
			},
			(error: Error) => {
				process.stderr.write(`[demo] ${error.message}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch(async (error: Error) => {
		process.stderr.write(`\n[demo] ${error.message}\n`);
		await stopAllGuarded(5000);
		process.exit(1);
	});
}
