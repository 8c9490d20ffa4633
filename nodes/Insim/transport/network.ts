import type { NodeApiError } from 'n8n-workflow';

import { isPlainObject } from '../../shared/isPlainObject';
import { insimError, UNKNOWN_OUTCOME_ADVICE } from './errors';
import type { RequestScope } from './scope';

/**
 * Network failures: which code the HTTP client's error carries, and what it proves about the
 * request (never left this machine, or may have reached inSIM).
 */

/** Network error codes that prove the request never left this machine. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** True when the request provably never reached inSIM, so sending it again is safe. */
export function neverConnected(code: string | undefined): boolean {
	return code !== undefined && NOT_CONNECTED_CODES.has(code);
}

/**
 * The network error code of a failed request. n8n-core wraps the HTTP client's error in a
 * NodeApiError that drops its `cause`; the code survives in `httpCode` and the original message
 * in `messages`, so every place is looked at.
 */
export function networkErrorCode(error: unknown): string | undefined {
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && isPlainObject(current); depth++) {
		for (const field of [current.code, current.httpCode]) {
			if (typeof field === 'string' && (/^E[A-Z_]+$/.test(field) || field === 'ERR_CANCELED')) {
				return field;
			}
		}
		if (typeof current.message === 'string') texts.push(current.message);
		if (Array.isArray(current.messages)) texts.push(...current.messages.map(String));
		current = (current as { cause?: unknown }).cause;
	}
	const text = texts.join('\n');
	const match = /\b(E[A-Z]{4,})\b/.exec(text);
	if (match) return match[1];
	if (/timeout/i.test(text)) return 'ETIMEDOUT';
	return undefined;
}

/** The error for a request that got no answer at all. */
export function networkError(scope: RequestScope, code: string | undefined): NodeApiError {
	if (neverConnected(code)) {
		return insimError(scope, {
			// The network code goes in the description: n8n swaps a message that contains one
			// for its own generic text.
			message: `Could not connect to inSIM at ${scope.redact(scope.credentials.baseUrl)}`,
			description: `Nothing was sent (network error ${code}). Check the API Base URL in the inSIM credential and the network of this n8n instance.`,
			certainty: 'notSent',
			details: { networkCode: code },
			fatal: true,
		});
	}
	if (code !== undefined && TIMEOUT_CODES.has(code)) {
		return insimError(scope, {
			message: `inSIM did not answer ${scope.path} within ${scope.timeoutSeconds} s`,
			description: `${UNKNOWN_OUTCOME_ADVICE} The Timeout option sets how long to wait.`,
			certainty: 'unknown',
			details: { networkCode: code },
		});
	}
	if (code === 'ERR_CANCELED') {
		return insimError(scope, {
			message: 'The execution was cancelled while waiting for inSIM',
			description: UNKNOWN_OUTCOME_ADVICE,
			certainty: 'unknown',
		});
	}
	return insimError(scope, {
		message: `The connection to inSIM was cut before it answered ${scope.path}`,
		description: `${UNKNOWN_OUTCOME_ADVICE}${code ? ` (network error ${code})` : ''}`,
		certainty: 'unknown',
		details: { networkCode: code },
	});
}
