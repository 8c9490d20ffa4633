// Injected failures: which request gets which fault, and what the faulty answers look like.
import { FAULT_KINDS, type FaultKind, type FaultRule } from './types';

interface ActiveFault {
	rule: Required<Omit<FaultRule, 'path'>> & { path?: string };
	matched: number; // matching requests seen so far (skipped ones included)
	applied: number;
}

/** '/api/v1/clicTocall' and '/v1/clictocall' name the same thing. */
function normalizePath(path: string): string {
	const withoutApi = path.replace(/^\/api(?=\/|$)/i, '');
	return (withoutApi.replace(/\/+$/, '') || '/').toLowerCase();
}

/** Validates a rule from code or from JSON (where Infinity travels as null or "Infinity"). */
export function parseFaultRule(input: unknown): FaultRule {
	if (typeof input !== 'object' || input === null) throw new Error('fault rule must be an object');
	const raw = input as Record<string, unknown>;
	if (!FAULT_KINDS.includes(raw.kind as FaultKind)) {
		throw new Error(
			`unknown fault kind ${JSON.stringify(raw.kind)}; one of ${FAULT_KINDS.join(', ')}`,
		);
	}
	const rule: FaultRule = { kind: raw.kind as FaultKind };
	if (raw.path !== undefined && raw.path !== null) {
		if (typeof raw.path !== 'string') throw new Error('fault path must be a string');
		rule.path = raw.path;
	}
	if ('times' in raw && raw.times !== undefined) {
		// JSON.stringify(Infinity) gives null: read it as "every time".
		if (raw.times === null || raw.times === 'Infinity') rule.times = Infinity;
		else if (typeof raw.times === 'number' && raw.times >= 0) rule.times = raw.times;
		else throw new Error('fault times must be a number >= 0, null or "Infinity"');
	}
	if (raw.skip !== undefined) {
		if (typeof raw.skip !== 'number' || raw.skip < 0) throw new Error('fault skip must be >= 0');
		rule.skip = raw.skip;
	}
	if (raw.retryAfterSeconds !== undefined) {
		if (typeof raw.retryAfterSeconds !== 'number' || raw.retryAfterSeconds < 0) {
			throw new Error('fault retryAfterSeconds must be a number >= 0');
		}
		rule.retryAfterSeconds = raw.retryAfterSeconds;
	}
	return rule;
}

export class FaultBook {
	private faults: ActiveFault[] = [];

	add(rule: FaultRule): void {
		const checked = parseFaultRule(rule);
		this.faults.push({
			rule: {
				kind: checked.kind,
				path: checked.path === undefined ? undefined : normalizePath(checked.path),
				times: checked.times ?? 1,
				skip: checked.skip ?? 0,
				retryAfterSeconds: checked.retryAfterSeconds ?? 1,
			},
			matched: 0,
			applied: 0,
		});
	}

	clear(): void {
		this.faults = [];
	}

	/** Rules in the order they were added; the first one that fires wins. */
	take(path: string): FaultRule | undefined {
		const target = normalizePath(path);
		for (const fault of this.faults) {
			const { rule } = fault;
			if (rule.path !== undefined && rule.path !== target) continue;
			if (fault.applied >= rule.times) continue;
			fault.matched++;
			if (fault.matched <= rule.skip) continue;
			fault.applied++;
			return { ...rule };
		}
		return undefined;
	}

	list(): FaultRule[] {
		return this.faults.map((fault) => ({ ...fault.rule }));
	}
}

export const FAULT_HTML_503 =
	'<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n' +
	'<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request ' +
	'due to maintenance downtime or capacity problems. Please try again later.</p></body></html>\n';

export const FAULT_HTML_LOGIN =
	'<!DOCTYPE html>\n<html><head><title>Sign in - Corporate Proxy</title></head>\n' +
	'<body><form method="post" action="/login"><h1>Please sign in</h1>' +
	'<input name="username"><input name="password" type="password"><button>Sign in</button>' +
	'</form></body></html>\n';

/** A JSON answer cut in the middle, like a proxy dropping the connection mid-stream. */
export const FAULT_MALFORMED_JSON = '[{"id_sms_api": "abc", ';
