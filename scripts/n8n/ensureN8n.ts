// Installs a Node and an n8n (pinned by runtimes/<version>/package-lock.json) into the cache
// folder, once per version.
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
	REPO_ROOT,
	cacheDir,
	logsDir,
	majorOf,
	selectedRuntime,
	type N8nRuntimeSpec,
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
	/** an n8n version or pattern (see selectedRuntime); default: INSIM_N8N_VERSION, else 2.40.7 */
	version?: string;
}

export interface N8nRuntime {
	/** the Node binary that runs n8n (Node 24 for n8n 2.x) */
	nodeBin: string;
	/** n8n's bin script, to run as `nodeBin n8nBin <command>` */
	n8nBin: string;
	/** n8n's version, e.g. '2.40.7' */
	version: string;
	/** 1 or 2: where their APIs differ, the harness speaks each one's */
	major: number;
	nodeVersion: string;
	/** PATH entry with that Node's `node` */
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

/** The n8n version `ensureN8n()` installs and runs (INSIM_N8N_VERSION, else the default). */
export function pinnedN8nVersion(): string {
	return selectedRuntime().n8nVersion;
}

function runtimePaths(spec: N8nRuntimeSpec) {
	const cache = cacheDir();
	const nodeDir = join(cache, `node-${spec.nodeVersion}`);
	const n8nDir = join(cache, `n8n-${spec.n8nVersion}`);
	return {
		cache,
		spec,
		n8nVersion: spec.n8nVersion,
		nodeVersion: spec.nodeVersion,
		nodeDir,
		// The `node` package hard-links the official binary here (node_modules/.bin/node points to it).
		nodeBin: join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
		nodeBinDir: join(nodeDir, 'node_modules', 'node', 'bin'),
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

type RuntimePaths = ReturnType<typeof runtimePaths>;

/** The committed lock's hash; 'none' while a version has no lock yet (then `npm install` runs). */
function lockSha256(spec: N8nRuntimeSpec): string {
	const lockFile = join(spec.manifestDir, 'package-lock.json');
	if (!existsSync(lockFile)) return 'none';
	return createHash('sha256').update(readFileSync(lockFile)).digest('hex');
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

function nodeIsInstalled(paths: RuntimePaths): boolean {
	const marker = readMarker(paths.nodeDir);
	return (
		marker?.done === true && marker.nodeVersion === paths.nodeVersion && existsSync(paths.nodeBin)
	);
}

function n8nIsInstalled(paths: RuntimePaths): boolean {
	const marker = readMarker(paths.n8nDir);
	return (
		marker?.done === true &&
		marker.nodeVersion === paths.nodeVersion &&
		marker.n8nVersion === paths.n8nVersion &&
		marker.lockSha256 === lockSha256(paths.spec) &&
		existsSync(paths.n8nBin)
	);
}

/** Returns the cached runtime, installing what is missing first (minutes on a fresh machine). */
export async function ensureN8n(options: EnsureN8nOptions = {}): Promise<N8nRuntime> {
	const progress = options.onProgress ?? defaultProgress;
	const paths = runtimePaths(selectedRuntime(options.version));
	const runtime: N8nRuntime = {
		nodeBin: paths.nodeBin,
		n8nBin: paths.n8nBin,
		version: paths.n8nVersion,
		major: majorOf(paths.n8nVersion),
		nodeVersion: paths.nodeVersion,
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
			`[n8n] First run: installing Node ${paths.nodeVersion} and n8n ${paths.n8nVersion} into ${shownCache}/ ` +
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
	paths: RuntimePaths,
	logFile: string,
	progress: ProgressReporter,
): Promise<void> {
	rmSync(paths.nodeDir, { recursive: true, force: true });
	mkdirSync(paths.nodeDir, { recursive: true });
	const manifest = {
		name: `insim-node${paths.nodeVersion.split('.')[0]}`,
		private: true,
		dependencies: { node: paths.nodeVersion },
	};
	writeFileSync(join(paths.nodeDir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	// Not --ignore-scripts: the `node` package fetches its platform binary in a preinstall script.
	await runNpm({
		label: `Node ${paths.nodeVersion} (npm install node@${paths.nodeVersion})`,
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
	if (version.trim() !== `v${paths.nodeVersion}`) {
		throw stepError(
			'install',
			`${paths.nodeBin} reports ${version.trim()}, expected v${paths.nodeVersion}`,
		);
	}
	writeMarker(paths.nodeDir, { nodeVersion: paths.nodeVersion });
}

async function installN8n(
	paths: RuntimePaths,
	logFile: string,
	progress: ProgressReporter,
): Promise<void> {
	mkdirSync(paths.n8nDir, { recursive: true });
	rmSync(join(paths.n8nDir, MARKER_FILE), { force: true });
	const locked = lockSha256(paths.spec) !== 'none';
	copyFileSync(join(paths.spec.manifestDir, 'package.json'), join(paths.n8nDir, 'package.json'));
	rmSync(join(paths.n8nDir, 'package-lock.json'), { force: true });
	if (locked) {
		copyFileSync(
			join(paths.spec.manifestDir, 'package-lock.json'),
			join(paths.n8nDir, 'package-lock.json'),
		);
	}
	// That Node first on PATH: npm and anything it runs must see the Node that will run n8n.
	const env = npmEnv({ PATH: `${paths.nodeBinDir}${delimiter}${process.env.PATH ?? ''}` });
	// --ignore-scripts: a Kafka client's native build fails and n8n does not need it; the one
	// native module n8n needs, sqlite3, is built next.
	const command = locked ? 'ci' : 'install';
	await runNpm({
		label: `n8n ${paths.n8nVersion} (npm ${command}, ~2400 packages)`,
		args: [command, '--ignore-scripts', '--no-audit', '--no-fund'],
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
		label: `sqlite3 for Node ${paths.nodeVersion} (npm rebuild sqlite3, compiles SQLite)`,
		args: ['rebuild', 'sqlite3'],
		cwd: paths.n8nDir,
		env: { ...env, npm_config_nodedir: headersDir },
		logFile,
		progress,
	});
	await commandOutput(paths.nodeBin, ['-e', "require('sqlite3')"], paths.n8nDir).catch((error) => {
		throw stepError(
			'install',
			`sqlite3 was built but does not load in Node ${paths.nodeVersion}`,
			error,
		);
	});
	const version = await commandOutput(paths.nodeBin, [paths.n8nBin, '--version'], paths.n8nDir);
	if (version.trim() !== paths.n8nVersion) {
		throw stepError(
			'install',
			`n8n reports version ${version.trim()}, expected ${paths.n8nVersion}`,
		);
	}
	writeMarker(paths.n8nDir, {
		nodeVersion: paths.nodeVersion,
		n8nVersion: paths.n8nVersion,
		lockSha256: lockSha256(paths.spec),
	});
	if (!locked) {
		progress(
			`[n8n] ${paths.spec.manifestDir} has no package-lock.json: npm install wrote one to ` +
				`${join(paths.n8nDir, 'package-lock.json')}; copy it there to pin this install.`,
		);
	}
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
		// The repository's .npmrc sets ignore-scripts (for isolated-vm, see README) and `npm run`
		// passes it on; the runtimes need their scripts (the node binary, sqlite3's rebuild).
		npm_config_ignore_scripts: 'false',
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
