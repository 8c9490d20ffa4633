import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

/**
 * The one place that talks HTTP to inSIM. Everything the API leaves undocumented (status of a
 * bad login, rate limits, error shapes) is decided here, so a discovery changes one file.
 */

export const CREDENTIAL_TYPE = 'insimApi';

export type InsimFunctions = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

/**
 * What a failed call means for the messages it carried:
 * - `notSent`: provably never processed (connection refused, 429, rejected credentials or input);
 * - `unknown`: the request may have been processed (timeout, reset, 5xx, unreadable 2xx answer).
 * Only `notSent` failures are ever retried, and only inside this file.
 */
export type DeliveryCertainty = 'notSent' | 'unknown';

export interface InsimRequestOptions {
	/** Seconds to wait for an answer before giving up (the request may still be processed). */
	timeoutSeconds?: number;
	/** Attempts in all for failures that provably did not reach inSIM. */
	maxAttempts?: number;
	/** Longest single wait a `Retry-After` may impose before the call fails instead. */
	maxRetryAfterSeconds?: number;
	itemIndex?: number;
	/** inSIM's field names (`phone_number`) → the node's field names (`Phone Number`), for errors. */
	fieldLabels?: Record<string, string>;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 3600;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_MAX_RETRY_AFTER_SECONDS = 60;
const CONNECTION_RETRY_DELAYS_MS = [500, 1000, 2000];

/** Network error codes that prove the request never left this machine. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

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
	// The code is the simulator's guess (insim-api-v2.md shows none for a campaign in the wrong state).
	INVALID_STATE: {
		message: 'inSIM refused this in the current state',
		description:
			'Nothing was changed. A campaign starts only when ready (status 0) and can be cancelled only before it starts (status 0 or 2).',
	},
};

/** Error codes that prove inSIM processed nothing and that waiting may cure. */
const RATE_LIMIT_CODES = new Set(['RATE_LIMITED', 'RATE_LIMIT_EXCEEDED']);

export interface InsimCredentials {
	login: string;
	accessKey: string;
	baseUrl: string;
}

/**
 * One load per execution context: n8n reads and decrypts the credential from its database on
 * every getCredentials call, which cost milliseconds per batch. A new execution has a new context.
 */
const credentialsByContext = new WeakMap<object, Promise<InsimCredentials>>();

export async function getInsimCredentials(this: InsimFunctions): Promise<InsimCredentials> {
	let loading = credentialsByContext.get(this);
	if (!loading) {
		loading = loadInsimCredentials.call(this);
		credentialsByContext.set(this, loading);
		// A failed load is not kept: the next call asks n8n again.
		loading.catch(() => credentialsByContext.delete(this));
	}
	return await loading;
}

async function loadInsimCredentials(this: InsimFunctions): Promise<InsimCredentials> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		login: String(credentials.login ?? ''),
		accessKey: String(credentials.apiKey ?? ''),
		baseUrl: normalizeBaseUrl(String(credentials.baseUrl ?? '')),
	};
}

export function normalizeBaseUrl(baseUrl: string): string {
	return (baseUrl.trim() || 'https://www.insim.app/api').replace(/\/+$/, '');
}

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
	const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
	const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS;
	// Errors lose the login too. In answers a value that is exactly the login names the account
	// (`user`, `account.login`) and stays; the login inside a longer text (an echo) goes.
	const redact = secretScrubber([credentials.accessKey, credentials.login]);
	const scrubKey = secretScrubber([credentials.accessKey]);
	const scrubAnswer = (text: string) => {
		const withoutKey = scrubKey(text);
		return withoutKey === credentials.login ? withoutKey : redact(withoutKey);
	};
	try {
		return scrubDeep(
			await sendAndParse.call(this, path, body, options, credentials, {
				timeoutSeconds,
				maxAttempts,
				maxRetryAfterSeconds,
				redact,
			}),
			scrubAnswer,
		);
	} catch (error) {
		// The last net: whatever an error carries, it leaves here without the secrets.
		throw scrubError(error, redact);
	}
}

async function sendAndParse(
	this: InsimFunctions,
	path: string,
	body: IDataObject,
	options: InsimRequestOptions,
	credentials: InsimCredentials,
	settings: {
		timeoutSeconds: number;
		maxAttempts: number;
		maxRetryAfterSeconds: number;
		redact: (text: string) => string;
	},
): Promise<unknown> {
	const { timeoutSeconds, maxAttempts, maxRetryAfterSeconds, redact } = settings;

	for (let attempt = 1; ; attempt++) {
		const requestOptions: IHttpRequestOptions = {
			method: 'POST',
			url: `${credentials.baseUrl}${path}`,
			body,
			json: true,
			// Raw text so that HTML, empty and broken JSON answers are told apart here.
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutSeconds * 1000,
			// inSIM authenticates in the body: a redirect must never carry it to another address.
			// A 3xx comes back as an answer (ignoreHttpStatusErrors) and is refused below.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};

		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				requestOptions,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			if (code !== undefined && NOT_CONNECTED_CODES.has(code) && attempt < maxAttempts) {
				await sleep(CONNECTION_RETRY_DELAYS_MS[Math.min(attempt - 1, 2)]);
				continue;
			}
			throw networkError(this, code, credentials.baseUrl, path, timeoutSeconds, options, redact);
		}

		const statusCode = Number(response.statusCode);
		if (statusCode >= 300 && statusCode < 400) {
			throw redirectError(this, statusCode, response.headers?.location, path, options, redact);
		}
		const retryAfterSeconds = parseRetryAfter(response.headers?.['retry-after']);
		const rateLimited = statusCode === 429 || isRateLimitBody(response.body);
		if (rateLimited && attempt < maxAttempts) {
			const waitSeconds = retryAfterSeconds ?? attempt;
			if (waitSeconds <= maxRetryAfterSeconds) {
				await sleep(waitSeconds * 1000);
				continue;
			}
		}
		return parseAnswer(this, statusCode, response.body, path, options, redact, retryAfterSeconds);
	}
}

function parseAnswer(
	ctx: InsimFunctions,
	statusCode: number,
	rawBody: unknown,
	path: string,
	options: InsimRequestOptions,
	redact: (text: string) => string,
	retryAfterSeconds: number | undefined,
): unknown {
	const text =
		typeof rawBody === 'string' ? rawBody : rawBody == null ? '' : JSON.stringify(rawBody);
	const trimmed = text.trim();
	let parsed: unknown;
	let parseFailure: 'empty' | 'html' | 'malformed' | undefined;
	if (trimmed === '') parseFailure = 'empty';
	else if (trimmed.startsWith('<')) parseFailure = 'html';
	else {
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			parseFailure = 'malformed';
		}
	}

	const isSuccessStatus = statusCode >= 200 && statusCode < 300;
	if (!isSuccessStatus) {
		throw statusError(
			ctx,
			statusCode,
			parsed,
			parseFailure,
			path,
			options,
			redact,
			retryAfterSeconds,
		);
	}
	if (parseFailure !== undefined) {
		const what = {
			empty: 'an empty answer',
			html: 'a web page instead of data',
			malformed: 'data that is not valid JSON',
		}[parseFailure];
		throw insimError(ctx, {
			message: `inSIM answered ${path} with ${what} (HTTP ${statusCode})`,
			description:
				(parseFailure === 'html'
					? 'Check the API Base URL in the inSIM credential (it normally ends in /api) and any proxy in between. '
					: '') + UNKNOWN_OUTCOME_ADVICE,
			httpCode: String(statusCode),
			certainty: 'unknown',
			options,
			details: { answer: redact(trimmed).slice(0, 300) },
		});
	}
	if (isObject(parsed) && parsed.success === false) {
		throw apiRefusal(ctx, statusCode, parsed, path, options, redact);
	}
	return parsed;
}

const UNKNOWN_OUTCOME_ADVICE =
	'inSIM may still have processed this request: check the sent messages in the inSIM app before running it again.';

function statusError(
	ctx: InsimFunctions,
	statusCode: number,
	parsed: unknown,
	parseFailure: string | undefined,
	path: string,
	options: InsimRequestOptions,
	redact: (text: string) => string,
	retryAfterSeconds: number | undefined,
): NodeApiError {
	if (parseFailure === undefined && isObject(parsed) && (parsed.error || parsed.error_code)) {
		return apiRefusal(ctx, statusCode, parsed, path, options, redact);
	}
	if (statusCode === 401 || statusCode === 403) {
		return insimError(ctx, {
			...ERROR_CODE_EXPLANATIONS.INVALID_CREDENTIALS,
			message: `${ERROR_CODE_EXPLANATIONS.INVALID_CREDENTIALS.message} (HTTP ${statusCode})`,
			httpCode: String(statusCode),
			certainty: 'notSent',
			options,
			fatal: true,
		});
	}
	if (statusCode === 429) {
		return insimError(ctx, {
			message: 'inSIM kept refusing requests because of its rate limit (HTTP 429)',
			description:
				(retryAfterSeconds !== undefined ? `inSIM asked to wait ${retryAfterSeconds} s. ` : '') +
				'Nothing was sent by this request. Run it again later or lower the load.',
			httpCode: '429',
			certainty: 'notSent',
			options,
		});
	}
	const isServerError = statusCode >= 500;
	return insimError(ctx, {
		message: isServerError
			? `inSIM had a server error (HTTP ${statusCode}) on ${path}`
			: `inSIM refused the request to ${path} (HTTP ${statusCode})`,
		description: isServerError
			? UNKNOWN_OUTCOME_ADVICE
			: 'Check the API Base URL in the inSIM credential.',
		httpCode: String(statusCode),
		certainty: isServerError ? 'unknown' : 'notSent',
		options,
	});
}

function apiRefusal(
	ctx: InsimFunctions,
	statusCode: number,
	body: IDataObject,
	path: string,
	options: InsimRequestOptions,
	redact: (text: string) => string,
): NodeApiError {
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
	const fieldLabel = field === undefined ? undefined : fieldLabelOf(field, options.fieldLabels);
	if (field !== undefined) {
		extra.push(`Field: "${fieldLabel}"${fieldLabel !== field ? ` (inSIM's ${field})` : ''}.`);
	}
	if (typeof body.feature === 'string') extra.push(`Feature: ${redact(body.feature)}.`);
	if (typeof body.subscription_type === 'string')
		extra.push(`Current plan: ${redact(body.subscription_type)}.`);
	if (typeof body.upgrade_url === 'string') extra.push(`Upgrade: ${redact(body.upgrade_url)}`);
	const isServerError = statusCode >= 500;
	const about = fieldLabel ? `"${fieldLabel}"` : '';
	// A structured refusal (an error code) names the field whatever the code is; the node's
	// output names the item.
	const prefix = about && (known || errorCode) ? `${about}: ` : '';
	const message = known
		? `${prefix}${known.message}${serverText ? `: ${serverText}` : ''}`
		: isServerError
			? `${prefix}inSIM had a server error (HTTP ${statusCode}) on ${path}${serverText ? `: ${serverText}` : ''}`
			: `${prefix}inSIM refused the request to ${path}${serverText ? `: ${serverText}` : ''}`;
	return insimError(ctx, {
		message: errorCode ? `${message} (${errorCode})` : message,
		description:
			[known?.description, ...extra, isServerError ? UNKNOWN_OUTCOME_ADVICE : '']
				.filter(Boolean)
				.join(' ') || undefined,
		httpCode: String(statusCode),
		certainty:
			statusCode >= 500 && !(errorCode && RATE_LIMIT_CODES.has(errorCode)) ? 'unknown' : 'notSent',
		options,
		details: { errorCode, ...(field ? { field } : {}) },
		fatal: errorCode !== undefined && FATAL_ERROR_CODES.has(errorCode),
	});
}

/** `phone_number` → `Phone Number` when the operation named it, else inSIM's own name. */
function fieldLabelOf(field: string, labels: Record<string, string> | undefined): string {
	return labels?.[field] ?? field;
}

function networkError(
	ctx: InsimFunctions,
	code: string | undefined,
	baseUrl: string,
	path: string,
	timeoutSeconds: number,
	options: InsimRequestOptions,
	redact: (text: string) => string,
): NodeApiError {
	if (code !== undefined && NOT_CONNECTED_CODES.has(code)) {
		return insimError(ctx, {
			// The network code goes in the description: n8n swaps a message that contains one
			// for its own generic text.
			message: `Could not connect to inSIM at ${redact(baseUrl)}`,
			description: `Nothing was sent (network error ${code}). Check the API Base URL in the inSIM credential and the network of this n8n instance.`,
			certainty: 'notSent',
			options,
			details: { networkCode: code },
			fatal: true,
		});
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		return insimError(ctx, {
			message: `inSIM did not answer ${path} within ${timeoutSeconds} s`,
			description: `${UNKNOWN_OUTCOME_ADVICE} The Timeout option sets how long to wait.`,
			certainty: 'unknown',
			options,
			details: { networkCode: code },
		});
	}
	if (code === 'ERR_CANCELED') {
		return insimError(ctx, {
			message: 'The execution was cancelled while waiting for inSIM',
			description: UNKNOWN_OUTCOME_ADVICE,
			certainty: 'unknown',
			options,
		});
	}
	return insimError(ctx, {
		message: `The connection to inSIM was cut before it answered ${path}`,
		description: `${UNKNOWN_OUTCOME_ADVICE}${code ? ` (network error ${code})` : ''}`,
		certainty: 'unknown',
		options,
		details: { networkCode: code },
	});
}

interface InsimErrorSpec {
	message: string;
	description?: string;
	httpCode?: string;
	certainty: DeliveryCertainty;
	options: InsimRequestOptions;
	details?: IDataObject;
	/** The next request would fail the same way (credentials, plan, unreachable host). */
	fatal?: boolean;
}

/** Builds the error from plain, already-redacted data only: never from the HTTP client's error. */
function insimError(ctx: InsimFunctions, spec: InsimErrorSpec): NodeApiError {
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: spec.message, ...(spec.details ?? {}) } as JsonObject,
		{
			message: spec.message,
			description: spec.description,
			httpCode: spec.httpCode,
			itemIndex: spec.options.itemIndex,
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

const FATAL_ERROR_CODES = new Set(['INVALID_CREDENTIALS', 'LICENSE_REQUIRED', 'ACCOUNT_INACTIVE']);

/** inSIM's `error_code` of a refusal (`NOT_FOUND` …), when the answer carried one. */
export function errorCodeOf(error: unknown): string | undefined {
	const code = (error as { errorResponse?: IDataObject } | undefined)?.errorResponse?.errorCode;
	return typeof code === 'string' ? code : undefined;
}

export function deliveryCertaintyOf(error: unknown): DeliveryCertainty {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	return context?.deliveryCertainty === 'notSent' ? 'notSent' : 'unknown';
}

/**
 * The network error code of a failed request. n8n-core wraps the HTTP client's error in a
 * NodeApiError that drops its `cause`; the code survives in `httpCode` and the original message
 * in `messages`, so every place is looked at.
 */
function networkErrorCode(error: unknown): string | undefined {
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && isObject(current); depth++) {
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

/** A 200 carrying `success:false` and a rate-limit code: nothing was processed, like a 429. */
function isRateLimitBody(body: unknown): boolean {
	if (typeof body !== 'string' || body.length > 2000 || !body.includes('RATE_LIMIT')) return false;
	try {
		const parsed = JSON.parse(body) as unknown;
		return (
			isObject(parsed) &&
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

export function redactSecret(text: string, secret: string): string {
	return secretScrubber([secret])(text);
}

/** The text put where a secret was. */
export const SCRUBBED = '***';
const MIN_SECRET_LENGTH = 4;

/**
 * Every form in which a secret can come back inside server text: as sent, JSON-escaped (also
 * PHP-style, with `\/` and `\uXXXX`), URL-encoded (percent codes in either case, `+` for space)
 * and HTML-escaped.
 */
export function secretVariants(secret: string): string[] {
	if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return [];
	const json = JSON.stringify(secret).slice(1, -1);
	const phpJson = json
		.replace(/\//g, '\\/')
		.replace(
			/[\u007f-\uffff]/g,
			(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
		);
	const uriComponent = encodeURIComponent(secret);
	const variants = new Set([
		secret,
		json,
		phpJson,
		uriComponent,
		uriComponent.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
		uriComponent.replace(/%20/g, '+'),
		encodeURI(secret),
		secret
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&#39;'),
	]);
	// Longest first, so a longer form is never left half-replaced by a shorter one.
	return [...variants].filter((variant) => variant.length > 0).sort((a, b) => b.length - a.length);
}

/** A function that replaces every form of every given secret in a text (see secretVariants). */
export function secretScrubber(secrets: string[]): (text: string) => string {
	const variants = secrets.flatMap(secretVariants);
	if (variants.length === 0) return (text) => text;
	return (text) => {
		if (typeof text !== 'string') return text;
		let scrubbed = text;
		for (const variant of variants) {
			if (scrubbed.includes(variant)) scrubbed = scrubbed.split(variant).join(SCRUBBED);
		}
		return scrubbed;
	};
}

/**
 * Scrubs every string and every key of a parsed answer, in place (it is the node's own copy),
 * without recursion (a hostile answer may be nested thousands deep) and without ever assigning
 * a `__proto__` key.
 */
export function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
	if (typeof value === 'string') return scrub(value) as T;
	if (typeof value !== 'object' || value === null) return value;
	const pending: object[] = [value];
	const seen = new Set<object>();
	while (pending.length > 0) {
		const container = pending.pop() as Record<string, unknown>;
		if (seen.has(container)) continue;
		seen.add(container);
		for (const key of Object.keys(container)) {
			const child = container[key];
			let next = child;
			if (typeof child === 'string') next = scrub(child);
			else if (typeof child === 'object' && child !== null) pending.push(child);
			const cleanKey = Array.isArray(container) ? key : scrub(key);
			if (cleanKey !== key) {
				delete container[key];
				Object.defineProperty(container, cleanKey, {
					value: next,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			} else if (next !== child) {
				container[key] = next;
			}
		}
	}
	return value;
}

/** Scrubs what an error says and carries: message, description, stack, cause, context. */
function scrubError(error: unknown, scrub: (text: string) => string): unknown {
	if (typeof error !== 'object' || error === null) return error;
	const target = error as Record<string, unknown>;
	for (const field of ['message', 'description', 'stack']) {
		if (typeof target[field] === 'string') target[field] = scrub(target[field] as string);
	}
	for (const field of ['cause', 'context', 'messages', 'errorResponse']) {
		if (typeof target[field] === 'object' && target[field] !== null) {
			scrubDeep(target[field], scrub);
		}
	}
	return error;
}

function redirectError(
	ctx: InsimFunctions,
	statusCode: number,
	location: unknown,
	path: string,
	options: InsimRequestOptions,
	redact: (text: string) => string,
): NodeApiError {
	const target = Array.isArray(location) ? location[0] : location;
	const where =
		typeof target === 'string' && target !== '' ? redact(target).slice(0, 200) : 'no address';
	return insimError(ctx, {
		message: `The inSIM API Base URL answered ${path} with a redirect (HTTP ${statusCode}) to ${where}`,
		description:
			'The node does not follow redirects: the access key travels in the request body and must only go to the configured address. Nothing was sent on. Set the API Base URL in the inSIM credential to the final address.',
		httpCode: String(statusCode),
		certainty: 'notSent',
		options,
		details: { redirectTo: where },
		fatal: true,
	});
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * API v2: POSTs `{ ...body, login, accessKey }` to `/v2/<endpoint>` and returns the answer, which
 * must carry `success: true` (a 200 with `success:false` is thrown as its error, never returned).
 * Top-level empty values are dropped first: inSIM reads an empty string as a real filter.
 */
export async function insimV2Request(
	this: InsimFunctions,
	endpoint: string,
	body: IDataObject = {},
	options: InsimRequestOptions = {},
): Promise<IDataObject> {
	const path = `/v2/${endpoint}`;
	const answer = await insimRequest.call(this, path, withoutEmptyValues(body), options);
	if (isObject(answer) && answer.success === true) return answer;
	throw insimError(this, {
		message: `inSIM answered ${path} without "success": true`,
		description:
			'The answer does not look like inSIM API v2: check the API Base URL in the inSIM credential. ' +
			UNKNOWN_OUTCOME_ADVICE,
		certainty: 'unknown',
		options,
	});
}

export function withoutEmptyValues(body: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		kept[key] = value;
	}
	return kept;
}
