// `npm run bench -- [flags]`: what to measure and how long to spend on it.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../n8n';

export const SECTIONS = ['bulk', 'intake', 'inprocess', 'weight'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
	/** fixed delay the simulator adds before every /api answer */
	latencyMs: number;
	/** requests per second per account in the rate-limited profile */
	rateLimitPerSecond: number;
	/** runs per measurement (the median is reported); long scenarios run once */
	runs: number;
	/** bulk send input sizes */
	bulkSizes: number[];
	/** the largest per-item scenario the budget allows in the rate-limited profile */
	rateLimitedPerItemSize: number;
	/** events per (workflow, concurrency) in the webhook intake section */
	intakeEvents: number;
	intakeConcurrency: number[];
	/** items of the in-process memory run */
	memoryItems: number;
	/** a scenario whose single run is expected to take longer than this runs once */
	longRunMs: number;
	sections: Section[];
	/** also run the open-profile bulk send and the intake in an n8n with the legacy expression engine */
	diagnosis: boolean;
	/** bulk send scenario ids to run (default all), e.g. open-insim-default */
	scenarios?: string[];
	quick: boolean;
	/** where BENCHMARKS.md, the chart and the raw figures go */
	outDir: string;
	/** also rewrite the README's benchmark section */
	updateReadme: boolean;
}

const USAGE = `Usage: npm run bench -- [options]
  --latency <ms>       simulator latency per request (default 20)
  --rate-limit <n>     requests/s per account in the rate-limited profile (default 10)
  --runs <n>           runs per figure, the median is reported (default 3)
  --sizes <a,b>        bulk send input sizes (default 1000,10000)
  --events <n>         webhook events per sender configuration (default 150)
  --only <list>        sections to run: ${SECTIONS.join(',')} (default all)
  --scenarios <list>   bulk send scenarios to run, e.g. open-insim-default (default all)
  --no-diagnosis       skip the second n8n (legacy expression engine) that explains the figures
  --quick              small sizes, one run: a check that everything works (about 3 minutes);
                       writes to ${join(tmpdir(), 'insim-bench')} unless --out is given
  --out <dir>          where BENCHMARKS.md, docs/benchmarks.svg and docs/benchmarks.json go
                       (default: the repository, which also updates the README's section)`;

export function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
	const options: BenchOptions = {
		latencyMs: 20,
		rateLimitPerSecond: 10,
		runs: 3,
		bulkSizes: [1000, 10000],
		rateLimitedPerItemSize: 1000,
		intakeEvents: 150,
		intakeConcurrency: [1, 8, 32],
		memoryItems: 100000,
		longRunMs: 15000,
		sections: [...SECTIONS],
		diagnosis: true,
		quick: false,
		outDir: REPO_ROOT,
		updateReadme: true,
	};
	let outGiven = false;
	let sizesGiven = false;
	let runsGiven = false;
	let eventsGiven = false;
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
			return next;
		};
		const positive = (text: string): number => {
			const number = Number(text);
			if (!Number.isFinite(number) || number < 0) throw new Error(`${flag}: not a number: ${text}`);
			return number;
		};
		switch (flag) {
			case '--help':
			case '-h':
				return 'help';
			case '--latency':
				options.latencyMs = positive(value());
				break;
			case '--rate-limit':
				options.rateLimitPerSecond = positive(value());
				break;
			case '--runs':
				options.runs = Math.max(1, Math.round(positive(value())));
				runsGiven = true;
				break;
			case '--sizes':
				options.bulkSizes = value().split(',').map(positive);
				sizesGiven = true;
				break;
			case '--events':
				options.intakeEvents = Math.max(1, Math.round(positive(value())));
				eventsGiven = true;
				break;
			case '--only': {
				const wanted = value().split(',');
				const unknown = wanted.filter((name) => !(SECTIONS as readonly string[]).includes(name));
				if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}`);
				options.sections = wanted as Section[];
				break;
			}
			case '--scenarios':
				options.scenarios = value().split(',');
				break;
			case '--no-diagnosis':
				options.diagnosis = false;
				break;
			case '--quick':
				options.quick = true;
				break;
			case '--out':
				options.outDir = value();
				outGiven = true;
				break;
			default:
				throw new Error(`unknown option ${flag}\n${USAGE}`);
		}
	}
	if (options.quick) {
		if (!sizesGiven) options.bulkSizes = [100, 1000];
		if (!runsGiven) options.runs = 1;
		if (!eventsGiven) options.intakeEvents = 60;
		options.rateLimitedPerItemSize = 100;
		options.memoryItems = 20000;
	}
	if (!outGiven && options.quick) options.outDir = join(tmpdir(), 'insim-bench');
	options.updateReadme = !outGiven && !options.quick;
	return options;
}

export { USAGE };
