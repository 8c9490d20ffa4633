// One SMS leaving the phone for a v2 endpoint (sendsms, templates/send, campaigns/start): the
// same checks, credits, logs and history as v1 `sendsms`, so "never accepted twice" is checked
// on every path that sends.
import { FREE_PLAN_FOOTER, SHORT_LINK_PREFIX, countSmsParts } from '../api';
import { randomAlphanumeric } from '../state';
import type { SentMessage } from '../types';
import type { V2Context } from './common';
import { isDialable } from './numbering';
import type { SimSms } from './store';

export interface OutgoingSms {
	phone_number: unknown;
	message: string;
	url?: string;
	priority?: number;
	/** as the client sent it (sms.ts checks the format) */
	date_to_send?: string;
}

export type SendResult =
	{ sent: true; sms: SimSms; message: SentMessage; parts: number } | { sent: false; error: string };

const LINK_PLACEHOLDERS = /\[link\]|\[Lien_Tracking\]/g;

export function sendFromPhone(ctx: V2Context, outgoing: OutgoingSms): SendResult {
	const { state, account, store, record } = ctx;
	const phone = outgoing.phone_number;
	// Local numbers too: M and C say sendsms takes both forms (numbering.ts).
	if (!isDialable(phone, account.countryCode)) {
		return {
			sent: false,
			error: 'invalid phone number, expected international format like +33612345678',
		};
	}
	const url = outgoing.url?.trim() || undefined;
	const shortUrl = url ? SHORT_LINK_PREFIX + randomAlphanumeric(12) : undefined;
	let text = outgoing.message;
	if (shortUrl) text = text.replace(LINK_PLACEHOLDERS, shortUrl);
	if (text === '') return { sent: false, error: 'empty message' };
	if (account.plan === 'free') text += FREE_PLAN_FOOTER;
	if (state.options.failPhoneNumbers.includes(phone)) {
		return { sent: false, error: 'the phone could not send this message' };
	}
	const parts = countSmsParts(text);
	if (account.smsCredits < parts) return { sent: false, error: 'not enough SMS credits' };
	account.smsCredits -= parts;

	const idSmsApi = randomAlphanumeric(15);
	const message: SentMessage = {
		id_sms_api: idSmsApi,
		phone_number: phone,
		message: text,
		requestSeq: record.seq,
		user: account.login,
		sms_per_message: parts,
		...(outgoing.priority !== undefined ? { priorite: outgoing.priority } : {}),
		...(outgoing.date_to_send ? { date_to_send: outgoing.date_to_send } : {}),
		...(url ? { url } : {}),
		...(shortUrl ? { short_url: shortUrl } : {}),
	};
	state.messages.push(message);
	record.acceptedMessages.push({ id_sms_api: idSmsApi, phone_number: phone, message: text });
	const sms = store.recordSms({
		direction: 'outbound',
		phone_number: phone,
		message: text,
		id_sms_api: idSmsApi,
		...(url ? { url } : {}),
		...(shortUrl ? { short_url: shortUrl } : {}),
		...(outgoing.date_to_send ? { date: historyDate(outgoing.date_to_send) } : {}),
	});
	return { sent: true, sms, message, parts };
}

/** `2026-04-14T10:00:00.123456` → `2026-04-14 10:00:00`, the date format of the history. */
function historyDate(dateToSend: string): string {
	return dateToSend.replace('T', ' ').slice(0, 19);
}
