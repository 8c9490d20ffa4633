// Every failure of the harness names its step, so a red CI run says where it broke.
import { existsSync, readFileSync } from 'node:fs';

export type HarnessStep =
	| 'install'
	| 'build'
	| 'start'
	| 'setup'
	| 'import'
	| 'run'
	| 'rest'
	| 'check'
	| 'stop'
	| 'simulator';

export class HarnessStepError extends Error {
	readonly step: HarnessStep;

	constructor(step: HarnessStep, message: string, options?: { cause?: unknown }) {
		super(`[e2e:${step}] ${message}`);
		this.name = 'HarnessStepError';
		this.step = step;
		if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
	}
}

export function stepError(step: HarnessStep, message: string, cause?: unknown): HarnessStepError {
	const detail = cause instanceof Error ? `: ${cause.message}` : cause ? `: ${String(cause)}` : '';
	return new HarnessStepError(step, `${message}${detail}`, { cause });
}

/** Runs `action`; any error that does not already name a step is wrapped as `[e2e:<step>]`. */
export async function inStep<T>(
	step: HarnessStep,
	what: string,
	action: () => Promise<T>,
): Promise<T> {
	try {
		return await action();
	} catch (error) {
		if (error instanceof HarnessStepError) throw error;
		throw stepError(step, what, error);
	}
}

/** The last `lineCount` lines of a text file, or '' when it does not exist. */
export function tailOfFile(path: string, lineCount = 40): string {
	if (!existsSync(path)) return '';
	const text = readFileSync(path, 'utf8');
	return tailOfText(text, lineCount);
}

export function tailOfText(text: string, lineCount = 40): string {
	const lines = text.trimEnd().split('\n');
	return lines.slice(-lineCount).join('\n');
}
