// inSIM -> your URL: payload builders (section 2 of insim-api.md) and the sender.
import { Client } from 'undici';
import type { WebhookKey } from './types';

/** Query parameter inSIM uses for each event type. */
export const WEBHOOK_PARAMS: Readonly<Record<WebhookKey, string>> = {
	incoming_sms: 'message',
	delivery_status: 'status',
	link_clicks: 'clics',
	call_events: 'calls',
	call_qualifications: 'qualification',
};

/** Params seen in older deliveries. */
export const LEGACY_WEBHOOK_PARAMS = { link_clicks: 'click', call_events: 'call' } as const;

type DateInput = Date | string | number;

/** ISO-8601 with Z, the shape of `date` (SMS) and `date_status`. A string is passed through. */
export function toIsoDate(date: DateInput = new Date()): string {
	return typeof date === 'string' ? date : new Date(date).toISOString();
}

/** "YYYY-MM-DD HH:mm:ss" (UTC), the shape of `call_time` and click/qualification `date`. */
export function toInsimDateTime(date: DateInput = new Date()): string {
	if (typeof date === 'string') return date;
	return new Date(date).toISOString().slice(0, 19).replace('T', ' ');
}

export interface IncomingSmsPayload {
	device_identification: string;
	title: 'incoming_sms';
	from: string;
	message: string;
	date: string;
}

export function buildIncomingSmsPayload(input: {
	login: string;
	from: string;
	message: string;
	date?: DateInput;
}): IncomingSmsPayload {
	return {
		device_identification: input.login,
		title: 'incoming_sms',
		from: input.from,
		message: input.message,
		date: toIsoDate(input.date),
	};
}

export type CallTitle = 'incoming_call' | 'outgoing_call' | 'missed_call';

export interface CallPayload {
	device_identification: string;
	title: CallTitle;
	phone_number: string;
	call_time: string;
	duration: string;
}

export function buildCallPayload(input: {
	login: string;
	phoneNumber: string;
	kind: 'incoming' | 'outgoing' | 'missed';
	callTime?: DateInput;
	/** "HH:mm:ss"; forced to "0" for a missed call */
	duration?: string;
}): CallPayload {
	return {
		device_identification: input.login,
		title: `${input.kind}_call`,
		phone_number: input.phoneNumber,
		call_time: toInsimDateTime(input.callTime),
		duration: input.kind === 'missed' ? '0' : (input.duration ?? '00:01:00'),
	};
}

export interface DeliveryStatusPayload {
	user: string;
	phone_number: string;
	status: 'sent' | 'received';
	date_status: string;
	id_sms_api: string;
}

export function buildDeliveryStatusPayload(input: {
	login: string;
	phoneNumber: string;
	status: 'sent' | 'received';
	idSmsApi: string;
	date?: DateInput;
}): DeliveryStatusPayload {
	return {
		user: input.login,
		phone_number: input.phoneNumber,
		status: input.status,
		date_status: toIsoDate(input.date),
		id_sms_api: input.idSmsApi,
	};
}

export interface LinkClickPayload {
	id_sms_api: string;
	clicked_link: string;
	phone_number: string;
	link: string;
	date: string;
}

export function buildLinkClickPayload(input: {
	idSmsApi: string;
	phoneNumber: string;
	/** the original URL or the short one: both are seen in the wild */
	link: string;
	date?: DateInput;
}): LinkClickPayload {
	return {
		id_sms_api: input.idSmsApi,
		clicked_link: 'clicked_link',
		phone_number: input.phoneNumber,
		link: input.link,
		date: toInsimDateTime(input.date),
	};
}

export interface CallQualificationPayload {
	device_identification: string;
	title: 'call_qualification_from_mobile' | 'call_qualification_from_interface';
	from: string;
	date: string;
	qualification: string;
}

export function buildCallQualificationPayload(input: {
	login: string;
	from: string;
	qualification: string;
	source?: 'mobile' | 'interface';
	date?: DateInput;
}): CallQualificationPayload {
	return {
		device_identification: input.login,
		title: `call_qualification_from_${input.source ?? 'mobile'}`,
		from: input.from,
		date: toInsimDateTime(input.date),
		qualification: input.qualification,
	};
}

/** Older deliveries used upper-case keys (`TITLE`, `PHONE_NUMBER`): same payload, upper keys. */
export function toLegacyUpperCaseKeys(payload: object): Record<string, unknown> {
	const legacy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(payload)) legacy[key.toUpperCase()] = value;
	return legacy;
}

/**
 * The URL exactly as inSIM builds it: plain concatenation, so a callback URL that already has a
 * query string ends up with two '?'.
 */
export function buildWebhookUrl(callbackUrl: string, param: string, payload: unknown): string {
	return callbackUrl + '?' + param + '=' + encodeURIComponent(JSON.stringify(payload));
}

/**
 * Splits without WHATWG URL parsing: `new URL()` would re-encode characters such as `'` in the
 * query, and the receiver must see the bytes inSIM sends.
 */
export function splitOriginAndPath(rawUrl: string): { origin: string; path: string } {
	const match = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(rawUrl);
	if (!match) throw new Error(`webhook URL must be an absolute http(s) URL, got ${rawUrl}`);
	const rest = match[2];
	return { origin: match[1], path: rest.startsWith('/') ? rest : '/' + rest };
}

export interface WebhookDelivery {
	url: string;
	status: number;
	body: string;
}

/** Sends webhooks on short-lived undici Clients, so close() can cut any that are in flight. */
export class WebhookSender {
	private clients = new Set<Client>();
	private closed = false;

	async send(
		callbackUrl: string,
		param: string,
		payload: unknown,
		opts: { method?: 'GET' | 'POST'; timeoutMs?: number } = {},
	): Promise<WebhookDelivery> {
		if (this.closed) throw new Error('webhook sender is closed');
		const method = opts.method ?? 'GET';
		const url = buildWebhookUrl(callbackUrl, param, payload);
		const { origin, path } = splitOriginAndPath(url);
		const timeout = opts.timeoutMs ?? 10000;
		const client = new Client(origin, { headersTimeout: timeout, bodyTimeout: timeout });
		this.clients.add(client);
		try {
			const response = await client.request({
				method,
				path,
				// A POST carries the same URL and the payload as JSON too (newer vendor examples).
				...(method === 'POST'
					? {
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(payload),
						}
					: {}),
			});
			const body = await response.body.text();
			return { url, status: response.statusCode, body };
		} finally {
			this.clients.delete(client);
			await client.destroy().catch(() => undefined);
		}
	}

	async closeAll(): Promise<void> {
		this.closed = true;
		const open = [...this.clients];
		this.clients.clear();
		await Promise.all(open.map((client) => client.destroy().catch(() => undefined)));
	}
}

/** One-off sender for code that has no simulator at hand. */
export async function sendWebhook(
	callbackUrl: string,
	param: string,
	payload: unknown,
	opts: { method?: 'GET' | 'POST'; timeoutMs?: number } = {},
): Promise<WebhookDelivery> {
	const sender = new WebhookSender();
	try {
		return await sender.send(callbackUrl, param, payload, opts);
	} finally {
		await sender.closeAll();
	}
}
