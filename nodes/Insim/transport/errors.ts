import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ErrorTarget, RequestScope } from './scope';
import { isPlainObject } from '../../shared/isPlainObject';

/**
 * The error taxonomy: what each way a call can fail means for the messages it carried, and the
 * sentence a user reads. Messages never name the item (`Item N:`): every error carries its
 * `itemIndex`, and the node names the item once where it builds the output.
 */

/**
 * What a failed call means for the messages it carried:
 * - `notSent`: provably never processed (connection refused, 429, rejected credentials or input);
 * - `unknown`: the request may have been processed (timeout, reset, 5xx, unreadable 2xx answer).
 * Only `notSent` failures are ever retried, and only inside the transport.
 */
export type DeliveryCertainty = 'notSent' | 'unknown';

export const UNKNOWN_OUTCOME_ADVICE =
	'inSIM may still have processed this request: check the sent messages in the inSIM app before running it again.';

const ERROR_CODE_EXPLANATIONS: Record<string, { message: string; description: string }> = {
	INVALID_CREDENTIALS: {
		message: 'inSIM rejected the login or access key',
		description:
			'Open the inSIM API credential and check the email and the access key (inSIM web app → Settings → API).',
	},
	LICENSE_REQUIRED: {
		message: 'This inSIM feature needs a paid plan',
		description: 'Sending SMS, click-to-call and webhooks are premium features of inSIM.',
	},
	RATE_LIMITED: {
		message: 'inSIM is limiting the request rate',
		description: 'Too many requests in a short time. Lower the load or raise the batch size.',
	},
	RATE_LIMIT_EXCEEDED: {
		message: 'inSIM is limiting the request rate',
		description:
			'Too many requests in a short time: inSIM advises waiting one minute. Nothing was processed by this request.',
	},
	NOT_FOUND: {
		message: 'inSIM found nothing with this ID',
		description: 'Check the ID: it may belong to another account or have been deleted.',
	},
	VALIDATION_ERROR: {
		message: 'inSIM refused a value',
		description: 'Nothing was changed. Fix the value named above and run the node again.',
	},
	MISSING_FIELD: {
		message: 'inSIM is missing a required value',
		description: 'Nothing was changed. Fill in the field named above and run the node again.',
	},
	PROXY_ERROR: {
		message: "inSIM's backend is unreachable",
		description: 'A temporary inSIM problem: try again in a few minutes.',
	},
	// The code is the simulator's guess: inSIM documents none for a campaign in the wrong state.
	INVALID_STATE: {
		message: 'inSIM refused this in the current state',
		description:
			'Nothing was changed. A campaign starts only when ready (status 0) and can be cancelled only before it starts (status 0 or 2).',
	},
};

/** Error codes that prove inSIM processed nothing and that waiting may cure. */
export const RATE_LIMIT_CODES = new Set(['RATE_LIMITED', 'RATE_LIMIT_EXCEEDED']);

const FATAL_ERROR_CODES = new Set(['INVALID_CREDENTIALS', 'LICENSE_REQUIRED', 'ACCOUNT_INACTIVE']);

interface InsimErrorSpec {
	message: string;
	description?: string;
	httpCode?: string;
	certainty: DeliveryCertainty;
	details?: IDataObject;
	/** The next request would fail the same way (credentials, plan, unreachable host). */
	fatal?: boolean;
}

/** Builds the error from plain, already-redacted data only: never from the HTTP client's error. */
export function insimError(target: ErrorTarget, spec: InsimErrorSpec): NodeApiError {
	const error = new NodeApiError(
		target.ctx.getNode(),
		{ message: spec.message, ...(spec.details ?? {}) } as JsonObject,
		{
			message: spec.message,
			description: spec.description,
			httpCode: spec.httpCode,
			itemIndex: target.itemIndex,
		},
	);
	error.context.deliveryCertainty = spec.certainty;
	if (spec.fatal) error.context.fatal = true;
	return error;
}

/** True when every further request of this execution would fail the same way. */
export function isFatalError(error: unknown): boolean {
	return (error as { context?: IDataObject } | undefined)?.context?.fatal === true;
}

/** inSIM's `error_code` of a refusal (`NOT_FOUND` …), when the answer carried one. */
export function errorCodeOf(error: unknown): string | undefined {
	const code = (error as { errorResponse?: IDataObject } | undefined)?.errorResponse?.errorCode;
	return typeof code === 'string' ? code : undefined;
}

export function deliveryCertaintyOf(error: unknown): DeliveryCertainty {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	return context?.deliveryCertainty === 'notSent' ? 'notSent' : 'unknown';
}

/** An HTTP answer as read: its status, its parsed body or why it could not be parsed. */
export interface ReadAnswer {
	statusCode: number;
	/** the body, trimmed */
	text: string;
	parsed?: unknown;
	parseFailure?: 'empty' | 'html' | 'malformed';
	retryAfterSeconds?: number;
}

/** A non-2xx answer. */
export function statusError(scope: RequestScope, answer: ReadAnswer): NodeApiError {
	const { statusCode, parsed } = answer;
	if (
		answer.parseFailure === undefined &&
		isPlainObject(parsed) &&
		(parsed.error || parsed.error_code)
	) {
		return apiRefusal(scope, statusCode, parsed);
	}
	if (statusCode === 401 || statusCode === 403) {
		return insimError(scope, {
			...ERROR_CODE_EXPLANATIONS.INVALID_CREDENTIALS,
			message: `${ERROR_CODE_EXPLANATIONS.INVALID_CREDENTIALS.message} (HTTP ${statusCode})`,
			httpCode: String(statusCode),
			certainty: 'notSent',
			fatal: true,
		});
	}
	if (statusCode === 429) {
		return insimError(scope, {
			message: 'inSIM kept refusing requests because of its rate limit (HTTP 429)',
			description:
				(answer.retryAfterSeconds !== undefined
					? `inSIM asked to wait ${answer.retryAfterSeconds} s. `
					: '') + 'Nothing was sent by this request. Run it again later or lower the load.',
			httpCode: '429',
			certainty: 'notSent',
		});
	}
	const isServerError = statusCode >= 500;
	return insimError(scope, {
		message: isServerError
			? `inSIM had a server error (HTTP ${statusCode}) on ${scope.path}`
			: `inSIM refused the request to ${scope.path} (HTTP ${statusCode})`,
		description: isServerError
			? UNKNOWN_OUTCOME_ADVICE
			: 'Check the API Base URL in the inSIM credential.',
		httpCode: String(statusCode),
		certainty: isServerError ? 'unknown' : 'notSent',
	});
}

/** A 2xx answer that is not JSON: empty, a web page, or broken. */
export function unreadableAnswerError(
	scope: RequestScope,
	answer: ReadAnswer & { parseFailure: 'empty' | 'html' | 'malformed' },
): NodeApiError {
	const what = {
		empty: 'an empty answer',
		html: 'a web page instead of data',
		malformed: 'data that is not valid JSON',
	}[answer.parseFailure];
	return insimError(scope, {
		message: `inSIM answered ${scope.path} with ${what} (HTTP ${answer.statusCode})`,
		description:
			(answer.parseFailure === 'html'
				? 'Check the API Base URL in the inSIM credential (it normally ends in /api) and any proxy in between. '
				: '') + UNKNOWN_OUTCOME_ADVICE,
		httpCode: String(answer.statusCode),
		certainty: 'unknown',
		details: { answer: scope.redact(answer.text).slice(0, 300) },
	});
}

/** inSIM's own refusal: `success: false` or a body with `error` / `error_code`. */
export function apiRefusal(
	scope: RequestScope,
	statusCode: number,
	body: IDataObject,
): NodeApiError {
	const { redact } = scope;
	const rawErrorCode = typeof body.error_code === 'string' ? body.error_code : undefined;
	const errorCode = rawErrorCode === undefined ? undefined : redact(rawErrorCode);
	const serverText = redact(
		typeof body.error === 'string'
			? body.error
			: typeof body.message === 'string'
				? body.message
				: '',
	);
	const known = errorCode ? ERROR_CODE_EXPLANATIONS[errorCode] : undefined;
	const extra: string[] = [];
	const field = typeof body.field === 'string' ? redact(body.field) : undefined;
	const fieldLabel = field === undefined ? undefined : fieldLabelOf(field, scope.fieldLabels);
	if (field !== undefined) {
		extra.push(`Field: "${fieldLabel}"${fieldLabel !== field ? ` (inSIM's ${field})` : ''}.`);
	}
	if (typeof body.feature === 'string') extra.push(`Feature: ${redact(body.feature)}.`);
	if (typeof body.subscription_type === 'string')
		extra.push(`Current plan: ${redact(body.subscription_type)}.`);
	if (typeof body.upgrade_url === 'string') extra.push(`Upgrade: ${redact(body.upgrade_url)}`);
	const isServerError = statusCode >= 500;
	// A structured refusal (an error code) names the field whatever the code is; the item is
	// named by the node, from the error's itemIndex.
	const prefix = fieldLabel && (known || errorCode) ? `"${fieldLabel}": ` : '';
	const said = serverText ? `: ${serverText}` : '';
	const message = known
		? `${prefix}${known.message}${said}`
		: isServerError
			? `${prefix}inSIM had a server error (HTTP ${statusCode}) on ${scope.path}${said}`
			: `${prefix}inSIM refused the request to ${scope.path}${said}`;
	return insimError(scope, {
		message: errorCode ? `${message} (${errorCode})` : message,
		description:
			[known?.description, ...extra, isServerError ? UNKNOWN_OUTCOME_ADVICE : '']
				.filter(Boolean)
				.join(' ') || undefined,
		httpCode: String(statusCode),
		certainty:
			statusCode >= 500 && !(errorCode && RATE_LIMIT_CODES.has(errorCode)) ? 'unknown' : 'notSent',
		details: { errorCode, ...(field ? { field } : {}) },
		fatal: errorCode !== undefined && FATAL_ERROR_CODES.has(errorCode),
	});
}

/** `phone_number` → `Phone Number` when the operation named it, else inSIM's own name. */
function fieldLabelOf(field: string, labels: Record<string, string> | undefined): string {
	return labels?.[field] ?? field;
}

/** A 3xx: never followed, since the access key travels in the body. */
export function redirectError(
	scope: RequestScope,
	statusCode: number,
	location: unknown,
): NodeApiError {
	const target = Array.isArray(location) ? location[0] : location;
	const where =
		typeof target === 'string' && target !== '' ? scope.redact(target).slice(0, 200) : 'no address';
	return insimError(scope, {
		message: `The inSIM API Base URL answered ${scope.path} with a redirect (HTTP ${statusCode}) to ${where}`,
		description:
			'The node does not follow redirects: the access key travels in the request body and must only go to the configured address. Nothing was sent on. Set the API Base URL in the inSIM credential to the final address.',
		httpCode: String(statusCode),
		certainty: 'notSent',
		details: { redirectTo: where },
		fatal: true,
	});
}
