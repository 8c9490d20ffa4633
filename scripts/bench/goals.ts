// The goals, evaluated on one run's figures. Reported, never asserted.
import type { BulkFigure, BulkResults, Profile } from './bulkSend';
import type { BenchResults } from './results';
import type { IntakeResults } from './webhookIntake';

export interface GoalVerdict {
	goal: string;
	measured: string;
	met: boolean | undefined;
	/** anchor of the explanation in BENCHMARKS.md */
	explanation?: string;
}

export function packageFigure(bulk: BulkResults, profile: Profile, size: number) {
	return bulk.figures.find(
		(figure) =>
			figure.scenario.profile === profile &&
			figure.scenario.sender === 'insim' &&
			figure.scenario.batchSize === 100 &&
			figure.size === size,
	);
}

/** The fastest per-item HTTP Request setting measured at this size that lost no message. */
export function bestPerItemFigure(bulk: BulkResults, profile: Profile, size: number) {
	return bulk.figures
		.filter(
			(figure) =>
				figure.scenario.profile === profile &&
				figure.scenario.sender === 'httpRequest' &&
				figure.size === size &&
				figure.median.lostMessages === 0,
		)
		.sort((a, b) => a.median.wallMs - b.median.wallMs)[0];
}

export function speedup(baseline: BulkFigure | undefined, ours: BulkFigure | undefined) {
	return baseline && ours ? baseline.median.wallMs / ours.median.wallMs : Number.NaN;
}

export function intakeRatios(intake: IntakeResults) {
	const concurrencies = [...new Set(intake.figures.map((figure) => figure.concurrency))];
	return concurrencies.map((concurrency) => {
		const of = (receiver: string) =>
			intake.figures.find((f) => f.receiver === receiver && f.concurrency === concurrency);
		const trigger = of('insimTrigger');
		const pair = of('webhookAndCode');
		return {
			concurrency,
			trigger,
			pair,
			throughputRatio:
				trigger && pair ? trigger.median.eventsPerSecond / pair.median.eventsPerSecond : Number.NaN,
			p50Ratio: trigger && pair ? pair.median.p50Ms / trigger.median.p50Ms : Number.NaN,
		};
	});
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function evaluateGoals(results: BenchResults): GoalVerdict[] {
	const verdicts: GoalVerdict[] = [];
	const { bulk, intake, inProcess } = results;
	if (bulk) {
		const openSizes = [
			...new Set(bulk.figures.filter((f) => f.scenario.profile === 'open').map((f) => f.size)),
		];
		const openRatios = openSizes
			.map((size) => ({
				size,
				ratio: speedup(bestPerItemFigure(bulk, 'open', size), packageFigure(bulk, 'open', size)),
			}))
			.filter((entry) => Number.isFinite(entry.ratio));
		verdicts.push({
			goal: 'open: bulk send ≥ 3× faster than the best per-item HTTP Request setting',
			measured: openRatios
				.map((e) => `${fmt(e.ratio, 2)}× at ${e.size.toLocaleString('en-US')}`)
				.join(', '),
			met: openRatios.length ? openRatios.every((e) => e.ratio >= 3) : undefined,
			explanation: 'why-the-open-profile-goals-are-missed',
		});
		const floors = openSizes
			.map((size) => packageFigure(bulk, 'open', size))
			.filter((figure): figure is BulkFigure => figure?.floorMs !== undefined)
			.map((figure) => ({
				size: figure.size,
				ratio: figure.median.wallMs / (figure.floorMs ?? 1),
			}));
		verdicts.push({
			goal: 'open: within 1.5× of the floor (requests × latency)',
			measured: floors
				.map((e) => `${fmt(e.ratio, 2)}× the floor at ${e.size.toLocaleString('en-US')}`)
				.join(', '),
			met: floors.length ? floors.every((e) => e.ratio <= 1.5) : undefined,
			explanation: 'why-the-open-profile-goals-are-missed',
		});
		const size = results.options.rateLimitedPerItemSize;
		const limitedRatio = speedup(
			bestPerItemFigure(bulk, 'rateLimited', size),
			packageFigure(bulk, 'rateLimited', size),
		);
		verdicts.push({
			goal: 'rate-limited: ≥ 50× faster than the per-item way',
			measured: `${fmt(limitedRatio, 0)}× at ${size.toLocaleString('en-US')} items`,
			met: Number.isFinite(limitedRatio) ? limitedRatio >= 50 : undefined,
		});
		const packageLost = bulk.figures
			.filter((f) => f.scenario.profile === 'rateLimited' && f.scenario.sender === 'insim')
			.reduce((total, f) => total + f.median.lostMessages + f.median.duplicateMessages, 0);
		const baselineLost = bulk.figures
			.filter((f) => f.scenario.profile === 'rateLimited' && f.scenario.sender === 'httpRequest')
			.map(
				(f) =>
					`${f.median.lostMessages} lost + ${f.median.duplicateMessages} duplicates of ${f.size} (${shortLabel(f)})`,
			);
		verdicts.push({
			goal: 'rate-limited: zero messages lost (report the baseline’s)',
			measured: `package: ${packageLost} lost or duplicated; baseline: ${baselineLost.join('; ')}`,
			met: packageLost === 0,
		});
	}
	if (intake) {
		const ratios = intakeRatios(intake);
		verdicts.push({
			goal: 'webhook intake at least as fast as Webhook + Code (ratio ≥ 1.0)',
			measured:
				ratios.map((r) => `${fmt(r.throughputRatio, 2)} at ${r.concurrency}`).join(', ') +
				' (events/s ratio)',
			met: ratios.length ? ratios.every((r) => r.throughputRatio >= 1) : undefined,
			explanation: 'why-the-webhook-intake-goal-is-missed',
		});
	}
	if (inProcess) {
		const decode = inProcess.decode;
		verdicts.push({
			goal: 'decoding < 20 µs per event',
			measured: `${fmt(decode.wallUsPerItem)} µs per event with n8n-core's WebhookContext, ${fmt(decode.webhookOnlyUsPerItem ?? Number.NaN)} µs inside webhook()`,
			met: decode.wallUsPerItem < 20,
			explanation: 'why-decoding-costs-more-than-20-µs',
		});
		const memory = inProcess.memory.find(
			(m) => m.node === 'insim' && m.batchSize === 100 && m.count === results.options.memoryItems,
		);
		if (memory) {
			const rss = (memory.peakRssBytes - memory.baselineRssBytes) / 1048576;
			const heap = (memory.peakHeapBytes - memory.baselineHeapBytes) / 1048576;
			verdicts.push({
				goal: `memory for ${memory.count.toLocaleString('en-US')} items under 200 MB above the baseline`,
				measured: `+${fmt(rss, 0)} MB RSS, +${fmt(heap, 0)} MB heap (peak)`,
				met: Math.max(rss, heap) < 200,
				explanation: 'memory',
			});
		}
	}
	return verdicts;
}

export function shortLabel(figure: BulkFigure): string {
	const { scenario } = figure;
	if (scenario.sender === 'insim') return `inSIM, batch ${scenario.batchSize}`;
	if (!scenario.batching) return 'HTTP Request, no batching';
	return `HTTP Request, ${scenario.batching.batchSize} / ${scenario.batching.batchIntervalMs} ms`;
}
