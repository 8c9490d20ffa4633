// Every process the harness starts runs in its own process group under guard.js, and is tracked
// here, so that stopping, failing or being killed never leaves an n8n (or its task runner) behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const GUARD_SCRIPT = join(__dirname, 'guard.js');

export interface ExitStatus {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface GuardedProcess {
	/** also the process group id */
	pid: number;
	child: ChildProcess;
	exited: Promise<ExitStatus>;
	isRunning(): boolean;
	/** SIGTERM to the group, SIGKILL after `graceMs`, then whatever is left in the group */
	stop(graceMs?: number): Promise<ExitStatus>;
}

export interface SpawnGuardedOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** 'pipe': read child.stdout / child.stderr; a number: a file descriptor both go to */
	output: 'pipe' | number;
}

const running = new Set<GuardedProcess>();
let exitHookInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// ESRCH: the group is already gone
	}
}

/** Starts `command` under guard.js (run by the current Node) in a new process group. */
export function spawnGuarded(
	command: string,
	args: string[],
	options: SpawnGuardedOptions,
): GuardedProcess {
	installExitHook();
	const out = options.output === 'pipe' ? 'pipe' : options.output;
	const child = spawn(process.execPath, [GUARD_SCRIPT, command, ...args], {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ['pipe', out, out],
	});
	// The pipe stays open for the guard's lifetime: its end is the signal that we are gone.
	child.stdin?.on('error', () => undefined);
	const exited = new Promise<ExitStatus>((resolve) => {
		child.once('exit', (code, signal) => resolve({ code, signal }));
		child.once('error', () => resolve({ code: 127, signal: null }));
	});
	let state: 'running' | 'exited' = 'running';
	const guarded: GuardedProcess = {
		pid: child.pid ?? -1,
		child,
		exited,
		isRunning: () => state === 'running',
		async stop(graceMs = 15000) {
			if (state === 'running') signalGroup(guarded.pid, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(guarded.pid, 'SIGKILL'), graceMs);
			const status = await exited;
			clearTimeout(timer);
			// A task runner that outlived n8n is still in the group.
			signalGroup(guarded.pid, 'SIGKILL');
			return status;
		},
	};
	running.add(guarded);
	void exited.then(() => {
		state = 'exited';
		child.stdin?.destroy();
		signalGroup(guarded.pid, 'SIGKILL');
		running.delete(guarded);
	});
	return guarded;
}

/** Stops every tracked process (n8n, CLI commands, npm installs). */
export async function stopAllGuarded(graceMs = 15000): Promise<void> {
	await Promise.all([...running].map((guarded) => guarded.stop(graceMs)));
}

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Synchronous last resort; the guards would also notice the closed pipes.
	process.on('exit', () => {
		for (const guarded of running) signalGroup(guarded.pid, 'SIGKILL');
	});
}
