// `npm run bench`: measures bulk sending, webhook intake, the node's own per-item cost and the
// package's weight, side by side, and writes BENCHMARKS.md, docs/benchmarks.svg and the raw
// figures (docs/benchmarks.json). Figures are reported, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT, ensureN8n, stopAllGuarded } from '../n8n';
import { keepQueueSection } from '../queue/benchReport';
import { runBulkSend } from './bulkSend';
import { renderChart } from './chart';
import { runInProcess } from './inProcess';
import { USAGE, parseBenchArgs } from './options';
import { measurePackageWeight } from './packageWeight';
import { startBenchEnvironment } from './realN8n';
import { renderReport, updateReadmeSection } from './report';
import { DIAGNOSIS_N8N_ENV, type BenchResults } from './results';
import { runWebhookIntake } from './webhookIntake';

const log = (line: string) => process.stderr.write(`${line}\n`);

function countOtherN8n(): number {
	const listing = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout ?? '';
	// One n8n shows twice (its guard and itself): count the n8n processes only.
	return listing
		.split('\n')
		.filter((line) => /n8n(\.js)?\s+start\b/.test(line) && !line.includes('guard.js')).length;
}

async function main(): Promise<void> {
	const parsed = parseBenchArgs(process.argv.slice(2));
	if (parsed === 'help') {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const options = parsed;
	const started = Date.now();
	const otherN8nAtStart = countOtherN8n();
	const loadAverageAtStart = loadavg()[0];
	if (otherN8nAtStart > 0) {
		log(`[bench] warning: ${otherN8nAtStart} other n8n process(es) running; figures will be noisy`);
	}

	log('[bench] npm run build');
	const build = spawnSync('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (build.status !== 0) throw new Error(`npm run build exited with ${build.status}`);

	const runtime = await ensureN8n({ onProgress: log });
	const results: BenchResults = {
		startedAt: new Date(started).toISOString(),
		durationMs: 0,
		options,
		machine: {
			cpuModel: cpus()[0]?.model ?? 'unknown',
			cores: cpus().length,
			memoryGb: Math.round(totalmem() / 1024 ** 3),
			benchNode: process.version,
			n8nNode: `v${runtime.nodeVersion.replace(/^v/, '')}`,
			n8nVersion: runtime.version,
			otherN8nAtStart,
			otherN8nAtEnd: 0,
			loadAverageAtStart,
		},
	};

	// The in-process and weight sections go first: they need no n8n and no other load.
	if (options.sections.includes('weight')) {
		log('[bench] package weight');
		results.weight = await measurePackageWeight();
	}
	if (options.sections.includes('inprocess')) {
		log('[bench] per-item cost inside the node (n8n-core engine, in-process)');
		results.inProcess = await runInProcess(options, log);
	}
	if (options.sections.includes('bulk') || options.sections.includes('intake')) {
		const env = await startBenchEnvironment(log);
		try {
			if (options.sections.includes('bulk')) results.bulk = await runBulkSend(env, options, log);
			if (options.sections.includes('intake')) {
				results.intake = await runWebhookIntake(env, options, log);
			}
		} finally {
			await env.stop();
		}
	}
	if (
		options.diagnosis &&
		(options.sections.includes('bulk') || options.sections.includes('intake'))
	) {
		log(`[bench] diagnosis: n8n with ${JSON.stringify(DIAGNOSIS_N8N_ENV)}`);
		const env = await startBenchEnvironment(log, DIAGNOSIS_N8N_ENV);
		results.diagnosis = { n8nEnv: DIAGNOSIS_N8N_ENV };
		try {
			if (options.sections.includes('bulk')) {
				results.diagnosis.bulk = await runBulkSend(
					env,
					{
						...options,
						bulkSizes: [Math.max(...options.bulkSizes)],
						scenarios: ['open-insim-default', 'open-http-nobatching'],
					},
					log,
				);
			}
			if (options.sections.includes('intake')) {
				results.diagnosis.intake = await runWebhookIntake(env, { ...options, runs: 1 }, log);
			}
		} finally {
			await env.stop();
		}
	}
	results.machine.otherN8nAtEnd = countOtherN8n();
	results.durationMs = Date.now() - started;

	mkdirSync(join(options.outDir, 'docs'), { recursive: true });
	writeFileSync(
		join(options.outDir, 'docs', 'benchmarks.json'),
		`${JSON.stringify(results, null, '\t')}\n`,
	);
	writeFileSync(join(options.outDir, 'docs', 'benchmarks.svg'), renderChart(results));
	const reportPath = join(options.outDir, 'BENCHMARKS.md');
	// The queue-mode section (npm run bench:queue) is measured apart and kept.
	const previous = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
	writeFileSync(reportPath, keepQueueSection(previous, renderReport(results)));
	if (options.updateReadme) updateReadmeSection(join(REPO_ROOT, 'README.md'), results);
	log(
		`[bench] done in ${Math.round(results.durationMs / 1000)} s: ${join(options.outDir, 'BENCHMARKS.md')}`,
	);
}

main().catch(async (error: unknown) => {
	log(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	await stopAllGuarded?.();
	process.exitCode = 1;
});
