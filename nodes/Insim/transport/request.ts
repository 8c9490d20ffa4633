import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE, getInsimCredentials, type InsimFunctions } from './credentials';
import {
	apiRefusal,
	RATE_LIMIT_CODES,
	redirectError,
	statusError,
	unreadableAnswerError,
	type ReadAnswer,
} from './errors';
import { networkError, networkErrorCode, neverConnected } from './network';
import { requestScrubbers, scrubDeep, scrubError } from './redact';
import type { InsimRequestOptions, RequestScope } from './scope';
import { isPlainObject } from '../../shared/isPlainObject';

/**
 * Sending: one POST to inSIM with the credential injected, its retries (only what provably did
 * not reach inSIM) and redirects (never followed), and the reading of the answer.
 */

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 3600;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_MAX_RETRY_AFTER_SECONDS = 60;
const CONNECTION_RETRY_DELAYS_MS = [500, 1000, 2000];

/**
 * POSTs `body` to `path` (e.g. `/v1/sendsms`) with the credential injected, and returns the parsed
 * JSON answer. Throws a NodeApiError whose `context.deliveryCertainty` says whether the payload
 * may have been processed; the access key never appears in it.
 */
export async function insimRequest(
	this: InsimFunctions,
	path: string,
	body: IDataObject,
	options: InsimRequestOptions = {},
): Promise<unknown> {
	const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
	// 0 would mean "wait forever" to the HTTP client, NaN an instant failure: refuse both unsent.
	if (
		typeof timeoutSeconds !== 'number' ||
		!Number.isFinite(timeoutSeconds) ||
		timeoutSeconds <= 0 ||
		timeoutSeconds > MAX_TIMEOUT_SECONDS
	) {
		throw new NodeOperationError(
			this.getNode(),
			`The Timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (got ${String(timeoutSeconds)})`,
			{ itemIndex: options.itemIndex, description: 'Nothing was sent.' },
		);
	}
	const credentials = await getInsimCredentials.call(this);
	const { redact, scrubAnswer } = requestScrubbers(credentials);
	const scope: RequestScope = {
		ctx: this,
		path,
		body,
		credentials,
		timeoutSeconds,
		maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
		maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS,
		itemIndex: options.itemIndex,
		fieldLabels: options.fieldLabels,
		redact,
	};
	try {
		return scrubDeep(await sendAndRead(scope), scrubAnswer);
	} catch (error) {
		// The last net: whatever an error carries, it leaves here without the secrets.
		throw scrubError(error, redact);
	}
}

async function sendAndRead(scope: RequestScope): Promise<unknown> {
	const { ctx } = scope;
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				httpOptions(scope),
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			if (neverConnected(code) && attempt < scope.maxAttempts) {
				await sleep(CONNECTION_RETRY_DELAYS_MS[Math.min(attempt - 1, 2)]);
				continue;
			}
			throw networkError(scope, code);
		}

		const statusCode = Number(response.statusCode);
		if (statusCode >= 300 && statusCode < 400) {
			throw redirectError(scope, statusCode, response.headers?.location);
		}
		const retryAfterSeconds = parseRetryAfter(response.headers?.['retry-after']);
		const rateLimited = statusCode === 429 || isRateLimitBody(response.body);
		if (rateLimited && attempt < scope.maxAttempts) {
			const waitSeconds = retryAfterSeconds ?? attempt;
			if (waitSeconds <= scope.maxRetryAfterSeconds) {
				await sleep(waitSeconds * 1000);
				continue;
			}
		}
		return readAnswer(scope, { ...parseBody(response.body), statusCode, retryAfterSeconds });
	}
}

function httpOptions(scope: RequestScope): IHttpRequestOptions {
	return {
		method: 'POST',
		url: `${scope.credentials.baseUrl}${scope.path}`,
		body: scope.body,
		json: true,
		// Raw text so that HTML, empty and broken JSON answers are told apart here.
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: scope.timeoutSeconds * 1000,
		// inSIM authenticates in the body: a redirect must never carry it to another address.
		// A 3xx comes back as an answer (ignoreHttpStatusErrors) and is refused by sendAndRead.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
}

function parseBody(rawBody: unknown): Omit<ReadAnswer, 'statusCode'> {
	const text = (
		typeof rawBody === 'string' ? rawBody : rawBody == null ? '' : JSON.stringify(rawBody)
	).trim();
	if (text === '') return { text, parseFailure: 'empty' };
	if (text.startsWith('<')) return { text, parseFailure: 'html' };
	try {
		return { text, parsed: JSON.parse(text) as unknown };
	} catch {
		return { text, parseFailure: 'malformed' };
	}
}

function readAnswer(scope: RequestScope, answer: ReadAnswer): unknown {
	const { statusCode, parsed, parseFailure } = answer;
	if (statusCode < 200 || statusCode >= 300) throw statusError(scope, answer);
	if (parseFailure !== undefined) throw unreadableAnswerError(scope, { ...answer, parseFailure });
	if (isPlainObject(parsed) && parsed.success === false)
		throw apiRefusal(scope, statusCode, parsed);
	return parsed;
}

/** A 200 carrying `success:false` and a rate-limit code: nothing was processed, like a 429. */
function isRateLimitBody(body: unknown): boolean {
	if (typeof body !== 'string' || body.length > 2000 || !body.includes('RATE_LIMIT')) return false;
	try {
		const parsed = JSON.parse(body) as unknown;
		return (
			isPlainObject(parsed) &&
			parsed.success === false &&
			typeof parsed.error_code === 'string' &&
			RATE_LIMIT_CODES.has(parsed.error_code)
		);
	} catch {
		return false;
	}
}

function parseRetryAfter(header: unknown): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
	const date = Date.parse(String(value));
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
