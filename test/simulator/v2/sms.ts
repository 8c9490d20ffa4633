// v2 SMS endpoints: `sms`, `sms/detail`, `sms/conversation`, `sms/delivery_status`, `sendsms`
// (insim-api-v2.md §2 endpoints 12–16). Shapes the facts sheet does not show are picked here.
import type { SentMessage } from '../types';
import {
	type V2Context,
	type V2Handler,
	cursorPage,
	inDateRange,
	invalid,
	isRecord,
	licenseRequired,
	missing,
	notFound,
	ok,
	optionalString,
	readDate,
	readLimit,
	requireString,
} from './common';
import { sendFromPhone } from './outbox';
import { phoneKey, type SimSms } from './store';

const DIRECTIONS = ['all', 'inbound', 'outbound'];
/** `sms/delivery_status` takes at most 100 ids (M `sms_delivery_status`). */
export const MAX_DELIVERY_STATUS_IDS = 100;
/**
 * The `date_to_send` forms the vendor's clients send: `YYYY-MM-DD HH:mm:ss` (UTC in
 * ReachTechnologies/n8n-nodes-insim nodes/Insim/shared/preSend.ts, local time in
 * ReachTechnologies/insim-mcp src/insim_mcp/server.py) and local ISO 8601 with a `T` and
 * microseconds (ReachTechnologies/insim-cli cli_anything/insim/core/sms.py, Python isoformat()).
 * No vendor file shows a time zone suffix being refused, so `Z` and `±hh:mm` are read too.
 */
const SCHEDULE_FORMAT =
	/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** What a listed SMS looks like (picked: the facts sheet shows id, direction, phone, message). */
function smsView(sms: SimSms): Record<string, unknown> {
	return {
		id: sms.id,
		direction: sms.direction,
		phone_number: sms.phone_number,
		message: sms.message,
		date: sms.date,
		status: sms.status,
		...(sms.url ? { url: sms.url, short_url: sms.short_url } : {}),
		click_count: sms.clicks.length,
	};
}

/** M's note on `status`: `0` = pending, `sms_receive` = delivered; other values compare as is. */
const STATUS_ALIASES: Record<string, string> = { '0': 'pending', sms_receive: 'delivered' };

/** Newest first (the order of an inbox); the same second keeps the later insertion first. */
function newestFirst(records: SimSms[]): SimSms[] {
	return records
		.map((sms, index) => ({ sms, index }))
		.sort((a, b) => b.sms.date.localeCompare(a.sms.date) || b.index - a.index)
		.map(({ sms }) => sms);
}

const list: V2Handler = ({ store, body }) => {
	const direction = optionalString(body, 'direction') ?? 'all';
	if (!DIRECTIONS.includes(direction))
		throw invalid('direction', `must be one of ${DIRECTIONS.join(', ')}`);
	const phone = optionalString(body, 'phone_number');
	const from = readDate(body, 'date_from');
	const to = readDate(body, 'date_to');
	const statusFilter = optionalString(body, 'status');
	const status =
		statusFilter === undefined ? undefined : (STATUS_ALIASES[statusFilter] ?? statusFilter);
	const matching = store.sms.filter(
		(sms) =>
			(direction === 'all' || sms.direction === direction) &&
			(phone === undefined || phoneKey(sms.phone_number) === phoneKey(phone)) &&
			inDateRange(sms.date, from, to) &&
			(status === undefined || sms.status === status),
	);
	const { page, ...paging } = cursorPage(newestFirst(matching), body, 50);
	return ok({ messages: page.map(smsView), ...paging });
};

const detail: V2Handler = ({ store, body }) => {
	const id = requireString(body, 'sms_id');
	const sms = store.sms.find((candidate) => candidate.id === id);
	if (!sms) throw notFound('SMS', 'sms_id');
	return ok({ sms: { ...smsView(sms), clicks: sms.clicks.map((click) => ({ ...click })) } });
};

/** The last `limit` messages with one number, oldest first. */
const conversation: V2Handler = ({ store, body }) => {
	const phone = requireString(body, 'phone_number');
	const limit = readLimit(body, 20);
	const thread = newestFirst(
		store.sms.filter((sms) => phoneKey(sms.phone_number) === phoneKey(phone)),
	)
		.slice(0, limit)
		.reverse();
	return ok({ phone_number: phone, count: thread.length, messages: thread.map(smsView) });
};

const DESCRIPTIONS: Record<string, string> = {
	delivered: 'Delivered to the recipient',
	sent: 'Sent by the phone, no delivery report yet',
	pending: 'Waiting to be sent by the phone',
	failed: 'The phone could not send it',
	blocked: 'Blocked: the recipient opted out or the number is blacklisted',
	not_found: 'No SMS with this id',
};

/**
 * Picked: every entry echoes the `sms_id` it answers, in the order asked. An unknown id in
 * `sms_ids` is a `not_found` entry; a single unknown `sms_id` is a NOT_FOUND error, like
 * `sms/detail`.
 */
const deliveryStatus: V2Handler = ({ store, body }) => {
	let ids: string[];
	if (body.sms_ids !== undefined && body.sms_ids !== null) {
		const value = body.sms_ids;
		if (!Array.isArray(value) || value.some((id) => typeof id !== 'string' || id === '')) {
			throw invalid('sms_ids', 'must be an array of SMS ids');
		}
		if (value.length === 0) throw missing('sms_ids');
		if (value.length > MAX_DELIVERY_STATUS_IDS) {
			throw invalid('sms_ids', `at most ${MAX_DELIVERY_STATUS_IDS} ids per request`);
		}
		ids = value as string[];
	} else {
		if (body.sms_id === undefined) throw missing('sms_id');
		const id = requireString(body, 'sms_id');
		if (!store.sms.some((sms) => sms.id === id)) throw notFound('SMS', 'sms_id');
		ids = [id];
	}
	const statuses = ids.map((id) => {
		const sms = store.sms.find((candidate) => candidate.id === id);
		if (!sms) {
			return {
				sms_id: id,
				phone_number: '',
				delivery_status: 'not_found',
				description: DESCRIPTIONS.not_found,
				message_preview: '',
			};
		}
		// An inbound SMS reached the phone: delivered.
		const state = sms.direction === 'inbound' ? 'delivered' : sms.status;
		return {
			sms_id: id,
			phone_number: sms.phone_number,
			delivery_status: state,
			description: DESCRIPTIONS[state] ?? state,
			message_preview: sms.message.length > 50 ? `${sms.message.slice(0, 50)}…` : sms.message,
		};
	});
	return ok({ statuses });
};

/**
 * Premium. Each message goes through the same outbox as v1 `sendsms`. Picked answer: one result
 * entry per message, in order, `{ sent, phone_number, message, sms_per_message, error? }`, with
 * no per-message id (none is shown by the vendor's clients).
 */
const sendSms: V2Handler = (ctx: V2Context) => {
	const { account, body } = ctx;
	if (account.plan !== 'premium') throw licenseRequired(account, 'sendsms');
	if (body.messages === undefined || body.messages === null) throw missing('messages');
	if (!Array.isArray(body.messages) || body.messages.length === 0) {
		throw invalid('messages', 'must be a non-empty array');
	}
	const accepted: SentMessage[] = [];
	const result = body.messages.map((entry: unknown) => {
		const raw = isRecord(entry) ? entry : {};
		const refused = (error: string) => ({
			sent: 0,
			phone_number: raw.phone_number ?? '',
			message: typeof raw.message === 'string' ? raw.message : '',
			sms_per_message: 0,
			error,
		});
		if (!isRecord(entry)) return refused('invalid message entry');
		if (typeof raw.message !== 'string') return refused('message is required');
		const dateToSend = raw.date_to_send;
		if (
			dateToSend !== undefined &&
			dateToSend !== '' &&
			(typeof dateToSend !== 'string' || !SCHEDULE_FORMAT.test(dateToSend))
		) {
			return refused('invalid date_to_send, expected a date and time like "YYYY-MM-DD HH:mm:ss"');
		}
		const priority = raw.priority;
		if (priority !== undefined && ![0, 1, 2].includes(priority as number)) {
			return refused('priority must be 0, 1 or 2');
		}
		const outcome = sendFromPhone(ctx, {
			phone_number: raw.phone_number,
			message: raw.message,
			url: typeof raw.url === 'string' ? raw.url : undefined,
			priority: priority as number | undefined,
			date_to_send: typeof dateToSend === 'string' && dateToSend !== '' ? dateToSend : undefined,
		});
		if (!outcome.sent) return refused(outcome.error);
		accepted.push(outcome.message);
		return {
			sent: 1,
			phone_number: outcome.message.phone_number,
			message: outcome.message.message,
			sms_per_message: outcome.parts,
		};
	});
	return { ...ok({ sent_count: accepted.length, result }), accepted };
};

export const routes: Record<string, V2Handler> = {
	sms: list,
	'sms/detail': detail,
	'sms/conversation': conversation,
	'sms/delivery_status': deliveryStatus,
	sendsms: sendSms,
};
