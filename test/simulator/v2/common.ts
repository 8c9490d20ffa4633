// What every v2 endpoint shares: the handler shape, the error envelope, input checks, paging.
import type { ApiOutcome } from '../api';
import type { LiveAccount, SimulatorState } from '../state';
import type { RecordedRequest } from '../types';
import { decodeCursor, encodeCursor, type V2Store } from './store';

export interface V2Context {
	state: SimulatorState;
	account: LiveAccount;
	store: V2Store;
	/** the JSON body, credentials included */
	body: Record<string, unknown>;
	record: RecordedRequest;
}

export type V2Handler = (ctx: V2Context) => ApiOutcome;

/** HTTP status of each error code. The real statuses are not shown anywhere (see api-v2 §1). */
const ERROR_STATUS: Record<string, number> = {
	MISSING_FIELD: 400,
	VALIDATION_ERROR: 400,
	NOT_FOUND: 404,
	LICENSE_REQUIRED: 403,
	RATE_LIMIT_EXCEEDED: 429,
	INVALID_CREDENTIALS: 401,
	PROXY_ERROR: 502,
	INVALID_STATE: 409,
};

/** Thrown by checks inside a handler; index.ts turns it into the v2 error envelope. */
export class V2Error extends Error {
	constructor(
		readonly errorCode: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export function v2ErrorOutcome(state: SimulatorState, error: V2Error): ApiOutcome {
	const status = state.options.v2ErrorsAs200 ? 200 : (ERROR_STATUS[error.errorCode] ?? 400);
	return {
		status,
		json: { success: false, error: error.message, error_code: error.errorCode, ...error.extra },
		accepted: [],
	};
}

export function ok(json: Record<string, unknown>): ApiOutcome {
	return { status: 200, json: { success: true, ...json }, accepted: [] };
}

export function missing(field: string): V2Error {
	return new V2Error('MISSING_FIELD', `${field} is required`, { field });
}

export function invalid(field: string, why: string): V2Error {
	return new V2Error('VALIDATION_ERROR', `${field}: ${why}`, { field });
}

export function notFound(what: string, field: string): V2Error {
	return new V2Error('NOT_FOUND', `${what} not found`, { field });
}

export function licenseRequired(account: LiveAccount, feature: string): V2Error {
	return new V2Error('LICENSE_REQUIRED', `${feature} requires a premium subscription`, {
		subscription_type: account.plan,
		upgrade_url: 'https://www.insim.app/pricing',
		feature,
	});
}

export function requireString(body: Record<string, unknown>, field: string): string {
	const value = body[field];
	if (value === undefined || value === null || value === '') throw missing(field);
	if (typeof value !== 'string') throw invalid(field, 'must be a string');
	return value;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw invalid(field, 'must be a string');
	return value;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
	return value;
}

export function stringArray(
	body: Record<string, unknown>,
	field: string,
	required: boolean,
): string[] {
	const value = body[field];
	if (value === undefined || value === null) {
		if (required) throw missing(field);
		return [];
	}
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
		throw invalid(field, 'must be an array of strings');
	}
	return value as string[];
}

/** `limit` is 1..100 everywhere a client exposes it. */
export function readLimit(body: Record<string, unknown>, fallback: number): number {
	const value = body.limit;
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
		throw invalid('limit', 'must be a whole number from 1 to 100');
	}
	return value;
}

/** `YYYY-MM-DD` (a time part is tolerated and ignored); undefined when not given. */
export function readDate(body: Record<string, unknown>, field: string): string | undefined {
	const value = optionalString(body, field);
	if (value === undefined) return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})([ T].*)?$/.exec(value);
	if (!match || Number.isNaN(Date.parse(match[1]))) throw invalid(field, 'expected YYYY-MM-DD');
	return match[1];
}

/** Keeps records whose `YYYY-MM-DD…` date lies within [from, to] (both inclusive). */
export function inDateRange(date: string, from?: string, to?: string): boolean {
	const day = date.slice(0, 10);
	return (from === undefined || day >= from) && (to === undefined || day <= to);
}

/**
 * One page of `records` for a cursor-paged list: `{ <key>: page, total, has_more, cursor? }`.
 * A cursor that the simulator did not issue is a VALIDATION_ERROR.
 */
export function cursorPage<T>(
	records: T[],
	body: Record<string, unknown>,
	defaultLimit: number,
): { page: T[]; total: number; has_more: boolean; cursor?: string } {
	const limit = readLimit(body, defaultLimit);
	const offset = decodeCursor(body.cursor);
	if (offset === undefined) throw invalid('cursor', 'unknown cursor');
	const page = records.slice(offset, offset + limit);
	const next = offset + page.length;
	const hasMore = next < records.length;
	return {
		page,
		total: records.length,
		has_more: hasMore,
		...(hasMore ? { cursor: encodeCursor(next) } : {}),
	};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
