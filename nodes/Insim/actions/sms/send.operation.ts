import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { BATCH_SIZE_OPTION, TIMEOUT_OPTION, readNumericOption } from '../../helpers/options';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import { formatScheduledDate } from '../../helpers/schedule';
import { isValidTimeZone } from '../../../shared/wallTime';
import { estimateSmsSegments } from '../../helpers/segments';
import type { PreparedRow } from '../sendInBatches';
import { isObject, sendInBatches } from '../sendInBatches';
import { batchSizeOption, phoneNumberProperty, timeoutOption } from '../common.descriptions';
import type { ItemOutcome } from '../types';

/** `[link]` is current; `[Lien_Tracking]` is what older inSIM docs used. */
const LINK_PLACEHOLDER = /\[link\]|\[Lien_Tracking\]/i;
/** A tracked short link, `https://arsms.co/` + 12 characters, used for the local estimate. */
const SHORT_LINK_SAMPLE = 'https://arsms.co/xxxxxxxxxxxx';

const properties: INodeProperties[] = [
	phoneNumberProperty(
		'Recipient in international format: + then country code and number. Spaces, dots, dashes and a leading 00 are accepted and cleaned.',
	),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Hi Ann, your appointment is tomorrow at 9:30. Confirm here: [link]',
		// Shown under the field, not only in the tooltip.
		hint: 'To track a link, write [link] in the text and set Options → Tracked URL: inSIM puts a 29-character short link there and reports clicks.',
		description:
			'Text of the SMS. Write [link] where the tracked URL (option below) should appear.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				options: [
					{
						name: 'V1',
						value: 'v1',
						description:
							'Each message gets an ID (id_sms_api) that delivery and click events carry',
					},
					{
						name: 'V2',
						value: 'v2',
						description:
							'The newer API (premium plans): its answer says whether each message was sent but gives no message ID',
					},
				],
				default: 'v1',
				description: 'Which inSIM API sends the messages. Applies to all items.',
			},
			batchSizeOption(
				'How many messages go to inSIM in one request. All input items are sent in as few requests as this allows.',
			),

			{
				displayName: 'Custom Message ID',
				name: 'messageId',
				type: 'string',
				default: '',
				description:
					'API v1 only. Your own ID for this message (id_sms_api). inSIM echoes it in delivery status and link click events, so they can be matched to this item. Leave empty to get one from inSIM.',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: [
					{ name: 'High', value: 2 },
					{ name: 'Low', value: 0 },
					{ name: 'Normal', value: 1 },
				],
				default: 1,
				description: 'Order in which the phone sends queued messages',
			},
			{
				displayName: 'Scheduled Date',
				name: 'scheduledDate',
				type: 'dateTime',
				default: '',
				description:
					'Send the SMS at this date and time instead of now. A date without a time zone is read in the Time Zone option and sent unchanged.',
			},
			{
				displayName: 'Time Zone Name or ID',
				name: 'timeZone',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTimeZones' },
				default: '',
				description:
					'Time zone of the Scheduled Date. Default: the workflow\'s time zone. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			timeoutOption(
				'Seconds to wait for inSIM to answer. A request that times out is not resent, since inSIM may have sent it.',
			),

			{
				displayName: 'Tracked URL',
				name: 'trackedUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/confirm',
				description:
					'Link to track. Warning: the message must contain [link]; inSIM replaces it with a short link (29 characters) and reports clicks.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send'] } },
	properties,
);

interface SmsWire extends IDataObject {
	phone_number: string;
	message: string;
	url?: string;
	priorite?: number;
	/** API v2's spelling of `priorite` */
	priority?: number;
	date_to_send?: string;
	id_sms_api?: string;
}

interface SmsLocalFacts {
	encoding: string;
	estimatedSegments: number;
	characters: number;
	scheduledFor?: string;
	scheduledForIso?: string;
	scheduleTimeZone?: string;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const node = this.getNode();
	const stopOnFirstError = !this.continueOnFail();
	// Checked before anything is sent: an invalid value is an error naming the field, on every
	// item (a thrown error would let "Continue (regular output)" pass the items on unsent).
	let batchSize: number;
	let timeoutSeconds: number;
	try {
		batchSize = readNumericOption(this, 'batchSize', 0, BATCH_SIZE_OPTION);
		timeoutSeconds = readNumericOption(this, 'timeout', 0, TIMEOUT_OPTION);
	} catch (error) {
		return items.map((_, itemIndex) => ({ itemIndex, error: error as NodeApiError }));
	}
	const useApiV2 =
		String(this.getNodeParameter('options.apiVersion', 0, 'v1')).toLowerCase() === 'v2';
	const workflowTimeZone = this.getTimezone();
	const readParameter = itemParameterReader(this);

	const outcomes: ItemOutcome[] = [];
	const rows: Array<PreparedRow<SmsWire>> = [];
	const localFacts = new Map<number, SmsLocalFacts>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const rawPhone = readParameter('phoneNumber', itemIndex, '');
		const message = String(readParameter('message', itemIndex, '') ?? '');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const fail = (field: string, value: unknown, reason: string) =>
			outcomes.push({ itemIndex, error: invalidFieldError(node, itemIndex, field, value, reason) });

		const phone = normalizePhoneNumber(rawPhone);
		if (!phone.ok) {
			fail('Phone Number', rawPhone, phone.reason);
			continue;
		}
		if (message.trim() === '') {
			fail('Message', message, 'the SMS text is empty');
			continue;
		}
		const wire: SmsWire = { phone_number: phone.e164, message };

		const trackedUrl = String(options.trackedUrl ?? '').trim();
		const hasPlaceholder = LINK_PLACEHOLDER.test(message);
		if (trackedUrl !== '') {
			if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(trackedUrl)) {
				fail(
					'Tracked URL',
					trackedUrl,
					'must be a full web address starting with https:// or http://',
				);
				continue;
			}
			if (!hasPlaceholder) {
				fail(
					'Message',
					message,
					'a Tracked URL is set but the message has no [link] placeholder to put it in',
				);
				continue;
			}
			wire.url = trackedUrl;
		} else if (hasPlaceholder) {
			fail('Tracked URL', trackedUrl, 'the message contains [link] but no Tracked URL is set');
			continue;
		}

		if (options.priority !== undefined && options.priority !== '') {
			const priority = Number(options.priority);
			if (![0, 1, 2].includes(priority)) {
				fail('Priority', options.priority, 'must be Low (0), Normal (1) or High (2)');
				continue;
			}
			wire.priorite = priority;
		}

		const facts: SmsLocalFacts = estimateFacts(message, wire.url !== undefined);
		const scheduledDate = options.scheduledDate;
		if (scheduledDate !== undefined && scheduledDate !== null && scheduledDate !== '') {
			const timeZone = String(options.timeZone ?? '').trim() || workflowTimeZone;
			if (!isValidTimeZone(timeZone)) {
				fail(
					'Time Zone',
					timeZone,
					'is not a known time zone (use an IANA name such as Europe/Paris)',
				);
				continue;
			}
			const schedule = formatScheduledDate(scheduledDate, timeZone);
			if (!schedule.ok) {
				fail('Scheduled Date', scheduledDate, schedule.reason);
				continue;
			}
			wire.date_to_send = schedule.dateToSend;
			facts.scheduledFor = schedule.dateToSend;
			facts.scheduledForIso = schedule.iso;
			facts.scheduleTimeZone = schedule.timeZone;
		}

		const messageId = String(options.messageId ?? '').trim();
		if (messageId !== '' && useApiV2) {
			fail(
				'Custom Message ID',
				messageId,
				'API v2 takes no custom message ID: choose API Version v1',
			);
			continue;
		}
		if (messageId !== '') wire.id_sms_api = messageId;

		rows.push({ itemIndex, wire: useApiV2 ? toApiV2Wire(wire) : wire, phone: phone.e164 });
		localFacts.set(itemIndex, facts);
	}

	// Continue On Fail off: a bad item stops the node before anything is sent.
	if (stopOnFirstError && outcomes.length > 0) return outcomes;

	const sent = await sendInBatches(this, {
		rows,
		batchSize,
		timeoutSeconds,
		path: useApiV2 ? '/v2/sendsms' : '/v1/sendsms',
		noun: 'SMS',
		stopOnFirstError,
		buildBody: (messages) => ({ messages }),
		answerEntries: (answer) => {
			// v2: `{ success, sent_count, result: [{ sent, … }] }`, one entry per message, in order.
			if (useApiV2) {
				return isObject(answer) && answer.success === true && Array.isArray(answer.result)
					? answer.result
					: undefined;
			}
			if (Array.isArray(answer)) return answer;
			// The quick-start documents a single object for a single message.
			if (isObject(answer) && ('sent' in answer || 'id_sms_api' in answer)) return [answer];
			if (isObject(answer) && Array.isArray(answer.messages)) return answer.messages as unknown[];
			return undefined;
		},
		entryPhone: (entry) => entry.phone_number ?? entry.phonenumber,
		toOutcome: (row, entry) => smsOutcome(this, row, entry, localFacts.get(row.itemIndex)),
	});
	return [...outcomes, ...sent];
}

/** API v2 spells `priorite` `priority` and has no `id_sms_api`. */
function toApiV2Wire(wire: SmsWire): SmsWire {
	const { priorite, id_sms_api: _unused, ...rest } = wire;
	return priorite === undefined ? rest : { ...rest, priority: priorite };
}

function estimateFacts(message: string, hasTrackedUrl: boolean): SmsLocalFacts {
	const finalText = hasTrackedUrl ? message.replace(LINK_PLACEHOLDER, SHORT_LINK_SAMPLE) : message;
	const estimate = estimateSmsSegments(finalText);
	return {
		encoding: estimate.encoding,
		estimatedSegments: estimate.segments,
		characters: estimate.characters,
	};
}

/**
 * `sent_time` as a correct instant. For a scheduled SMS inSIM echoes the wall time it was given
 * with a "Z" (`2026-12-24T09:30:00.000Z` for 09:30 in Paris): that is the scheduled time, whose
 * real instant is `scheduledForIso`. Otherwise inSIM's own timestamp is kept as it is.
 */
function sentTimeInstant(
	sentTime: IDataObject[string],
	facts: SmsLocalFacts | undefined,
): IDataObject[string] {
	if (typeof sentTime !== 'string' || facts?.scheduledFor === undefined) return sentTime;
	const wall = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(sentTime);
	if (wall && `${wall[1]} ${wall[2]}` === facts.scheduledFor) return facts.scheduledForIso;
	return sentTime;
}

function smsOutcome(
	ctx: IExecuteFunctions,
	row: PreparedRow<SmsWire>,
	entry: IDataObject,
	facts: SmsLocalFacts | undefined,
): ItemOutcome {
	const json: IDataObject = {
		success: Number(entry.sent) === 1,
		id_sms_api: entry.id_sms_api ?? row.wire.id_sms_api,
		phone_number: entry.phone_number ?? row.phone,
		message: entry.message ?? row.wire.message,
		sent: entry.sent,
		sent_time: entry.sent_time,
		sentTimeIso: sentTimeInstant(entry.sent_time, facts),
		sms_per_message: entry.sms_per_message,
		user: entry.user,
		...facts,
		priority: row.wire.priorite ?? row.wire.priority ?? 1,
	};
	if (row.wire.url !== undefined) json.trackedUrl = row.wire.url;
	for (const [key, value] of Object.entries(entry)) {
		if (!(key in json)) json[key] = value;
	}
	if (json.success) return { itemIndex: row.itemIndex, json, accepted: true };

	const reason = typeof entry.error === 'string' && entry.error !== '' ? `: ${entry.error}` : '';
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: 'sent: 0' },
		{
			message: `inSIM did not send the SMS to ${row.phone} (sent: 0)${reason}`,
			description:
				'inSIM refused this one message; the other messages of the same request are not affected. Check the number and the phone running inSIM.',
			itemIndex: row.itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return { itemIndex: row.itemIndex, error, json };
}
