/**
 * Runs once before the e2e tests: builds the package if dist/ is missing or older than its
 * sources, and installs the pinned n8n on the first run (minutes; progress on stderr).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT, ensureN8n, stepError } from '../../scripts/n8n';

const BUILD_STAMP = join(REPO_ROOT, 'dist', 'nodes', 'Insim', 'Insim.node.js');
const BUILD_INPUTS = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'];

function newestMtime(path: string): number {
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	return readdirSync(path).reduce(
		(newest, name) => Math.max(newest, newestMtime(join(path, name))),
		stats.mtimeMs,
	);
}

function buildIfStale(): void {
	const built = existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : 0;
	const sources = Math.max(
		...BUILD_INPUTS.map((input) => join(REPO_ROOT, input))
			.filter((path) => existsSync(path))
			.map(newestMtime),
	);
	if (built >= sources) return;
	process.stderr.write(
		`\n[e2e] dist/ is ${built ? 'older than the sources' : 'missing'}: npm run build\n`,
	);
	const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw stepError('build', `npm run build exited with ${build.status}`);
}

export default async function globalSetup(): Promise<void> {
	buildIfStale();
	const started = Date.now();
	const runtime = await ensureN8n({ onProgress: (line) => process.stderr.write(`${line}\n`) });
	if (Date.now() - started > 2000) {
		process.stderr.write(`[e2e] Using n8n ${runtime.version} on Node ${runtime.nodeVersion}.\n`);
	}
}
