import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { unrecognisedAnswerError } from '../../../contracts/unrecognised';
import { insimRequest, insimV2Request } from '../../../transport';

/** What is sent: one SMS to one number. `url` makes inSIM put its tracked short link at `[link]`. */
export interface OneSms {
	phone: string;
	text: string;
	url?: string;
	priority?: number;
	useApiV2: boolean;
	/** API v1 only: our own id_sms_api */
	messageId?: string;
	timeoutSeconds: number;
	itemIndex: number;
}

const NOT_SENT_ADVICE =
	'Nothing is waiting for an answer. Check the number and the phone running inSIM, then run the node again.';
const TRACKED_LINK_ADVICE =
	' If your inSIM plan has no tracked links, set Options → Link in SMS to "Full Link".';

/**
 * Sends one SMS and returns inSIM's entry for it. Throws a NodeApiError when inSIM says it did
 * not send it (`sent: 0`), and the "not recognised" error, which says it may have been sent, for
 * any other answer: the caller waits only after a `sent: 1`.
 */
export async function sendOneSms(ctx: IExecuteFunctions, sms: OneSms): Promise<IDataObject> {
	const requestOptions = {
		timeoutSeconds: sms.timeoutSeconds,
		itemIndex: sms.itemIndex,
		fieldLabels: { phone_number: 'Phone Number', message: 'Message', url: 'Link in SMS' },
	};
	const wire: IDataObject = { phone_number: sms.phone, message: sms.text };
	if (sms.url !== undefined) wire.url = sms.url;

	let entry: unknown;
	if (sms.useApiV2) {
		if (sms.priority !== undefined) wire.priority = sms.priority;
		const answer = await insimV2Request.call(ctx, 'sendsms', { messages: [wire] }, requestOptions);
		// `{ success, sent_count, result: [{ sent, … }] }`, one entry per message.
		entry =
			Array.isArray(answer.result) && answer.result.length === 1 ? answer.result[0] : undefined;
		if (!hasSentFlag(entry)) {
			throw unrecognisedAnswerError(ctx.getNode(), {
				endpoint: 'sendsms',
				expected: 'one entry with "sent" under "result"',
				answer,
				itemIndex: sms.itemIndex,
				writes: true,
			});
		}
	} else {
		if (sms.priority !== undefined) wire.priorite = sms.priority;
		if (sms.messageId !== undefined) wire.id_sms_api = sms.messageId;
		const answer = await insimRequest.call(
			ctx,
			'/v1/sendsms',
			{ messages: [wire] },
			requestOptions,
		);
		// A list with one entry per message; the quick-start shows a single object for one message.
		entry = Array.isArray(answer) && answer.length === 1 ? answer[0] : answer;
		if (!hasSentFlag(entry)) throw unrecognisedV1Answer(ctx, answer, sms.itemIndex);
	}

	const facts = entry as IDataObject;
	if (Number(facts.sent) === 1) return facts;
	const reason = typeof facts.error === 'string' && facts.error !== '' ? `: ${facts.error}` : '';
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: 'sent: 0' },
		{
			message: `inSIM did not send the SMS to ${sms.phone} (sent: 0)${reason}`,
			description: NOT_SENT_ADVICE + (sms.url !== undefined ? TRACKED_LINK_ADVICE : ''),
			itemIndex: sms.itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return Promise.reject(error);
}

function hasSentFlag(entry: unknown): entry is IDataObject {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
	const sent = (entry as IDataObject).sent;
	return sent === 0 || sent === 1 || sent === '0' || sent === '1' || typeof sent === 'boolean';
}

function unrecognisedV1Answer(ctx: IExecuteFunctions, answer: unknown, itemIndex: number) {
	const message = 'inSIM answered v1/sendsms in a shape this node does not recognise';
	const error = new NodeApiError(
		ctx.getNode(),
		{ message },
		{
			message,
			description:
				'Expected one entry with "sent". inSIM answered with success, so the SMS may have been sent: check in inSIM before running the node again. Nothing is waiting for an answer.',
			itemIndex,
		},
	);
	error.context.deliveryCertainty = 'unknown';
	return error;
}
