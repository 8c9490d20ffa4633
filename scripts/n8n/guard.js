// Runs one command and takes its whole process group down when the process that started this
// guard goes away. The guard's stdin is a pipe from that parent: it reaches end-of-file when the
// parent exits for any reason, SIGKILL included, so n8n never outlives a killed test run.
// Usage: node guard.js <command> [args...]   (started in its own process group)
'use strict';
const { spawn } = require('node:child_process');

const GRACE_MS = 10000;
const [command, ...args] = process.argv.slice(2);

// The group gets SIGTERM both from the parent (stop) and from this guard (parent gone): the guard
// itself waits for its child, which n8n needs to shut down cleanly.
process.on('SIGTERM', () => undefined);
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);

const signalGroup = (signal) => {
	try {
		process.kill(0, signal);
	} catch {
		// nothing left in the group
	}
};

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
child.on('error', (error) => {
	console.error(`guard: cannot start ${command}: ${error.message}`);
	process.exit(127);
});
child.on('exit', (code, signal) => {
	process.exit(code ?? 128 + (signal ? require('node:os').constants.signals[signal] || 0 : 0));
});

process.stdin.on('data', () => undefined);
process.stdin.on('error', () => undefined);
process.stdin.on('close', () => {
	signalGroup('SIGTERM');
	setTimeout(() => signalGroup('SIGKILL'), GRACE_MS).unref();
});
