// Small numeric helpers shared by the benchmark sections.

export function median(values: number[]): number {
	return percentile(values, 50);
}

/** Nearest-rank percentile of `values` (p in 0..100); NaN for no values. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Wall-clock time with sub-millisecond precision, as epoch milliseconds. */
export function nowMs(): number {
	return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `1234.5` → `1,235`; small numbers keep `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
	if (!Number.isFinite(value)) return '–';
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

export function formatMs(ms: number): string {
	if (!Number.isFinite(ms)) return '–';
	if (ms >= 10000) return `${formatNumber(ms / 1000, 1)} s`;
	if (ms >= 1000) return `${formatNumber(ms / 1000, 2)} s`;
	return `${formatNumber(ms, ms < 10 ? 1 : 0)} ms`;
}

export function formatRatio(ratio: number): string {
	if (!Number.isFinite(ratio)) return '–';
	return `${formatNumber(ratio, ratio < 10 ? 2 : ratio < 100 ? 1 : 0)}×`;
}

export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return '–';
	if (Math.abs(bytes) >= 1024 * 1024) return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
	if (Math.abs(bytes) >= 1024) return `${formatNumber(bytes / 1024, 1)} kB`;
	return `${formatNumber(bytes)} B`;
}
