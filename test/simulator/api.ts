// The inSIM behaviour itself (sections 1 and 3 of insim-api.md), free of any HTTP plumbing.
import { SegmentedMessage } from 'sms-segments-calculator';
import { randomAlphanumeric, type LiveAccount, type SimulatorState } from './state';
import type { RecordedRequest, SentMessage } from './types';
import { handleV2, v2Endpoint } from './v2';

export interface ApiOutcome {
	status: number;
	json: unknown;
	headers?: Record<string, string>;
	/** messages accepted by this request (for delivery reports) */
	accepted: SentMessage[];
	login?: string;
}

export const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SCHEDULE_FORMAT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
// '[Lien_Tracking]' is the placeholder of older docs; both are still replaced.
const LINK_PLACEHOLDERS = /\[link\]|\[Lien_Tracking\]/g;
export const SHORT_LINK_PREFIX = 'https://arsms.co/';
export const FREE_PLAN_FOOTER = '\nSent with inSIM';
export const CLICK_TO_CALL_INFO = 'please make sure the phone is connected and inSIM is running';
export const UPGRADE_URL = 'https://www.insim.app/pricing';

// One place for every error body, so an undocumented shape is changed once.
export const BAD_CREDENTIALS_BODY = {
	success: false,
	error: 'Invalid login or access key',
	error_code: 'INVALID_CREDENTIALS',
} as const;
export const RATE_LIMITED_BODY = {
	success: false,
	error: 'Too many requests',
	error_code: 'RATE_LIMITED',
} as const;

type Route = 'sendsms' | 'contact' | 'clictocall';

const V1_ROUTES: Record<string, Route> = {
	'/v1/sendsms': 'sendsms',
	'/v1/contact': 'contact',
	// Both spellings exist in the docs; the lookup is case-insensitive.
	'/v1/clictocall': 'clictocall',
};

function errorOutcome(
	status: number,
	error: string,
	errorCode: string,
	extra: Record<string, unknown> = {},
): ApiOutcome {
	return { status, json: { success: false, error, error_code: errorCode, ...extra }, accepted: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Printable ASCII without GSM-7's extension characters: one septet each, one code unit each. */
const PLAIN_GSM7 = /^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z]*$/;

/**
 * The library splits graphemes (about 0.3 ms a message), which would add 30 ms of CPU to every
 * 100-message request and blur the latency the simulator is set to; plain texts are counted here.
 */
export function countSmsParts(text: string): number {
	if (PLAIN_GSM7.test(text)) return text.length <= 160 ? 1 : Math.ceil(text.length / 153);
	return new SegmentedMessage(text).segmentsCount;
}

export function badCredentialsOutcome(state: SimulatorState): ApiOutcome {
	return {
		status: state.options.badCredentialsStatus,
		json: { ...BAD_CREDENTIALS_BODY },
		accepted: [],
	};
}

export function rateLimitedOutcome(retryAfterSeconds: number, errorCode?: string): ApiOutcome {
	return {
		status: 429,
		json: { ...RATE_LIMITED_BODY, ...(errorCode ? { error_code: errorCode } : {}) },
		headers: { 'retry-after': String(retryAfterSeconds) },
		accepted: [],
	};
}

/**
 * Runs one /api request. Sets `record.processed` once it gets past the rate limit, and fills
 * `record.acceptedMessages`.
 */
export function handleApiRequest(
	state: SimulatorState,
	record: RecordedRequest,
	bodyIsJson: boolean,
): ApiOutcome {
	const v1Route = V1_ROUTES[record.path.replace(/\/+$/, '').toLowerCase()];
	const v2Route = v1Route ? undefined : v2Endpoint(record.path);
	if (!v1Route && !v2Route) {
		return errorOutcome(404, `Unknown endpoint ${record.path}`, 'NOT_FOUND');
	}
	if (record.method !== 'POST') {
		const outcome = errorOutcome(405, 'Method not allowed, use POST', 'METHOD_NOT_ALLOWED');
		outcome.headers = { allow: 'POST' };
		return outcome;
	}
	if (!bodyIsJson || !isRecord(record.body)) {
		return errorOutcome(400, 'The request body must be a JSON object', 'INVALID_JSON');
	}
	const body = record.body;
	// v1 carries the credentials in `header`, v2 flat at the top of the body.
	const credentials = v1Route ? body.header : body;
	const login = isRecord(credentials) ? credentials.login : undefined;
	const accessKey = isRecord(credentials) ? credentials.accessKey : undefined;

	if (typeof login === 'string' && login !== '') {
		const verdict = state.checkRateLimit(login, Date.now());
		if (!verdict.allowed) {
			return rateLimitedOutcome(
				verdict.retryAfterSeconds,
				v2Route ? 'RATE_LIMIT_EXCEEDED' : undefined,
			);
		}
	}
	record.processed = true;

	const account = typeof login === 'string' ? state.findAccount(login) : undefined;
	if (!account || typeof accessKey !== 'string' || accessKey !== account.accessKey) {
		return badCredentialsOutcome(state);
	}
	if (!account.active && v2Route !== 'account') {
		return {
			...errorOutcome(403, 'This account is inactive', 'ACCOUNT_INACTIVE'),
			login: account.login,
		};
	}

	let outcome: ApiOutcome;
	if (v2Route) {
		const store = state.storeFor(account.login);
		outcome = handleV2(v2Route, { state, account, store, body, record });
	} else {
		switch (v1Route) {
			case 'sendsms':
				outcome = sendSms(state, account, body, record);
				break;
			case 'contact':
				outcome = addContacts(state, account, body);
				break;
			default:
				outcome = clickToCall(state, body.header as Record<string, unknown>);
				break;
		}
	}
	outcome.login = account.login;
	return outcome;
}

interface SendSmsResult {
	id_sms_api: string;
	sms_per_message: number;
	user: string;
	sent_time: string;
	phone_number: unknown;
	message: string;
	sent: 0 | 1;
	error?: string;
}

function sendSms(
	state: SimulatorState,
	account: LiveAccount,
	body: Record<string, unknown>,
	record: RecordedRequest,
): ApiOutcome {
	if (!Array.isArray(body.messages)) {
		return errorOutcome(400, 'messages must be an array', 'INVALID_PARAMETER', {
			field: 'messages',
		});
	}
	const accepted: SentMessage[] = [];
	const results = body.messages.map((entry: unknown): SendSmsResult => {
		const raw = isRecord(entry) ? entry : {};
		const givenId = raw.id_sms_api;
		const idSmsApi =
			(typeof givenId === 'string' && givenId !== '') || typeof givenId === 'number'
				? String(givenId)
				: randomAlphanumeric(15);
		const phoneNumber = raw.phone_number;
		const url = typeof raw.url === 'string' && raw.url.trim() !== '' ? raw.url.trim() : undefined;
		const shortUrl = url ? SHORT_LINK_PREFIX + randomAlphanumeric(12) : undefined;
		let text = typeof raw.message === 'string' ? raw.message : '';
		if (shortUrl) text = text.replace(LINK_PLACEHOLDERS, shortUrl);
		if (text !== '' && account.plan === 'free') text += FREE_PLAN_FOOTER;
		const dateToSend = typeof raw.date_to_send === 'string' ? raw.date_to_send : undefined;
		const schedule = dateToSend === undefined ? null : SCHEDULE_FORMAT.exec(dateToSend);
		// The doc examples echo a scheduled wall time back with a Z: the server reads it as UTC.
		const sentTime = schedule ? `${schedule[1]}T${schedule[2]}.000Z` : new Date().toISOString();
		const parts = text === '' ? 0 : countSmsParts(text);

		let error: string | undefined;
		if (!isRecord(entry)) error = 'invalid message entry';
		else if (typeof phoneNumber !== 'string' || !E164.test(phoneNumber)) {
			error = 'invalid phone number, expected international format like +33612345678';
		} else if (text === '') error = 'empty message';
		else if (raw.date_to_send !== undefined && raw.date_to_send !== '' && !schedule) {
			error = 'invalid date_to_send, expected "YYYY-MM-DD HH:mm:ss"';
		} else if (state.options.failPhoneNumbers.includes(phoneNumber)) {
			error = 'the phone could not send this message';
		} else if (account.smsCredits < parts) error = 'not enough SMS credits';

		const result: SendSmsResult = {
			id_sms_api: idSmsApi,
			sms_per_message: error ? 0 : parts,
			user: account.login,
			sent_time: sentTime,
			phone_number: phoneNumber ?? '',
			message: text,
			sent: error ? 0 : 1,
		};
		if (error) {
			result.error = error;
			return result;
		}
		account.smsCredits -= parts;
		const priority = raw.priorite ?? raw.priority;
		const message: SentMessage = {
			id_sms_api: idSmsApi,
			phone_number: phoneNumber as string,
			message: text,
			requestSeq: record.seq,
			user: account.login,
			sms_per_message: parts,
		};
		if (priority !== undefined && priority !== null && Number.isFinite(Number(priority))) {
			message.priorite = Number(priority);
		}
		if (dateToSend) message.date_to_send = dateToSend;
		if (url) message.url = url;
		if (shortUrl) message.short_url = shortUrl;
		accepted.push(message);
		state.messages.push(message);
		state.storeFor(account.login).recordSms({
			direction: 'outbound',
			phone_number: message.phone_number,
			message: text,
			id_sms_api: idSmsApi,
			...(url ? { url } : {}),
			...(shortUrl ? { short_url: shortUrl } : {}),
			...(dateToSend ? { date: dateToSend } : {}),
		});
		record.acceptedMessages.push({
			id_sms_api: idSmsApi,
			phone_number: message.phone_number,
			message: text,
		});
		return result;
	});
	const json = state.options.singleObjectResponse && results.length === 1 ? results[0] : results;
	return { status: 200, json, accepted };
}

function addContacts(
	state: SimulatorState,
	account: LiveAccount,
	body: Record<string, unknown>,
): ApiOutcome {
	if (!Array.isArray(body.contacts)) {
		return errorOutcome(400, 'contacts must be an array', 'INVALID_PARAMETER', {
			field: 'contacts',
		});
	}
	const rows = body.contacts.map((entry: unknown) => {
		const row = isRecord(entry) ? entry : {};
		const errors: string[] = [];
		const phone = row.phone_number;
		if (!('phone_number' in row)) errors.push('#003');
		else if (phone === null || phone === undefined || String(phone).trim() === '')
			errors.push('#002');
		else if (typeof phone !== 'string' || !E164.test(phone)) errors.push('#001');
		if (typeof row.email === 'string' && row.email !== '' && !EMAIL.test(row.email)) {
			errors.push('#004'); // a warning only: the contact is still created
		}
		const failed = errors.some((code) => code !== '#004');
		if (failed) {
			return {
				first_name: row.firstname ?? '',
				last_name: row.lastname ?? '',
				phone_number: phone ?? '',
				result: 'failed',
				errors,
			};
		}
		state.contacts.push({ ...row, login: account.login, created_at: new Date().toISOString() });
		state.storeFor(account.login).upsertContact({
			phone_number: phone as string,
			firstname: typeof row.firstname === 'string' ? row.firstname : '',
			lastname: typeof row.lastname === 'string' ? row.lastname : '',
			email: typeof row.email === 'string' ? row.email : '',
			address: typeof row.adress === 'string' ? row.adress : '',
		});
		return {
			firstname: row.firstname ?? '',
			lastname: row.lastname ?? '',
			phonenumber: phone,
			result: 'success',
			...(errors.length > 0 ? { errors } : {}),
		};
	});
	return { status: 200, json: { data: { contact: rows } }, accepted: [] };
}

function clickToCall(state: SimulatorState, header: Record<string, unknown>): ApiOutcome {
	if (header.type !== 'clicToCall') {
		return errorOutcome(400, 'header.type must be "clicToCall"', 'INVALID_PARAMETER', {
			field: 'type',
		});
	}
	const phone = header.phone_number;
	const answer = (result: 'success' | 'failed', errors: string[]): ApiOutcome => ({
		status: 200,
		json: [{ info: CLICK_TO_CALL_INFO, result, errors }],
		accepted: [],
	});
	if (typeof phone !== 'string' || !E164.test(phone))
		return answer('failed', ['invalid phone number']);
	if (!state.options.phoneConnected) return answer('failed', ['#002']);
	state.calls.push({ phone_number: phone, at: Date.now() });
	return answer('success', []);
}
