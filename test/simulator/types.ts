// Public types of the local inSIM simulator (see /work/shared/insim-api.md, sections 1 to 3).
import type { V2Store } from './v2/store';

export interface SimAccount {
	login: string;
	accessKey: string;
	plan?: 'free' | 'premium';
	smsCredits?: number;
	active?: boolean;
	/**
	 * ISO country of the account (default 'FR'): the numbering plan local numbers are read in
	 * (`account.country_code`; the vendor's CLI example shows 'TN').
	 */
	countryCode?: string;
}

export type FaultKind =
	| 'http500' // process nothing, answer 500 JSON {success:false,error}
	| 'http500AfterProcessing' // messages ARE accepted, then 500: the dangerous case for retries
	| 'http429' // 429 + Retry-After, process nothing
	| 'http503Html' // 503 with an HTML page, process nothing
	| 'hang' // read, record and process the request, never answer (until close)
	| 'reset' // destroy the socket before processing (nothing accepted)
	| 'resetAfterProcessing' // process, then destroy the socket without answering
	| 'html' // 200 with an HTML page (proxy/login page), process nothing
	| 'empty' // 200 with an empty body, process nothing
	| 'malformed' // 200 with truncated JSON, process nothing
	| 'badCredentials'; // answer exactly as a wrong login/accessKey would

export const FAULT_KINDS: readonly FaultKind[] = [
	'http500',
	'http500AfterProcessing',
	'http429',
	'http503Html',
	'hang',
	'reset',
	'resetAfterProcessing',
	'html',
	'empty',
	'malformed',
	'badCredentials',
];

export interface FaultRule {
	kind: FaultKind;
	/** e.g. '/v1/sendsms' (an '/api' prefix is tolerated); omitted = any API path */
	path?: string;
	/** default 1; Infinity allowed (over HTTP, `null` or "Infinity" mean Infinity) */
	times?: number;
	/** let this many matching requests pass first */
	skip?: number;
	/** Retry-After for 'http429', default 1 */
	retryAfterSeconds?: number;
}

export interface SimulatorOptions {
	port?: number;
	host?: string;
	/** added before every /api answer (default 0) */
	latencyMs?: number;
	/** default: [DEMO_ACCOUNT] */
	accounts?: SimAccount[];
	/** HTTP status used for bad credentials, default 401 (the real one is undocumented) */
	badCredentialsStatus?: number;
	/** per account login, sliding 1 s window; beyond -> 429 + Retry-After, nothing processed */
	rateLimitPerSecond?: number;
	/** these numbers get sent:0 in /sendsms */
	failPhoneNumbers?: string[];
	/** answer /sendsms with a single object when it carries 1 message (quick-start shape) */
	singleObjectResponse?: boolean;
	/** click-to-call: false -> result 'failed' with error #002 (default true) */
	phoneConnected?: boolean;
	/** after accepted messages, fire `sent` then `received` to the account's delivery_status URL */
	autoDeliveryReports?: boolean;
	/** answer v2 errors with HTTP 200 and `success:false` (their real status is not documented) */
	v2ErrorsAs200?: boolean;
	/** every account starts with a few contacts, lists, templates, calls and SMS (API v2 data) */
	demoData?: boolean;
}

export interface AcceptedMessage {
	id_sms_api: string;
	phone_number: string;
	message: string;
}

export interface RecordedRequest {
	seq: number;
	method: string;
	/** without the /api prefix and query string, e.g. '/v1/sendsms' */
	path: string;
	/** raw request target as received, e.g. '/api/v1/sendsms' */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** parsed JSON, or undefined when the body is empty or not JSON */
	body: unknown;
	receivedAt: number;
	fault?: FaultKind;
	/** undefined when no answer was sent (hang, reset) */
	status?: number;
	/** true once the inSIM logic ran (auth included); false if a fault or rate limit stopped it */
	processed: boolean;
	/** messages actually "sent" (sent:1) by this request */
	acceptedMessages: AcceptedMessage[];
}

export interface SentMessage extends AcceptedMessage {
	requestSeq: number;
	priorite?: number;
	date_to_send?: string;
	url?: string;
	/** the https://arsms.co/... link that replaced [link], when a url was given */
	short_url?: string;
	/** login of the sending account */
	user: string;
	sms_per_message: number;
}

export type WebhookKey =
	'incoming_sms' | 'delivery_status' | 'link_clicks' | 'call_events' | 'call_qualifications';

export type WebhookUrls = Record<WebhookKey, string>;

export interface RecorderEntry {
	seq: number;
	method: string;
	/** path after /__sim/recorder, query string included, e.g. '/crm/lead?x=1' */
	path: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: unknown;
	receivedAt: number;
}

export interface FiredWebhook {
	url: string;
	method: 'GET' | 'POST';
	status?: number;
	error?: string;
	at: number;
}

export interface Simulator {
	/** 'http://127.0.0.1:PORT/api' — what the credential's "API Base URL" gets */
	baseUrl: string;
	/** 'http://127.0.0.1:PORT' */
	origin: string;
	port: number;
	/** every /api request received, in order (including faulted and hung ones) */
	requests: RecordedRequest[];
	/** every accepted message */
	sentMessages(): SentMessage[];
	/** address book (rows as sent, plus `login`) */
	contacts: Array<Record<string, unknown>>;
	/** click-to-call dials that succeeded */
	calls: Array<{ phone_number: string; at: number }>;
	/**
	 * Webhook URLs of the FIRST configured account (DEMO_ACCOUNT by default). The simulator keeps
	 * them per login like the real dashboard does; use webhooksFor(login) for the others.
	 * The object is live: assigning a key here is the same as setting it through the v2 API.
	 */
	webhooks: WebhookUrls;
	webhooksFor(login: string): WebhookUrls;
	/** API v2 data of an account (default: the first configured one), live: tests seed it here */
	store(login?: string): V2Store;
	/** what ANY /__sim/recorder/<anything> received */
	recorded: RecorderEntry[];
	/** webhooks sent by the simulator (fireWebhook and auto delivery reports) */
	firedWebhooks: FiredWebhook[];
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	/**
	 * Answer one path (`contacts`, `account/webhooks`, `v1/sendsms`) in another plausible success
	 * shape (see variants.ts); throws for a variant that does not apply to the path.
	 */
	setVariant(path: string, variant: string): void;
	/** Back to the default shape for one path, or for every path. */
	clearVariants(path?: string): void;
	/** The chosen variants, by path. */
	variants(): Array<{ path: string; variant: string }>;
	/** The number a 24-hex id is shown as under the `numericIds` variant. */
	numericIdOf(hexId: string): number;
	setOptions(partial: Partial<SimulatorOptions>): void;
	/** clears log, messages, contacts, calls, faults, variants, webhook URLs, recorder; keeps options */
	reset(): void;
	fireWebhook(
		callbackUrl: string,
		param: string,
		payload: unknown,
		opts?: { method?: 'GET' | 'POST' },
	): Promise<{ status: number; body: string }>;
	/** also ends hung requests */
	close(): Promise<void>;
}
