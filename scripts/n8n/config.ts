// Versions and folders of the real n8n that `npm start` and the e2e tests run.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The package's own folder (where package.json and dist/ are). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** One folder per n8n version the harness can run: package.json (+ package-lock.json). */
export const N8N_RUNTIMES_DIR = join(__dirname, 'runtimes');

/** What `npm start` and the e2e tests run unless INSIM_N8N_VERSION names another. */
export const DEFAULT_N8N_VERSION = '2.40.7';

/** One runnable n8n: its version, the Node that runs it, and where its manifest is. */
export interface N8nRuntimeSpec {
	n8nVersion: string;
	/** version of the npm package `node` (the official binary) that runs this n8n */
	nodeVersion: string;
	/** folder with package.json and, once generated, package-lock.json */
	manifestDir: string;
}

/** Git-ignored; `INSIM_N8N_CACHE_DIR` moves it (e.g. to share one install between clones). */
export function cacheDir(): string {
	return resolve(process.env.INSIM_N8N_CACHE_DIR || join(REPO_ROOT, '.n8n-cache'));
}

export function logsDir(): string {
	return join(cacheDir(), 'logs');
}

/** Every n8n version with a folder in scripts/n8n/runtimes, oldest first. */
export function knownN8nVersions(): string[] {
	return readdirSync(N8N_RUNTIMES_DIR)
		.filter((name) => existsSync(join(N8N_RUNTIMES_DIR, name, 'package.json')))
		.sort(compareVersions);
}

/**
 * The n8n to run: `INSIM_N8N_VERSION` (an exact version, or a pattern such as `1.123.x`, `1.x` or
 * `2.x` that picks the newest matching folder), else the default.
 */
export function selectedRuntime(requested = process.env.INSIM_N8N_VERSION): N8nRuntimeSpec {
	const known = knownN8nVersions();
	const wanted = requested?.trim() || DEFAULT_N8N_VERSION;
	const matching = known.filter((version) => versionMatches(version, wanted));
	const chosen = matching[matching.length - 1];
	if (!chosen) {
		throw new Error(
			`INSIM_N8N_VERSION=${wanted}: no such n8n in scripts/n8n/runtimes (it has ${known.join(', ')}). ` +
				'To add one, copy a folder there, rename it to the version and change n8n in its package.json.',
		);
	}
	const manifestDir = join(N8N_RUNTIMES_DIR, chosen);
	const manifest = JSON.parse(readFileSync(join(manifestDir, 'package.json'), 'utf8')) as {
		dependencies?: { n8n?: string };
		insimRuntime?: { node?: string };
	};
	const nodeVersion = manifest.insimRuntime?.node;
	if (manifest.dependencies?.n8n !== chosen || !nodeVersion) {
		throw new Error(
			`${manifestDir}/package.json must depend on n8n ${chosen} exactly and name its Node in insimRuntime.node`,
		);
	}
	return { n8nVersion: chosen, nodeVersion, manifestDir };
}

function versionMatches(version: string, pattern: string): boolean {
	const parts = version.split('.');
	const wanted = pattern.replace(/^v/, '').split('.');
	if (wanted.length > parts.length) return false;
	// `1.x` covers every 1.y.z; `1.123` only 1.123.z.
	return wanted.every((part, index) => part === 'x' || part === '*' || part === parts[index]);
}

export function compareVersions(a: string, b: string): number {
	const left = a.split('.').map(Number);
	const right = b.split('.').map(Number);
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		const difference = (left[index] ?? 0) - (right[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}

/** n8n's major version (1 or 2): the harness speaks to each one's API. */
export function majorOf(version: string): number {
	return Number(version.split('.')[0]);
}

/** Node types the package must register in n8n before anything can use it. */
export const INSIM_NODE_TYPES = ['n8n-nodes-insim.insim', 'n8n-nodes-insim.insimTrigger'];
export const INSIM_CREDENTIAL_TYPE = 'insimApi';
export const INSIM_PACKAGE_NAME = 'n8n-nodes-insim';
