// Installs Node 24 and n8n (pinned by runtime/package-lock.json) into the cache folder, once.
// A marker file per folder records a finished install; a later call only checks the markers.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync,
	writeSync,
} from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { promisify } from 'node:util';

import {
	NODE_PACKAGE_VERSION,
	N8N_RUNTIME_MANIFEST_DIR,
	REPO_ROOT,
	cacheDir,
	logsDir,
} from './config';
import { stepError, tailOfFile } from './errors';
import { spawnGuarded } from './processes';

const execFileAsync = promisify(execFile);

const MARKER_FILE = '.insim-install.json';
const HEARTBEAT_MS = 10000;

export type ProgressReporter = (line: string) => void;

export interface EnsureN8nOptions {
	/** one line per event and a heartbeat every 10 s while npm runs; default: stderr */
	onProgress?: ProgressReporter;
}

export interface N8nRuntime {
	/** the Node 24 binary that runs n8n */
	nodeBin: string;
	/** n8n's bin script, to run as `nodeBin n8nBin <command>` */
	n8nBin: string;
	/** n8n's version, e.g. '2.40.7' */
	version: string;
	nodeVersion: string;
	/** PATH entry with Node 24's `node` */
	nodeBinDir: string;
}

interface InstallMarker {
	done: true;
	nodeVersion: string;
	n8nVersion?: string;
	lockSha256?: string;
	installedAt: string;
}

const defaultProgress: ProgressReporter = (line) => process.stderr.write(`${line}\n`);

export function pinnedN8nVersion(): string {
	const manifest = JSON.parse(readFileSync(join(N8N_RUNTIME_MANIFEST_DIR, 'package.json'), 'utf8'));
	return String(manifest.dependencies.n8n);
}

function runtimePaths() {
	const cache = cacheDir();
	const n8nVersion = pinnedN8nVersion();
	const nodeDir = join(cache, `node-${NODE_PACKAGE_VERSION}`);
	const n8nDir = join(cache, `n8n-${n8nVersion}`);
	return {
		cache,
		n8nVersion,
		nodeDir,
		// The `node` package hard-links the official binary here (node_modules/.bin/node points to it).
		nodeBin: join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
		nodeBinDir: join(nodeDir, 'node_modules', 'node', 'bin'),
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function lockSha256(): string {
	const lock = readFileSync(join(N8N_RUNTIME_MANIFEST_DIR, 'package-lock.json'));
	return createHash('sha256').update(lock).digest('hex');
}

function readMarker(dir: string): InstallMarker | undefined {
	try {
		return JSON.parse(readFileSync(join(dir, MARKER_FILE), 'utf8')) as InstallMarker;
	} catch {
		return undefined;
	}
}

function writeMarker(dir: string, marker: Omit<InstallMarker, 'done' | 'installedAt'>): void {
	const full: InstallMarker = { done: true, ...marker, installedAt: new Date().toISOString() };
	writeFileSync(join(dir, MARKER_FILE), `${JSON.stringify(full, null, '\t')}\n`);
}

function nodeIsInstalled(paths: ReturnType<typeof runtimePaths>): boolean {
	const marker = readMarker(paths.nodeDir);
	return (
		marker?.done === true &&
		marker.nodeVersion === NODE_PACKAGE_VERSION &&
		existsSync(paths.nodeBin)
	);
}

function n8nIsInstalled(paths: ReturnType<typeof runtimePaths>): boolean {
	const marker = readMarker(paths.n8nDir);
	return (
		marker?.done === true &&
		marker.nodeVersion === NODE_PACKAGE_VERSION &&
		marker.n8nVersion === paths.n8nVersion &&
		marker.lockSha256 === lockSha256() &&
		existsSync(paths.n8nBin)
	);
}

/** Returns the cached runtime, installing what is missing first (minutes on a fresh machine). */
export async function ensureN8n(options: EnsureN8nOptions = {}): Promise<N8nRuntime> {
	const progress = options.onProgress ?? defaultProgress;
	const paths = runtimePaths();
	const runtime: N8nRuntime = {
		nodeBin: paths.nodeBin,
		n8nBin: paths.n8nBin,
		version: paths.n8nVersion,
		nodeVersion: NODE_PACKAGE_VERSION,
		nodeBinDir: paths.nodeBinDir,
	};
	if (nodeIsInstalled(paths) && n8nIsInstalled(paths)) return runtime;

	mkdirSync(logsDir(), { recursive: true });
	const releaseLock = await acquireInstallLock(paths.cache, progress);
	try {
		// Another process may have finished the install while we waited for the lock.
		if (nodeIsInstalled(paths) && n8nIsInstalled(paths)) return runtime;
		const logFile = join(logsDir(), `install-${timestamp()}.log`);
		const shownCache = relative(REPO_ROOT, paths.cache) || paths.cache;
		progress(
			`[n8n] First run: installing Node ${NODE_PACKAGE_VERSION} and n8n ${paths.n8nVersion} into ${shownCache}/ ` +
				'(a few minutes; later runs reuse it).',
		);
		progress(`[n8n] npm's output goes to ${logFile}`);
		const started = Date.now();
		if (!nodeIsInstalled(paths)) await installNode(paths, logFile, progress);
		if (!n8nIsInstalled(paths)) await installN8n(paths, logFile, progress);
		progress(`[n8n] Installed in ${formatDuration(Date.now() - started)}.`);
		return runtime;
	} finally {
		releaseLock();
	}
}

async function installNode(
	paths: ReturnType<typeof runtimePaths>,
	logFile: string,
	progress: ProgressReporter,
): Promise<void> {
	rmSync(paths.nodeDir, { recursive: true, force: true });
	mkdirSync(paths.nodeDir, { recursive: true });
	const manifest = {
		name: 'insim-node24',
		private: true,
		dependencies: { node: NODE_PACKAGE_VERSION },
	};
	writeFileSync(join(paths.nodeDir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	// Not --ignore-scripts: the `node` package fetches its platform binary in a preinstall script.
	await runNpm({
		label: `Node ${NODE_PACKAGE_VERSION} (npm install node@${NODE_PACKAGE_VERSION})`,
		args: ['install', '--no-audit', '--no-fund'],
		cwd: paths.nodeDir,
		env: npmEnv(),
		logFile,
		progress,
		sizeOf: join(paths.nodeDir, 'node_modules'),
		beforeRetry: () =>
			rmSync(join(paths.nodeDir, 'node_modules'), { recursive: true, force: true }),
	});
	const version = await commandOutput(paths.nodeBin, ['--version'], paths.nodeDir);
	if (version.trim() !== `v${NODE_PACKAGE_VERSION}`) {
		throw stepError(
			'install',
			`${paths.nodeBin} reports ${version.trim()}, expected v${NODE_PACKAGE_VERSION}`,
		);
	}
	writeMarker(paths.nodeDir, { nodeVersion: NODE_PACKAGE_VERSION });
}

async function installN8n(
	paths: ReturnType<typeof runtimePaths>,
	logFile: string,
	progress: ProgressReporter,
): Promise<void> {
	mkdirSync(paths.n8nDir, { recursive: true });
	rmSync(join(paths.n8nDir, MARKER_FILE), { force: true });
	for (const file of ['package.json', 'package-lock.json']) {
		copyFileSync(join(N8N_RUNTIME_MANIFEST_DIR, file), join(paths.n8nDir, file));
	}
	// Node 24 first on PATH: npm and anything it runs must see the Node that will run n8n.
	const env = npmEnv({ PATH: `${paths.nodeBinDir}${delimiter}${process.env.PATH ?? ''}` });
	// --ignore-scripts: a Kafka client's native build fails and n8n does not need it; the one
	// native module n8n needs, sqlite3, is built next.
	await runNpm({
		label: `n8n ${paths.n8nVersion} (npm ci, ~2400 packages)`,
		args: ['ci', '--ignore-scripts', '--no-audit', '--no-fund'],
		cwd: paths.n8nDir,
		env,
		logFile,
		progress,
		sizeOf: join(paths.n8nDir, 'node_modules'),
		beforeRetry: () => rmSync(join(paths.n8nDir, 'node_modules'), { recursive: true, force: true }),
	});
	// The machine's npm config may point native builds at another Node's headers.
	const headersDir = findNodeHeadersDir(paths.nodeDir);
	await runNpm({
		label: 'sqlite3 for Node 24 (npm rebuild sqlite3, compiles SQLite)',
		args: ['rebuild', 'sqlite3'],
		cwd: paths.n8nDir,
		env: { ...env, npm_config_nodedir: headersDir },
		logFile,
		progress,
	});
	await commandOutput(paths.nodeBin, ['-e', "require('sqlite3')"], paths.n8nDir).catch((error) => {
		throw stepError('install', 'sqlite3 was built but does not load in Node 24', error);
	});
	const version = await commandOutput(paths.nodeBin, [paths.n8nBin, '--version'], paths.n8nDir);
	if (version.trim() !== paths.n8nVersion) {
		throw stepError(
			'install',
			`n8n reports version ${version.trim()}, expected ${paths.n8nVersion}`,
		);
	}
	writeMarker(paths.n8nDir, {
		nodeVersion: NODE_PACKAGE_VERSION,
		n8nVersion: paths.n8nVersion,
		lockSha256: lockSha256(),
	});
}

/** The folder with include/node/node.h that ships inside the `node` package's platform package. */
function findNodeHeadersDir(nodeDir: string): string {
	const platformPackages = join(nodeDir, 'node_modules', 'node', 'node_modules');
	const preferred = `node-${process.platform}-${process.arch}`;
	const candidates = existsSync(platformPackages)
		? [preferred, ...readdirSync(platformPackages).filter((name) => name !== preferred)]
		: [];
	for (const name of candidates) {
		const dir = join(platformPackages, name);
		if (existsSync(join(dir, 'include', 'node', 'node.h'))) return dir;
	}
	throw stepError('install', `no Node headers (include/node/node.h) under ${platformPackages}`);
}

interface NpmRun {
	label: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
	progress: ProgressReporter;
	/** folder whose size the heartbeat shows */
	sizeOf?: string;
	/** runs before the single retry */
	beforeRetry?: () => void;
}

async function runNpm(run: NpmRun): Promise<void> {
	const attempts = run.beforeRetry ? 2 : 1;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const started = Date.now();
		run.progress(`[n8n] Installing ${run.label}${attempt > 1 ? ', second try' : ''}...`);
		const fd = openSync(run.logFile, 'a');
		writeSync(fd, `\n=== ${new Date().toISOString()} npm ${run.args.join(' ')} (in ${run.cwd})\n`);
		const npm = spawnGuarded('npm', run.args, { cwd: run.cwd, env: run.env, output: fd });
		closeSync(fd);
		let finished = false;
		const heartbeat = setInterval(() => {
			void describeSize(run.sizeOf).then((size) => {
				if (finished) return;
				const elapsed = formatDuration(Date.now() - started);
				run.progress(`[n8n]   ... still installing ${run.label.split(' (')[0]}: ${elapsed}${size}`);
			});
		}, HEARTBEAT_MS);
		const status = await npm.exited.finally(() => {
			finished = true;
			clearInterval(heartbeat);
		});
		if (status.code === 0) {
			run.progress(`[n8n]   done in ${formatDuration(Date.now() - started)}.`);
			return;
		}
		const why = status.signal
			? `was killed by ${status.signal}`
			: `exited with code ${status.code}`;
		run.progress(`[n8n] npm ${run.args[0]} ${why}. Last lines of ${run.logFile}:`);
		run.progress(indent(tailOfFile(run.logFile, 25)));
		if (attempt === attempts) {
			throw stepError('install', `npm ${run.args.join(' ')} ${why} (log: ${run.logFile})`);
		}
		run.beforeRetry?.();
	}
}

/** The environment for a nested npm: the caller's, minus what `npm run` injected for itself. */
function npmEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			/^npm_(lifecycle_|package_|command$|execpath$|node_execpath$|config_local_prefix$|config_call$|config_user_agent$|config_npm_version$)/i.test(
				key,
			)
		)
			continue;
		if (key === 'INIT_CWD' || key === 'NODE') continue;
		env[key] = value;
	}
	return {
		...env,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_progress: 'false',
		...overrides,
	};
}

async function commandOutput(command: string, args: string[], cwd: string): Promise<string> {
	const { stdout } = await execFileAsync(command, args, { cwd, timeout: 60000 });
	return stdout;
}

async function describeSize(dir: string | undefined): Promise<string> {
	if (!dir || !existsSync(dir)) return '';
	try {
		const { stdout } = await execFileAsync('du', ['-sk', dir], { timeout: 8000 });
		const kib = Number(stdout.split(/\s/)[0]);
		return Number.isFinite(kib) ? `, node_modules ${formatSize(kib * 1024)}` : '';
	} catch {
		return '';
	}
}

async function acquireInstallLock(cache: string, progress: ProgressReporter): Promise<() => void> {
	mkdirSync(cache, { recursive: true });
	const lockDir = join(cache, 'install.lock');
	const ownerFile = join(lockDir, 'pid');
	let lastNotice = 0;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(ownerFile, String(process.pid));
			return () => rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const owner = readLockOwner(ownerFile);
		const justCreated = owner === undefined && Date.now() - mtimeOf(lockDir) < 10000;
		if (!justCreated && (owner === undefined || !isAlive(owner))) {
			// Left by a killed install: its half-done folders have no marker and get redone.
			rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (Date.now() - lastNotice >= HEARTBEAT_MS) {
			progress(`[n8n] Waiting for another install of n8n (pid ${owner ?? '?'}) to finish...`);
			lastNotice = Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

function readLockOwner(ownerFile: string): number | undefined {
	try {
		const pid = Number(readFileSync(ownerFile, 'utf8'));
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

function mtimeOf(path: string): number {
	try {
		return statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function timestamp(): string {
	return new Date().toISOString().replace(/[:.]/g, '-');
}

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function formatSize(bytes: number): string {
	if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
	return `${Math.round(bytes / 1024 ** 2)} MB`;
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}
