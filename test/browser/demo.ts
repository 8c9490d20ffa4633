/**
 * `npm start` exactly as a person runs it (through npm, in its own process), on free ports and a
 * throw-away user folder, and stopped the way a person stops it: SIGINT to npm's own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../scripts/n8n';
import { READY_LINE } from '../../scripts/start';

const START_TIMEOUT_MS = 300_000;

export interface RunningDemo {
	/** `http://127.0.0.1:<port>/`, as printed */
	editorUrl: string;
	/** `http://127.0.0.1:<port>` of the simulator */
	simulatorOrigin: string;
	/** everything npm start printed so far */
	output(): string;
	/** SIGINT to npm's pid; resolves with npm's exit code */
	interrupt(): Promise<number | null>;
	/** SIGKILL to the process group, for a failed run; removes the user folder */
	dispose(): Promise<void>;
}

export async function startNpmDemo(): Promise<RunningDemo> {
	const userFolder = mkdtempSync(join(tmpdir(), 'insim-demo-browser-'));
	let text = '';
	const npm: ChildProcess = spawn(
		'npm',
		['start', '--', '--port', '0', '--sim-port', '0', '--user-folder', userFolder, '--no-build'],
		// Its own process group, so that dispose() can take everything down after a failure.
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
	npm.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
	npm.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));

	const dispose = async (): Promise<void> => {
		if (npm.exitCode === null && npm.pid !== undefined) {
			try {
				process.kill(-npm.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await exited;
		}
		rmSync(userFolder, { recursive: true, force: true });
	};

	const deadline = Date.now() + START_TIMEOUT_MS;
	while (!text.includes(READY_LINE)) {
		if (npm.exitCode !== null) {
			await dispose();
			throw new Error(`[browser:start] npm start exited early:\n${text.slice(-4000)}`);
		}
		if (Date.now() > deadline) {
			await dispose();
			throw new Error(`[browser:start] npm start not ready in 5 minutes:\n${text.slice(-4000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const printed = (label: string): string => {
		const match = new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(text);
		if (!match) throw new Error(`npm start did not print "${label}":\n${text.slice(-3000)}`);
		return match[1];
	};
	return {
		editorUrl: printed('n8n editor'),
		simulatorOrigin: new URL(printed('Simulator')).origin,
		output: () => text,
		async interrupt() {
			if (npm.pid !== undefined && npm.exitCode === null) npm.kill('SIGINT');
			return await exited;
		},
		dispose,
	};
}

/** Whether something accepts TCP connections at `url`'s host and port. */
export async function isListening(url: string): Promise<boolean> {
	const { hostname, port } = new URL(url);
	return await new Promise((resolve) => {
		const socket = createConnection({ host: hostname, port: Number(port) });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}
