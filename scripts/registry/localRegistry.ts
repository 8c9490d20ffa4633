// A local npm registry (verdaccio, loopback only, temp storage) with this package published to it,
// so that n8n can install it from Settings → Community Nodes exactly as it installs from npmjs.org.
import { execFile } from 'node:child_process';
import {
	closeSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT, freePort } from '../n8n';
import { tailOfFile } from '../n8n/errors';
import { spawnGuarded, type GuardedProcess } from '../n8n/processes';

const execFileAsync = promisify(execFile);

const CONFIG_TEMPLATE = join(__dirname, 'verdaccio.yaml');
const VERDACCIO_BIN = join(REPO_ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
const PUBLISHER = { name: 'insim-publisher', password: 'local-registry-only-not-a-secret' };

export interface LocalRegistry {
	/** e.g. `http://127.0.0.1:4873` (no trailing slash) */
	url: string;
	/** the registry's own folder (config, storage, log), removed by stop() */
	folder: string;
	logFile: string;
	/** `npm publish <tarball>` to this registry */
	publish(tarball: string): Promise<void>;
	/** the versions of a package this registry has, oldest first */
	versions(packageName: string): Promise<string[]>;
	stop(): Promise<void>;
}

/** Starts verdaccio on a free loopback port with empty storage and one publisher. */
export async function startLocalRegistry(): Promise<LocalRegistry> {
	const folder = mkdtempSync(join(tmpdir(), 'insim-registry-'));
	const configFile = join(folder, 'verdaccio.yaml');
	copyFileSync(CONFIG_TEMPLATE, configFile);
	const logFile = join(folder, 'verdaccio.log');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const fd = openSync(logFile, 'a');
	const server: GuardedProcess = spawnGuarded(
		process.execPath,
		[VERDACCIO_BIN, '--config', configFile, '--listen', `127.0.0.1:${port}`],
		{ cwd: folder, env: registryEnv(), output: fd },
	);
	closeSync(fd);
	const stop = async (): Promise<void> => {
		await server.stop(5000);
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitUntilUp(url, server, logFile);
		const token = await createPublisher(url);
		const npmrc = join(folder, 'publisher.npmrc');
		const { host } = new URL(url);
		writeFileSync(npmrc, `registry=${url}/\n//${host}/:_authToken=${token}\n`);
		return {
			url,
			folder,
			logFile,
			publish: async (tarball) => await publish(url, npmrc, folder, tarball),
			versions: async (packageName) => await versionsOf(url, packageName),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The environment for verdaccio and npm: no npm settings of the caller's (registry, token). */
function registryEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|NODE_OPTIONS$|INIT_CWD$)/i.test(key)) continue;
		env[key] = value;
	}
	return env;
}

async function waitUntilUp(url: string, server: GuardedProcess, logFile: string): Promise<void> {
	const deadline = Date.now() + 60000;
	for (;;) {
		if (!server.isRunning()) {
			throw new Error(`verdaccio exited while starting:\n${tailOfFile(logFile, 20)}`);
		}
		try {
			const response = await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(3000) });
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			throw new Error(`verdaccio not up within 60 s:\n${tailOfFile(logFile, 20)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** `npm adduser` as verdaccio's API has it: a new htpasswd user and its token. */
async function createPublisher(url: string): Promise<string> {
	const response = await fetch(`${url}/-/user/org.couchdb.user:${PUBLISHER.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: PUBLISHER.name, password: PUBLISHER.password }),
	});
	const body = (await response.json()) as { token?: string; error?: string };
	if (!response.ok || !body.token) {
		throw new Error(
			`verdaccio: creating the publisher: HTTP ${response.status} ${body.error ?? ''}`,
		);
	}
	return body.token;
}

async function publish(url: string, npmrc: string, folder: string, tarball: string): Promise<void> {
	await execFileAsync(
		'npm',
		[
			'publish',
			tarball,
			'--registry',
			`${url}/`,
			'--userconfig',
			npmrc,
			'--ignore-scripts',
			'--provenance=false',
		],
		// cwd outside the repository: its .npmrc must not apply.
		{ cwd: folder, env: registryEnv(), timeout: 120000, maxBuffer: 16 * 1024 * 1024 },
	);
}

async function versionsOf(url: string, packageName: string): Promise<string[]> {
	const response = await fetch(`${url}/${packageName}`, {
		headers: { accept: 'application/json' },
	});
	if (response.status === 404) return [];
	if (!response.ok) throw new Error(`GET ${url}/${packageName}: HTTP ${response.status}`);
	const document = (await response.json()) as { versions: Record<string, unknown> };
	return Object.keys(document.versions);
}

export interface PackedPackage {
	tarball: string;
	version: string;
}

/**
 * `npm pack` of the built package (what `npm publish` would upload) into `destination`; with
 * `version`, the same files again under another version number (an update to install).
 */
export async function packPackage(
	destination: string,
	options: { packageDir?: string; version?: string } = {},
): Promise<PackedPackage> {
	const packageDir = options.packageDir ?? REPO_ROOT;
	mkdirSync(destination, { recursive: true });
	if (!options.version) return await npmPack(packageDir, destination);
	const work = mkdtempSync(join(tmpdir(), 'insim-repack-'));
	const unpacked = join(work, 'package');
	try {
		const packed = await npmPack(packageDir, work);
		await execFileAsync('tar', ['-xzf', packed.tarball, '-C', work]);
		const manifestFile = join(unpacked, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version: string };
		manifest.version = options.version;
		writeFileSync(manifestFile, `${JSON.stringify(manifest, null, '\t')}\n`);
		return await npmPack(unpacked, destination);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

async function npmPack(folder: string, destination: string): Promise<PackedPackage> {
	const { stdout } = await execFileAsync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
		{ cwd: folder, env: registryEnv(), timeout: 120000, maxBuffer: 16 * 1024 * 1024 },
	);
	const [result] = JSON.parse(stdout) as Array<{ filename: string; version: string }>;
	return { tarball: join(destination, result.filename), version: result.version };
}

/**
 * What n8n needs to install community packages from `registry` instead of registry.npmjs.org.
 *
 * - N8N_COMMUNITY_PACKAGES_REGISTRY: every `npm pack` / `npm view` of the installer gets
 *   `--registry=` it, and the installer's version check reads it over HTTP.
 * - npm_config_registry: n8n 2.40.7 runs `npm outdated` (the Update button's source) without
 *   `--registry` (n8n-io/n8n#30532), so npm's own setting must point there too.
 * - N8N_COMMUNITY_PACKAGES_ENABLED / N8N_UNVERIFIED_PACKAGES_ENABLED: the Settings page and an
 *   install without n8n's checksum (every package n8n has not vetted) are allowed.
 * - E2E_TESTS: n8n licenses another registry than npmjs.org to Enterprise plans only
 *   (`feat:communityNodes:customRegistry`); n8n's own test switch lets grantCustomRegistry()
 *   turn that one feature on. With npmjs.org, as users install, no licence is involved.
 */
export function n8nRegistryEnv(registry: LocalRegistry): Record<string, string> {
	return {
		N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
		npm_config_registry: `${registry.url}/`,
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		E2E_TESTS: 'true',
	};
}

/** Turns on the licence feature that a registry other than npmjs.org needs (see n8nRegistryEnv). */
export async function grantCustomRegistry(n8nBaseUrl: string): Promise<void> {
	const response = await fetch(`${n8nBaseUrl}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: 'feat:communityNodes:customRegistry', enabled: true }),
	});
	if (!response.ok) {
		throw new Error(
			`n8n did not enable its custom-registry feature: HTTP ${response.status} ${await response.text()}`,
		);
	}
}
