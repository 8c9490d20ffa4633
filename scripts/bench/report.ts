// BENCHMARKS.md and the README's benchmark section, written from one run's figures.
import { readFileSync, writeFileSync } from 'node:fs';

import type { BulkFigure, BulkResults, Profile } from './bulkSend';
import {
	bestPerItemFigure,
	evaluateGoals,
	intakeRatios,
	packageFigure,
	shortLabel,
	speedup,
} from './goals';
import type { BenchResults } from './results';
import { formatBytes, formatMs, formatNumber, formatRatio } from './stats';
import { INTAKE_RECEIVER_LABELS, type IntakeResults } from './webhookIntake';

const PROFILE_TITLES: Record<Profile, string> = {
	open: 'Open profile (no limit on concurrent requests)',
	rateLimited: 'Rate-limited profile',
};

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const itemsPerSecond = (figure: BulkFigure) => (figure.size / figure.median.wallMs) * 1000;
const count = (value: number) => formatNumber(value);
const runsNote = (figure: BulkFigure) => (figure.runs.length === 1 ? ' ¹' : '');

function bulkTable(bulk: BulkResults, profile: Profile): string {
	const figures = bulk.figures.filter((figure) => figure.scenario.profile === profile);
	const rows = figures.map((figure) => {
		const best = bestPerItemFigure(bulk, profile, figure.size);
		const ratio =
			figure.scenario.sender === 'insim'
				? formatRatio(speedup(best, figure))
				: figure === best
					? 'best'
					: '';
		const floor =
			figure.floorMs !== undefined
				? `${formatMs(figure.floorMs)} (${formatRatio(figure.median.wallMs / figure.floorMs)})`
				: '';
		const m = figure.median;
		return [
			figure.scenario.label,
			count(figure.size),
			`${formatMs(m.wallMs)}${runsNote(figure)}`,
			m.nodeMs === null ? '–' : formatMs(m.nodeMs),
			`${count(m.requests)}${m.rateLimited ? ` (${count(m.rateLimited)} × 429)` : ''}`,
			formatNumber(itemsPerSecond(figure)),
			m.lostMessages || m.duplicateMessages
				? `**${count(m.lostMessages)} lost, ${count(m.duplicateMessages)} sent twice or more**`
				: '0',
			m.workflowStatus.split(', ').every((status) => status === 'success')
				? 'success'
				: m.workflowStatus,
			ratio,
			floor,
		];
	});
	return table(
		[
			'Sender',
			'Items',
			'Wall time',
			'Node time',
			'Requests',
			'Items/s',
			'Messages lost / duplicated',
			'Execution',
			'× faster than best per-item',
			'Floor (wall ÷ floor)',
		],
		rows,
	);
}

function rateLimitedNote(bulk: BulkResults): string {
	const refused = bulk.figures.filter(
		(figure) =>
			figure.scenario.profile === 'rateLimited' &&
			figure.scenario.sender === 'insim' &&
			figure.median.rateLimited > 0,
	);
	if (refused.length === 0) return '';
	return (
		'Where the inSIM node met the limit (' +
		refused
			.map(
				(figure) =>
					`${shortLabel(figure)}, ${count(figure.size)} items: ${count(figure.median.rateLimited)} × 429`,
			)
			.join('; ') +
		'), each refused request waited the whole `Retry-After` (1 s) and went again; nothing was lost or sent twice, because the node resends only ' +
		'what inSIM provably did not process. The floor counts those waits.'
	);
}

function skippedList(bulk: BulkResults, profile: Profile): string {
	const lines = bulk.scenarios
		.filter((scenario) => scenario.profile === profile)
		.flatMap((scenario) =>
			scenario.skipped.map(
				(skip) => `- ${scenario.label}, ${count(skip.size)} items: ${skip.reason}.`,
			),
		);
	return lines.length
		? `Not measured (by design, to keep the run under 15 minutes):\n\n${lines.join('\n')}`
		: '';
}

function intakeTable(intake: IntakeResults): string {
	const rows = intakeRatios(intake).flatMap((ratio) =>
		[ratio.trigger, ratio.pair]
			.filter((figure) => figure !== undefined)
			.map((figure) => [
				INTAKE_RECEIVER_LABELS[figure.receiver],
				String(figure.concurrency),
				formatNumber(figure.median.eventsPerSecond, 1),
				formatMs(figure.median.p50Ms),
				formatMs(figure.median.p99Ms),
				formatMs(figure.median.answerP50Ms),
				`${figure.median.executions} / ${figure.median.events}`,
				figure.receiver === 'insimTrigger' ? formatRatio(ratio.throughputRatio) : '',
			]),
	);
	return table(
		[
			'Receiver',
			'Senders',
			'Events/s',
			'p50 (to execution end)',
			'p99',
			'p50 of the 200 answer',
			'Executions found',
			'Trigger ÷ pair (events/s)',
		],
		rows,
	);
}

function diagnosisBulkRows(results: BenchResults): string {
	const bulk = results.diagnosis?.bulk;
	if (!bulk || !results.bulk) return '';
	const rows = bulk.figures.map((figure) => {
		const normal = results.bulk?.figures.find(
			(candidate) => candidate.scenario.id === figure.scenario.id && candidate.size === figure.size,
		);
		return [
			figure.scenario.label,
			count(figure.size),
			normal ? formatMs(normal.median.wallMs) : '–',
			normal?.median.nodeMs != null ? formatMs(normal.median.nodeMs) : '–',
			formatMs(figure.median.wallMs),
			figure.median.nodeMs != null ? formatMs(figure.median.nodeMs) : '–',
		];
	});
	return table(
		[
			'Sender (open profile)',
			'Items',
			'Wall, default engine (vm)',
			'Node time, vm',
			'Wall, legacy engine',
			'Node time, legacy',
		],
		rows,
	);
}

function diagnosisIntakeRows(results: BenchResults): string {
	const intake = results.diagnosis?.intake;
	if (!intake) return '';
	const rows = intakeRatios(intake).map((ratio) => [
		String(ratio.concurrency),
		formatNumber(ratio.trigger?.median.eventsPerSecond ?? Number.NaN, 1),
		formatNumber(ratio.pair?.median.eventsPerSecond ?? Number.NaN, 1),
		formatRatio(ratio.throughputRatio),
		formatMs(ratio.trigger?.median.p50Ms ?? Number.NaN),
		formatMs(ratio.pair?.median.p50Ms ?? Number.NaN),
	]);
	return table(
		[
			'Senders',
			'inSIM Trigger events/s',
			'Webhook + Code events/s',
			'Ratio',
			'Trigger p50',
			'Pair p50',
		],
		rows,
	);
}

function headline(results: BenchResults) {
	const bulk = results.bulk;
	const largest = bulk
		? Math.max(...bulk.figures.filter((f) => f.scenario.profile === 'open').map((f) => f.size))
		: 0;
	const perItemSize = results.options.rateLimitedPerItemSize;
	return {
		largest,
		perItemSize,
		openOurs: bulk ? packageFigure(bulk, 'open', largest) : undefined,
		openBest: bulk ? bestPerItemFigure(bulk, 'open', largest) : undefined,
		limitedOurs: bulk ? packageFigure(bulk, 'rateLimited', perItemSize) : undefined,
		limitedBest: bulk ? bestPerItemFigure(bulk, 'rateLimited', perItemSize) : undefined,
		limitedOursLargest: bulk ? packageFigure(bulk, 'rateLimited', largest) : undefined,
	};
}

export function renderReport(results: BenchResults): string {
	const { machine, options, bulk, intake, inProcess, weight } = results;
	const verdicts = evaluateGoals(results);
	const h = headline(results);
	const out: string[] = [];
	const push = (...blocks: string[]) => out.push(...blocks.filter((block) => block !== ''));

	push(
		'# Benchmarks',
		'_Written by `npm run bench` (scripts/bench/); do not edit by hand. Figures are reported, never asserted: no test fails on a number._',
		`Run of ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(results.durationMs / 1000)} s in all, on ` +
			`${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB RAM; n8n ${machine.n8nVersion} on Node ${machine.n8nNode}, ` +
			`the benchmark on Node ${machine.benchNode}. ` +
			(machine.otherN8nAtStart + machine.otherN8nAtEnd === 0
				? 'No other n8n was running on the machine at the start or the end of the run.'
				: `**${machine.otherN8nAtStart} other n8n process(es) were running at the start and ${machine.otherN8nAtEnd} at the end: figures are noisier.**`) +
			(machine.loadAverageAtStart !== undefined
				? ` Load average at the start: ${machine.loadAverageAtStart.toFixed(2)}.`
				: ''),
		`Simulator latency ${options.latencyMs} ms per request; rate-limited profile: ${options.rateLimitPerSecond} requests per second per account ` +
			`(sliding one-second window, 429 with \`Retry-After\` beyond). Medians of ${options.runs} runs, except where marked ¹ (one run: ` +
			`a run longer than ${options.longRunMs / 1000} s is dominated by waits, not noise, and is not repeated).` +
			(options.quick ? ' **Quick run (`--quick`): small sizes, not the committed figures.**' : ''),
		`Reproduce: \`npm run bench\` (${options.quick ? 'the full run takes about 10 minutes' : `${Math.round(results.durationMs / 60000)} minutes for this run`}; ` +
			'`npm run bench -- --quick` checks the setup in about 3 minutes, `--help` lists the flags). ' +
			'`ts-node scripts/bench/render.ts` re-renders this file from docs/benchmarks.json without measuring again.',
	);

	push(
		'## Goals',
		table(
			['Goal (from the issue)', 'Measured', 'Met?'],
			verdicts.map((verdict) => [
				verdict.goal,
				verdict.measured,
				verdict.met === undefined
					? 'not measured'
					: verdict.met
						? 'yes'
						: `**no** — [why](#${verdict.explanation ?? ''})`,
			]),
		),
	);

	if (bulk) {
		push(
			'## 1. Bulk send through a real n8n',
			'One n8n (the pinned version, this package installed from its `npm pack` tarball as a community package) runs every workflow: ' +
				'a **Webhook** node (POST, _Respond: when last node finishes_) receives `{ rows: [...] }`, **Split Out** makes one item per row, ' +
				"then the sender. The wall time runs from the first byte of the POST to the end of n8n's answer, so n8n's CLI start-up is not in it; " +
				"the node time is n8n's own `executionTime` of the sender node, read back from the execution through the public API. " +
				'Requests and messages are counted by the simulator: _lost_ = input rows never accepted, _sent twice or more_ = accepted copies beyond the first.',
			'Senders: the **inSIM node** (SMS → Send, phone and text from expressions `{{ $json.phone }}` / `{{ $json.text }}`) and what users do without it, ' +
				"n8n's **HTTP Request** node (v4.5, the version n8n adds today) posting one `/v1/sendsms` per item with a JSON body " +
				"`{ header: { login, accessKey }, messages: [{ phone_number, message }] }` built by an expression. The HTTP Request node has n8n's " +
				'_Retry On Fail_ turned on at its defaults (3 tries, 1 s apart), which is what a user reaches for after a 429; it re-runs the **whole node**, ' +
				"so every item is posted again, including those already accepted. Its _Batching_ option is measured not added (n8n's default: every item at once), " +
				'added at its defaults (50 items per 1000 ms), and, rate-limited, at the best setting for 10 requests/s: 10 items per 1100 ms ' +
				'(10 per 1000 ms sits exactly on the limit: in a trial of 3 runs × 200 items it hit 429s in 2 runs, and Retry On Fail then resent ' +
				'every item — 191 and 370 messages sent twice, one run failed; 10 per 1100 ms hit none in 3 runs).',
			'The **floor** is the time the requests alone need: (requests the inSIM node makes) × latency, and in the rate-limited profile at least ' +
				'(requests − limit) ÷ limit seconds.',
			'The simulator counts the SMS parts it bills the way inSIM does (sms-segments-calculator), with an arithmetic path for plain GSM-7 texts ' +
				'that its own tests check against the library: the grapheme splitter would cost 0.3 ms of CPU per message, more than the latency under test.',
			`### ${PROFILE_TITLES.open}`,
			bulkTable(bulk, 'open'),
			skippedList(bulk, 'open'),
			`### ${PROFILE_TITLES.rateLimited} (${options.rateLimitPerSecond} requests/s)`,
			bulkTable(bulk, 'rateLimited'),
			rateLimitedNote(bulk),
			skippedList(bulk, 'rateLimited'),
			`The per-item baselines run at ${count(options.rateLimitedPerItemSize)} items (or fewer) in this profile: at ${options.rateLimitPerSecond} requests/s, ` +
				`${count(Math.max(...options.bulkSizes))} items need at least ${count(Math.max(...options.bulkSizes) / options.rateLimitPerSecond)} s one request per item. ` +
				'No figure above is extrapolated.',
			'¹ one run.',
		);
	}

	if (intake) {
		push(
			'## 2. Webhook intake through a real n8n',
			`Two published workflows in the same n8n: the **inSIM Trigger** alone (every event selected, default options) and n8n's **Webhook** node ` +
				"(GET, _Respond: immediately_) followed by a **Code** node (JavaScript, run once for all items, on n8n's task runner) that parses whichever " +
				'inSIM parameter came and maps it to the same fields. Senders use undici, one connection each, and send their next event as soon as the ' +
				'previous answer arrived: the same `GET <url>?message=<JSON>` inSIM sends for an SMS received, a text with `%`, `&` and `#` in it. ' +
				`${intake.eventsPerRun} events per run; the two receivers alternate run by run. ` +
				'Latency runs from the first byte of a request to the `stoppedAt` of the execution it started (the execution is found by a marker in the event); ' +
				'events/s = events ÷ (last execution stopped − first request started).',
			intakeTable(intake),
		);
	}

	if (inProcess) {
		const net = inProcess.send.wallUsPerItem - inProcess.control.wallUsPerItem;
		push(
			'## 3. Per-item cost inside the node (in-process)',
			"The built node (`dist/`) inside n8n-core's `WorkflowExecute` (n8n-core 2.11.1, the engine the engine tests use, Node " +
				`${machine.benchNode}), in a fresh child process per measurement, against the simulator in the parent process with **zero latency**. ` +
				'Items `{ phone, text }` are generated in memory by a source node; the inSIM node reads them through the same expressions as above. ' +
				'The control is a pass-through node: what the engine alone costs per item.',
			table(
				['Measure', 'Wall µs per item', 'CPU µs per item', 'Items', 'Runs'],
				[
					[
						'SMS → Send, batch size 100 (incl. HTTP to the simulator)',
						formatNumber(inProcess.send.wallUsPerItem, 1),
						formatNumber(inProcess.send.cpuUsPerItem, 1),
						count(inProcess.send.count),
						String(inProcess.send.runs),
					],
					[
						'Control: pass-through node',
						formatNumber(inProcess.control.wallUsPerItem, 1),
						formatNumber(inProcess.control.cpuUsPerItem, 1),
						count(inProcess.control.count),
						String(inProcess.control.runs),
					],
					['SMS → Send minus control', formatNumber(net, 1), '', '', ''],
					[
						'inSIM Trigger: one webhook call (n8n-core `WebhookContext` built + `webhook()`)',
						formatNumber(inProcess.decode.wallUsPerItem, 1),
						formatNumber(inProcess.decode.cpuUsPerItem, 1),
						count(inProcess.decode.count),
						String(inProcess.decode.runs),
					],
					[
						'inSIM Trigger: inside `webhook()` only',
						formatNumber(inProcess.decode.webhookOnlyUsPerItem ?? Number.NaN, 1),
						'',
						'',
						'',
					],
				],
			),
			"CPU time is the child process's user + system time (it includes V8's garbage-collector threads, so it can exceed the wall time).",
			'### Memory',
			'Peak of `process.memoryUsage()` sampled every 5 ms while the workflow ran, minus the value after a full GC just before it. ' +
				'`heapUsed` counts garbage not yet collected too, so its peak is an upper bound of what is live; the last column is what is ' +
				'still live once the node has finished and the heap was collected, with the execution (its output items) still held, as n8n holds it.',
			table(
				[
					'Node',
					'Items',
					'Batch size',
					'Peak RSS above baseline',
					'Peak heap above baseline',
					'Peak heap per item',
					'Still held after the run and a GC (the output items)',
				],
				inProcess.memory.map((memory) => [
					memory.node === 'insim' ? 'inSIM SMS → Send' : 'Control: pass-through',
					count(memory.count),
					memory.batchSize === undefined ? '–' : String(memory.batchSize),
					formatBytes(memory.peakRssBytes - memory.baselineRssBytes),
					formatBytes(memory.peakHeapBytes - memory.baselineHeapBytes),
					formatBytes((memory.peakHeapBytes - memory.baselineHeapBytes) / memory.count),
					formatBytes(memory.retainedHeapBytes - memory.baselineHeapBytes),
				]),
			),
		);
	}

	if (weight) {
		push(
			'## 4. Package weight',
			table(
				[
					'Packed (npm pack)',
					'Unpacked',
					'Files',
					'Runtime dependencies',
					'`require` of the built credential and both nodes',
					'the same, n8n-workflow included',
				],
				[
					[
						formatBytes(weight.packedBytes),
						formatBytes(weight.unpackedBytes),
						String(weight.fileCount),
						String(weight.runtimeDependencies),
						`${formatNumber(weight.requireMs, 1)} ms`,
						`${formatNumber(weight.requireWithN8nWorkflowMs, 1)} ms`,
					],
				],
			),
			`Require times are medians of ${weight.requireRuns} fresh Node ${machine.benchNode} processes; inside n8n, n8n-workflow is already loaded, so the first figure is what the package adds to n8n's start.`,
		);
	}

	push(...explanations(results));
	push(...closingNote(results, h));
	return `${out.join('\n\n')}\n`;
}

function explanations(results: BenchResults): string[] {
	const { bulk, intake, inProcess, diagnosis } = results;
	const blocks: string[] = ['## Where the time goes'];
	if (bulk) {
		const ours = packageFigure(
			bulk,
			'open',
			Math.max(
				...bulk.figures.map((f) => f.size).filter((size) => packageFigure(bulk, 'open', size)),
			),
		);
		const perItemNodeUs =
			ours && ours.median.nodeMs !== null && ours.floorMs !== undefined
				? ((ours.median.nodeMs - ours.floorMs) * 1000) / ours.size
				: Number.NaN;
		const openVerdicts = evaluateGoals(results).filter((verdict) =>
			verdict.goal.startsWith('open'),
		);
		blocks.push(
			openVerdicts.some((verdict) => verdict.met === false)
				? '### Why the open-profile goals are missed'
				: '### Bulk send: what the time is spent on',
			'n8n 2.40 evaluates every expression in an isolated V8 (`N8N_EXPRESSION_ENGINE=vm`, the default), about half a millisecond per evaluation ' +
				'on this machine. The HTTP Request baseline pays that once per item (its JSON body). A first run of this benchmark found that SMS → Send ' +
				'paid it twice per item (phone and text, `{{ $json.phone }}` / `{{ $json.text }}`): a CPU profile of the running n8n put 99 % of the ' +
				"node's time in `getNodeParameter` → `@n8n/expression-runtime`, and the first full run (03:18 UTC) measured the node at only 0.98× the baseline at 1,000 items and 1.05× at 10,000, " +
				'6.3× the floor. The node now reads a parameter that is exactly `{{ $json.<field> }}` straight from the item when that field holds a ' +
				'string, number or boolean — the value n8n would return — and leaves every other expression to n8n ' +
				'(`nodes/Insim/helpers/parameters.ts`; `test/nodes/Insim/helpers/parameters.test.ts` checks it against n8n evaluating the same field). ' +
				`At ${ours ? count(ours.size) : '–'} items the node now spends about ${formatNumber(perItemNodeUs, 0)} µs per item beyond the floor: ` +
				`that is about ${formatNumber((perItemNodeUs * 100) / 1000, 0)} ms per 100-item request on top of the latency. A CPU profile of the running n8n (three 10,000-item runs): the node's own ` +
				'code costs about 7 µs per item (half of it reading the Options collection per item); per request, n8n loaded the credential from SQLite ' +
				'and decrypted it twice (`getInsimCredentials` in the transport, then again inside `httpRequestWithAuthentication`; about 1.4 ms of CPU ' +
				'plus the database round trip), then axios and JSON; and the simulator, in the benchmark process, spends 1.2–3.4 ms of CPU on each ' +
				'100-message request. The floor counts none of that. Since that profile the transport reads the credential once per execution ' +
				"(an engine test counts the reads); the read inside `httpRequestWithAuthentication` is n8n's own. In-process the node costs " +
				`${inProcess ? formatNumber(inProcess.send.wallUsPerItem, 0) : '–'} µs per item (section 3).`,
			"The same workflows in an n8n started with `N8N_EXPRESSION_ENGINE=legacy` (n8n's in-process evaluator, an n8n setting: " +
				'nothing in the package changes) show how much of each figure is the expression engine:',
			diagnosisBulkRows(results),
		);
	}
	if (intake) {
		blocks.push(
			intakeRatios(intake).some((ratio) => ratio.throughputRatio < 1)
				? '### Why the webhook intake goal is missed'
				: '### Webhook intake: what the time is spent on',
			'With the default expression engine, n8n 2.40.7 acquires an isolate from its pool for the webhook phase of **every trigger except its own Webhook node** ' +
				'(`live-webhooks.js`, `webhookPhaseNeedsIsolate`: only `n8n-nodes-base.webhook` v2+ with static parameters skips it), and the pool throws ' +
				'each isolate away after one use and builds a new one (`isolate-pool.js`: `release` disposes, `replenish` creates). So every event sent to the ' +
				"inSIM Trigger pays for building one more V8 isolate than the same event sent to a Webhook node; the Code node's extra work on the task runner " +
				'is smaller than that. A bigger pool (`N8N_EXPRESSION_ENGINE_POOL_SIZE=4`) did not change it in a trial run: the cost is the building, not the wait. ' +
				'Nothing in the trigger can opt out of this. With the legacy engine:',
			diagnosisIntakeRows(results),
			"Throughput is low for both on this 2-core machine: each execution is also saved to SQLite with its data (n8n's default), on the same cores as everything else.",
		);
	}
	if (inProcess) {
		blocks.push(
			inProcess.decode.wallUsPerItem < 20
				? '### Decoding cost'
				: '### Why decoding costs more than 20 µs',
			`One webhook call costs ${formatNumber(inProcess.decode.wallUsPerItem, 1)} µs, of which ${formatNumber(inProcess.decode.webhookOnlyUsPerItem ?? Number.NaN, 1)} µs ` +
				"inside the node's `webhook()`; the rest is building n8n-core's `WebhookContext` and its additional data, which n8n does for every request anyway. " +
				'A first run profiled `webhook()` (20,000 events): 29 % was `deliveryKey()`, a SHA-256 of each event computed although only ' +
				'_Drop Repeated Deliveries_ (off by default) uses it; the trigger now computes it only when that option is on. What is left: ' +
				'`decodeEventParam`, `extractEventParams` and two `getNodeParameter` calls. Either way this is two orders of magnitude below what ' +
				'n8n spends per webhook execution (section 2).',
			'### Memory',
			memoryParagraph(inProcess),
		);
	}
	return blocks;
}

function memoryParagraph(inProcess: NonNullable<BenchResults['inProcess']>): string {
	const mb = (bytes: number) => formatBytes(bytes);
	const find = (node: string, items: number, batchSize?: number) =>
		inProcess.memory.find((m) => m.node === node && m.count === items && m.batchSize === batchSize);
	const largest = Math.max(...inProcess.memory.map((m) => m.count));
	const ours = find('insim', largest, 100);
	const control = find('passThrough', largest);
	const bigBatch = find('insim', largest, 1000);
	if (!ours || !control) return '';
	return (
		"The request body grows with the batch size, but n8n's contract (one output item per input item, in order) makes the node keep one output item " +
		`per input item, so memory also grows with the input. At ${count(largest)} items, what is still live after the run is ${mb(ours.retainedHeapBytes - ours.baselineHeapBytes)} ` +
		`(the pass-through control, whose execution holds the same input items, keeps ${mb(control.retainedHeapBytes - control.baselineHeapBytes)}); the rest of the ` +
		`${mb(ours.peakHeapBytes - ours.baselineHeapBytes)} heap peak is garbage of the run (evaluated expressions, request and answer bodies) not yet collected. ` +
		(bigBatch
			? `Batch size 1,000 instead of 100 peaks at ${mb(bigBatch.peakHeapBytes - bigBatch.baselineHeapBytes)}: the batch itself weighs little.`
			: '')
	);
}

function closingNote(results: BenchResults, h: ReturnType<typeof headline>): string[] {
	const lines: string[] = ['## Closing note'];
	const verdicts = evaluateGoals(results);
	const parts: string[] = [];
	if (h.openOurs && h.openBest) {
		parts.push(
			`In the open profile the inSIM node sends ${count(h.largest)} SMS in ${formatMs(h.openOurs.median.wallMs)} against ` +
				`${formatMs(h.openBest.median.wallMs)} for the best per-item HTTP Request setting: **${formatRatio(speedup(h.openBest, h.openOurs))}** ` +
				`(goal 3×), ${formatRatio(h.openOurs.median.wallMs / (h.openOurs.floorMs ?? Number.NaN))} the floor (goal 1.5×).`,
		);
	}
	if (h.limitedOurs && h.limitedBest) {
		parts.push(
			`Rate-limited at ${results.options.rateLimitPerSecond} requests/s, ${count(h.perItemSize)} SMS take ${formatMs(h.limitedOurs.median.wallMs)} against ` +
				`${formatMs(h.limitedBest.median.wallMs)} for the best per-item setting: **${formatRatio(speedup(h.limitedBest, h.limitedOurs))}** (goal 50×), ` +
				`with ${h.limitedOurs.median.lostMessages} messages lost.` +
				(h.limitedOursLargest
					? ` ${count(h.limitedOursLargest.size)} SMS take ${formatMs(h.limitedOursLargest.median.wallMs)} with ${h.limitedOursLargest.median.lostMessages} lost.`
					: ''),
		);
		const unsafe = results.bulk?.figures.filter(
			(figure) =>
				figure.scenario.profile === 'rateLimited' &&
				figure.scenario.sender === 'httpRequest' &&
				figure.median.lostMessages > 0,
		);
		if (unsafe?.length) {
			parts.push(
				'The per-item settings that do not pace themselves lose messages and send others twice: ' +
					unsafe
						.map(
							(figure) =>
								`${shortLabel(figure)}: ${figure.median.lostMessages} of ${figure.size} lost, ${figure.median.duplicateMessages} duplicates`,
						)
						.join('; ') +
					'.',
			);
		}
	}
	if (results.intake) {
		const ratios = intakeRatios(results.intake);
		parts.push(
			`Webhook intake, inSIM Trigger ÷ Webhook + Code in events/s: ${ratios.map((r) => `**${formatRatio(r.throughputRatio)}** at ${r.concurrency}`).join(', ')} (goal ≥ 1.0×).`,
		);
	}
	if (results.inProcess) {
		parts.push(
			`Decoding: ${formatNumber(results.inProcess.decode.wallUsPerItem, 1)} µs per event (goal < 20 µs).`,
		);
	}
	const missed = verdicts.filter((verdict) => verdict.met === false).map((verdict) => verdict.goal);
	lines.push(parts.join(' '));
	if (missed.length) {
		lines.push(
			`Missed: ${missed.join('; ')}. The reasons are above, measured rather than guessed.`,
		);
	}
	return lines;
}

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

export function renderReadmeSection(results: BenchResults): string {
	const h = headline(results);
	const rows: string[][] = [];
	if (h.openOurs && h.openBest) {
		rows.push([
			`${count(h.largest)} SMS, no rate limit`,
			formatMs(h.openOurs.median.wallMs),
			`${formatMs(h.openBest.median.wallMs)} (${shortLabel(h.openBest)})`,
			formatRatio(speedup(h.openBest, h.openOurs)),
		]);
	}
	if (h.limitedOurs && h.limitedBest) {
		const lossy = results.bulk?.figures.find(
			(figure) => figure.scenario.id === 'limited-http-nobatching',
		);
		rows.push([
			`${count(h.perItemSize)} SMS, ${results.options.rateLimitPerSecond} requests/s limit`,
			`${formatMs(h.limitedOurs.median.wallMs)}, ${h.limitedOurs.median.lostMessages} lost`,
			`${formatMs(h.limitedBest.median.wallMs)} (${shortLabel(h.limitedBest)})` +
				(lossy ? `; without pacing ${lossy.median.lostMessages} of ${lossy.size} lost` : ''),
			formatRatio(speedup(h.limitedBest, h.limitedOurs)),
		]);
	}
	if (h.limitedOursLargest && h.largest > h.perItemSize) {
		const rate = results.options.rateLimitPerSecond;
		rows.push([
			`${count(h.largest)} SMS, ${rate} requests/s limit`,
			`${formatMs(h.limitedOursLargest.median.wallMs)}, ${h.limitedOursLargest.median.lostMessages} lost`,
			`not run: at least ${count(h.largest / rate)} s by construction (${count(h.largest)} requests at ${rate}/s)`,
			'–',
		]);
	}
	const lines = [
		README_START,
		'## Benchmarks',
		'',
		`Measured by \`npm run bench\` against the local simulator (${results.options.latencyMs} ms per request) in a real n8n ${results.machine.n8nVersion} ` +
			`on ${results.machine.cores} cores; every figure, the method and the goals missed (with the reasons) are in [BENCHMARKS.md](https://github.com/ArdaryinSIM/n8n-nodes-insim/blob/main/BENCHMARKS.md).`,
		'',
		table(['Bulk send', 'inSIM node', 'HTTP Request per item (best setting)', 'Faster'], rows),
	];
	if (results.intake) {
		const ratios = intakeRatios(results.intake);
		lines.push(
			'',
			`Webhook intake (inSIM Trigger ÷ Webhook + Code, events/s): ${ratios.map((r) => `${formatRatio(r.throughputRatio)} at ${r.concurrency} sender${r.concurrency > 1 ? 's' : ''}`).join(', ')} ` +
				(ratios.some((r) => r.throughputRatio < 1)
					? '— n8n 2.40 builds an extra expression isolate for every call to a trigger other than its own Webhook node; see BENCHMARKS.md.'
					: ''),
		);
	}
	if (results.inProcess) {
		lines.push(
			'',
			`Inside the node: ${formatNumber(results.inProcess.send.wallUsPerItem, 0)} µs per SMS item, ${formatNumber(results.inProcess.decode.wallUsPerItem, 0)} µs per webhook event.`,
		);
	}
	lines.push(
		'',
		'![Benchmarks: items per second and events per second](https://raw.githubusercontent.com/ArdaryinSIM/n8n-nodes-insim/main/docs/benchmarks.svg)',
		README_END,
	);
	return lines.join('\n');
}

/** Replaces the section between the bench markers, or adds it before "## License". */
export function updateReadmeSection(readmePath: string, results: BenchResults): void {
	const readme = readFileSync(readmePath, 'utf8');
	const section = renderReadmeSection(results);
	const start = readme.indexOf(README_START);
	const end = readme.indexOf(README_END);
	let updated: string;
	if (start !== -1 && end > start) {
		updated = readme.slice(0, start) + section + readme.slice(end + README_END.length);
	} else {
		const license = readme.indexOf('\n## License');
		updated =
			license === -1
				? `${readme.trimEnd()}\n\n${section}\n`
				: `${readme.slice(0, license)}\n${section}\n${readme.slice(license)}`;
	}
	writeFileSync(readmePath, updated);
}

export type { BulkResults };
