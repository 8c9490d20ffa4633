// Re-renders BENCHMARKS.md, the chart and (optionally) the README section from a saved
// docs/benchmarks.json, without measuring again: `ts-node scripts/bench/render.ts <json> [outDir]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { REPO_ROOT } from '../n8n';
import { keepQueueSection } from '../queue/benchReport';
import { renderChart } from './chart';
import { renderReport, updateReadmeSection } from './report';
import type { BenchResults } from './results';

const [jsonPath = join(REPO_ROOT, 'docs', 'benchmarks.json'), outDir] = process.argv.slice(2);
const results = JSON.parse(readFileSync(resolve(jsonPath), 'utf8')) as BenchResults;
const target = outDir ? resolve(outDir) : dirname(dirname(resolve(jsonPath)));
mkdirSync(join(target, 'docs'), { recursive: true });
writeFileSync(join(target, 'docs', 'benchmarks.svg'), renderChart(results));
const reportPath = join(target, 'BENCHMARKS.md');
// The queue-mode section (npm run bench:queue) is measured apart and kept.
const previous = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
writeFileSync(reportPath, keepQueueSection(previous, renderReport(results)));
if (target === REPO_ROOT) updateReadmeSection(join(REPO_ROOT, 'README.md'), results);
process.stderr.write(`[bench] rendered ${join(target, 'BENCHMARKS.md')}\n`);
