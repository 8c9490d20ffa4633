// docs/benchmarks.svg: the headline figures as horizontal bars, hand-written SVG (no dependency).
import type { BulkFigure } from './bulkSend';
import { shortLabel } from './goals';
import type { BenchResults } from './results';
import { formatNumber } from './stats';
import { INTAKE_RECEIVER_LABELS } from './webhookIntake';

interface Bar {
	label: string;
	value: number;
	text: string;
	color: string;
}

interface Group {
	title: string;
	bars: Bar[];
}

const WIDTH = 960;
const LABEL_WIDTH = 330;
const VALUE_WIDTH = 150;
const BAR_HEIGHT = 16;
const BAR_GAP = 5;
const GROUP_GAP = 26;
const PANEL_GAP = 40;
const INSIM_COLOR = '#2f7d32';
const BASELINE_COLOR = '#9e9e9e';
const LOSSY_COLOR = '#d84315';

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function bulkGroups(results: BenchResults): Group[] {
	const bulk = results.bulk;
	if (!bulk) return [];
	const keys = [
		...new Set(bulk.figures.map((figure) => `${figure.scenario.profile}|${figure.size}`)),
	];
	return keys.map((key) => {
		const [profile, size] = key.split('|');
		const figures = bulk.figures.filter(
			(figure) => figure.scenario.profile === profile && figure.size === Number(size),
		);
		return {
			title: `${profile === 'open' ? 'Open' : `Rate-limited (${results.options.rateLimitPerSecond}/s)`}, ${formatNumber(Number(size))} SMS — items per second (log scale)`,
			bars: figures.map((figure: BulkFigure) => {
				const perSecond = (figure.size / figure.median.wallMs) * 1000;
				const lossy = figure.median.lostMessages > 0 || figure.median.duplicateMessages > 0;
				return {
					label: shortLabel(figure),
					value: perSecond,
					text: `${formatNumber(perSecond, perSecond < 10 ? 1 : 0)}/s${lossy ? `, ${figure.median.lostMessages} lost` : ''}`,
					color:
						figure.scenario.sender === 'insim' ? INSIM_COLOR : lossy ? LOSSY_COLOR : BASELINE_COLOR,
				};
			}),
		};
	});
}

function intakeGroups(results: BenchResults): Group[] {
	const intake = results.intake;
	if (!intake) return [];
	const concurrencies = [...new Set(intake.figures.map((figure) => figure.concurrency))];
	return concurrencies.map((concurrency) => ({
		title: `Webhook intake, ${concurrency} sender${concurrency > 1 ? 's' : ''} — events per second`,
		bars: intake.figures
			.filter((figure) => figure.concurrency === concurrency)
			.map((figure) => ({
				label: INTAKE_RECEIVER_LABELS[figure.receiver],
				value: figure.median.eventsPerSecond,
				text: `${formatNumber(figure.median.eventsPerSecond, 1)}/s, p50 ${formatNumber(figure.median.p50Ms, 0)} ms`,
				color: figure.receiver === 'insimTrigger' ? INSIM_COLOR : BASELINE_COLOR,
			})),
	}));
}

function renderPanel(
	groups: Group[],
	top: number,
	logScale: boolean,
): { svg: string; height: number } {
	const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
	const max = Math.max(1, ...groups.flatMap((group) => group.bars.map((bar) => bar.value)));
	const scale = (value: number) => {
		if (value <= 0) return 0;
		if (!logScale) return (value / max) * barSpace;
		const span = Math.log10(max * 1.2);
		return Math.max(2, (Math.log10(Math.max(1, value)) / span) * barSpace);
	};
	const parts: string[] = [];
	let y = top;
	for (const group of groups) {
		parts.push(`<text x="10" y="${y + 12}" class="group">${escape(group.title)}</text>`);
		y += 20;
		for (const bar of group.bars) {
			const width = scale(bar.value);
			parts.push(
				`<text x="${LABEL_WIDTH - 8}" y="${y + 12}" class="label" text-anchor="end">${escape(bar.label)}</text>`,
				`<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${bar.color}" rx="2"/>`,
				`<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 12}" class="value">${escape(bar.text)}</text>`,
			);
			y += BAR_HEIGHT + BAR_GAP;
		}
		y += GROUP_GAP - BAR_GAP;
	}
	return { svg: parts.join('\n'), height: y - top };
}

export function renderChart(results: BenchResults): string {
	const title = `n8n-nodes-insim benchmarks — n8n ${results.machine.n8nVersion}, simulator latency ${results.options.latencyMs} ms, ${results.machine.cores} cores`;
	const bulk = renderPanel(bulkGroups(results), 50, true);
	const intake = renderPanel(intakeGroups(results), 50 + bulk.height + PANEL_GAP, false);
	const height = 50 + bulk.height + PANEL_GAP + intake.height + 30;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
		'<style>.title{font-size:16px;font-weight:bold}.group{font-size:13px;font-weight:bold;fill:#333}.label{font-size:12px;fill:#333}.value{font-size:12px;fill:#555}.legend{font-size:12px;fill:#333}</style>',
		`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
		`<text x="10" y="24" class="title">${escape(title)}</text>`,
		`<rect x="10" y="32" width="12" height="10" fill="${INSIM_COLOR}"/><text x="27" y="41" class="legend">this package</text>`,
		`<rect x="120" y="32" width="12" height="10" fill="${BASELINE_COLOR}"/><text x="137" y="41" class="legend">n8n built-in nodes</text>`,
		`<rect x="270" y="32" width="12" height="10" fill="${LOSSY_COLOR}"/><text x="287" y="41" class="legend">built-in, messages lost or sent twice</text>`,
		bulk.svg,
		intake.svg,
		`<text x="10" y="${height - 10}" class="value">Written by npm run bench on ${results.startedAt.slice(0, 10)}; figures and method in BENCHMARKS.md.</text>`,
		'</svg>',
		'',
	].join('\n');
}
