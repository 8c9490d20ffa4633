// Section 4: what installing and loading the package costs.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from '../n8n';
import { median } from './stats';

const execFileAsync = promisify(execFile);

export interface PackageWeight {
	packedBytes: number;
	unpackedBytes: number;
	fileCount: number;
	runtimeDependencies: number;
	/** median over fresh processes, with n8n-workflow already loaded as it is inside n8n */
	requireMs: number;
	requireRuns: number;
	/** the same, n8n-workflow included (a cold start of the files alone) */
	requireWithN8nWorkflowMs: number;
}

const REQUIRE_RUNS = 9;

const MEASURE_REQUIRE = `
const { join } = require('node:path');
const dist = process.argv[1];
const preload = process.argv[2] === 'preload';
if (preload) require('n8n-workflow');
const started = process.hrtime.bigint();
require(join(dist, 'credentials', 'InsimApi.credentials.js'));
require(join(dist, 'nodes', 'Insim', 'Insim.node.js'));
require(join(dist, 'nodes', 'InsimTrigger', 'InsimTrigger.node.js'));
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

async function timeRequire(preload: boolean): Promise<number> {
	const child = spawn(
		process.execPath,
		['-e', MEASURE_REQUIRE, join(REPO_ROOT, 'dist'), preload ? 'preload' : 'cold'],
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	await new Promise((resolve) => child.on('close', resolve));
	return Number(stdout);
}

export async function measurePackageWeight(): Promise<PackageWeight> {
	const { stdout } = await execFileAsync(
		'npm',
		['pack', '--dry-run', '--json', '--ignore-scripts'],
		{
			cwd: REPO_ROOT,
			maxBuffer: 16 * 1024 * 1024,
		},
	);
	const [packed] = JSON.parse(stdout) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	const manifest = (await import(join(REPO_ROOT, 'package.json'))) as {
		dependencies?: Record<string, string>;
	};
	const warm: number[] = [];
	const cold: number[] = [];
	for (let run = 0; run < REQUIRE_RUNS; run++) {
		warm.push(await timeRequire(true));
		cold.push(await timeRequire(false));
	}
	return {
		packedBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		fileCount: packed.entryCount,
		runtimeDependencies: Object.keys(manifest.dependencies ?? {}).length,
		requireMs: median(warm),
		requireRuns: REQUIRE_RUNS,
		requireWithN8nWorkflowMs: median(cold),
	};
}
