// Versions and folders of the real n8n that `npm start` and the e2e tests run.
import { join, resolve } from 'node:path';

/** The package's own folder (where package.json and dist/ are). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** n8n 2.40+ needs Node 24; the npm package `node` ships the official binary. */
export const NODE_PACKAGE_VERSION = '24.21.0';

/** Folder with the package.json and package-lock.json that pin n8n and all its dependencies. */
export const N8N_RUNTIME_MANIFEST_DIR = join(__dirname, 'runtime');

/** Git-ignored; `INSIM_N8N_CACHE_DIR` moves it (e.g. to share one install between clones). */
export function cacheDir(): string {
	return resolve(process.env.INSIM_N8N_CACHE_DIR || join(REPO_ROOT, '.n8n-cache'));
}

export function logsDir(): string {
	return join(cacheDir(), 'logs');
}

/** Node types the package must register in n8n before anything can use it. */
export const INSIM_NODE_TYPES = ['n8n-nodes-insim.insim', 'n8n-nodes-insim.insimTrigger'];
export const INSIM_CREDENTIAL_TYPE = 'insimApi';
export const INSIM_PACKAGE_NAME = 'n8n-nodes-insim';
