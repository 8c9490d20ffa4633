import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SendVerdict } from '../../contracts/sending';
import { readV1SendAnswer, readV2SendAnswer } from '../../contracts/sending';
import { chunk } from '../../helpers/batch';
import { invalidFieldError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import { formatScheduledDate } from '../../helpers/schedule';
import { isValidTimeZone } from '../../../shared/wallTime';
import { estimateSmsSegments } from '../../helpers/segments';
import {
	LINK_PLACEHOLDER,
	NORMAL_PRIORITY,
	priorityProperty,
	readPriority,
	readTrackedUrl,
	trackedUrlProperty,
} from '../../helpers/trackedLink';
import { insimRequest, insimV2Request } from '../../transport';
import {
	afterSharedFailure,
	runBatches,
	sendingErrorOutcome,
	startBatchedWrite,
} from '../batchRunner';
import {
	batchSizeOption,
	messageProperty,
	optionsCollection,
	phoneNumberProperty,
	timeoutOption,
} from '../common.descriptions';
import type { ItemOutcome } from '../types';

/** inSIM's v2 field names → the node's, for inSIM's refusals. */
const V2_FIELD_LABELS = {
	phone_number: 'Phone Number',
	message: 'Message',
	url: 'Tracked URL',
	priority: 'Priority',
	date_to_send: 'Scheduled Date',
};
/** A tracked short link, `https://arsms.co/` + 12 characters, used for the local estimate. */
const SHORT_LINK_SAMPLE = 'https://arsms.co/xxxxxxxxxxxx';

const properties: INodeProperties[] = [
	phoneNumberProperty(
		'Recipient in international format: + then country code and number. Spaces, dots, dashes and a leading 00 are accepted and cleaned.',
	),
	messageProperty({
		placeholder: 'Hi Ann, your appointment is tomorrow at 9:30. Confirm here: [link]',
		// Shown under the field, not only in the tooltip.
		hint: 'To track a link, write [link] in the text and set Options → Tracked URL: inSIM puts a 29-character short link there and reports clicks.',
		description:
			'Text of the SMS. Write [link] where the tracked URL (option below) should appear.',
	}),
	optionsCollection([
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: 'V1',
					value: 'v1',
					description: 'Each message gets an ID (id_sms_api) that delivery and click events carry',
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
		priorityProperty(),
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
		trackedUrlProperty('trackedUrl', 'https://example.com/confirm'),
	]),
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
	date_to_send?: string;
	id_sms_api?: string;
}

interface SmsRow {
	itemIndex: number;
	wire: SmsWire;
	/** E.164 number, the check used to map an answer entry back to its item */
	phone: string;
	facts: SmsLocalFacts;
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
	const useApiV2 =
		String(this.getNodeParameter('options.apiVersion', 0, 'v1')).toLowerCase() === 'v2';
	const readParameter = itemParameterReader(this);
	const start = startBatchedWrite(this, items.length, (itemIndex) =>
		prepareRow(this, readParameter, itemIndex, useApiV2),
	);
	if ('done' in start) return start.done;
	const { rows } = start;

	const phoneOf = new Map(rows.map((row) => [row.itemIndex, row.phone]));
	const sent = await runBatches(this, {
		batches: chunk(rows, start.batchSize),
		itemsOf: (batch) => batch.map((row) => row.itemIndex),
		send: async (batch) => {
			const itemIndex = batch[0].itemIndex;
			const phones = batch.map((row) => row.phone);
			const requestOptions = { timeoutSeconds: start.timeoutSeconds, itemIndex };
			const verdicts = useApiV2
				? readV2SendAnswer(
						node,
						await insimV2Request.call(
							this,
							'sendsms',
							{ messages: batch.map((row) => toApiV2Wire(row.wire)) },
							{ ...requestOptions, fieldLabels: V2_FIELD_LABELS },
						),
						{ endpoint: 'sendsms', phones, itemIndex },
					)
				: readV1SendAnswer(
						node,
						await insimRequest.call(
							this,
							'/v1/sendsms',
							{ messages: batch.map((row) => row.wire) },
							requestOptions,
						),
						{ path: '/v1/sendsms', phones, itemIndex },
					);
			return batch.map((row, position) => smsOutcome(node, row, verdicts[position]));
		},
		skipRestAfter: afterSharedFailure,
		writes: true,
		noun: 'SMS',
		itemJson: (itemIndex) => ({ phone_number: phoneOf.get(itemIndex) }),
	});
	return [...start.invalid, ...sent];
}

/** One item checked and turned into its wire message, or an item error naming the field. */
function prepareRow(
	ctx: IExecuteFunctions,
	readParameter: ReturnType<typeof itemParameterReader>,
	itemIndex: number,
	useApiV2: boolean,
): SmsRow {
	const node = ctx.getNode();
	const rawPhone = readParameter('phoneNumber', itemIndex, '');
	const message = String(readParameter('message', itemIndex, '') ?? '');
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const phone = normalizePhoneNumber(rawPhone);
	if (!phone.ok) throw invalidFieldError(node, itemIndex, 'Phone Number', rawPhone, phone.reason);
	if (message.trim() === '') {
		throw invalidFieldError(node, itemIndex, 'Message', message, 'the SMS text is empty');
	}
	const wire: SmsWire = { phone_number: phone.e164, message };
	const url = readTrackedUrl(node, itemIndex, message, options.trackedUrl);
	if (url !== undefined) wire.url = url;
	const priority = readPriority(node, itemIndex, options.priority);
	// v1 gets `priorite` only when it is set, as before; v2 always (see toApiV2Wire).
	if (options.priority !== undefined && options.priority !== '') wire.priorite = priority;

	const facts: SmsLocalFacts = estimateFacts(message, url !== undefined);
	const scheduledDate = options.scheduledDate;
	if (scheduledDate !== undefined && scheduledDate !== null && scheduledDate !== '') {
		const timeZone = String(options.timeZone ?? '').trim() || ctx.getTimezone();
		if (!isValidTimeZone(timeZone)) {
			throw invalidFieldError(
				node,
				itemIndex,
				'Time Zone',
				timeZone,
				'is not a known time zone (use an IANA name such as Europe/Paris)',
			);
		}
		const schedule = formatScheduledDate(scheduledDate, timeZone);
		if (!schedule.ok) {
			throw invalidFieldError(node, itemIndex, 'Scheduled Date', scheduledDate, schedule.reason);
		}
		wire.date_to_send = schedule.dateToSend;
		facts.scheduledFor = schedule.dateToSend;
		facts.scheduledForIso = schedule.iso;
		facts.scheduleTimeZone = schedule.timeZone;
	}

	const messageId = String(options.messageId ?? '').trim();
	if (messageId !== '' && useApiV2) {
		throw invalidFieldError(
			node,
			itemIndex,
			'Custom Message ID',
			messageId,
			'API v2 takes no custom message ID: choose API Version v1',
		);
	}
	if (messageId !== '') wire.id_sms_api = messageId;
	return { itemIndex, wire, phone: phone.e164, facts };
}

/**
 * API v2's message: `priority` (not v1's `priorite`), no `id_sms_api`, and `url` and `priority`
 * always there, as the vendor's three clients send them (`url: ""`, `priority: 1` by default:
 * ReachTechnologies/n8n-nodes-insim nodes/Insim/shared/preSend.ts wrapSmsMessage,
 * ReachTechnologies/insim-cli cli_anything/insim/core/sms.py, ReachTechnologies/insim-mcp
 * src/insim_mcp/server.py send_sms_batch).
 */
function toApiV2Wire(wire: SmsWire): IDataObject {
	const v2: IDataObject = {
		phone_number: wire.phone_number,
		message: wire.message,
		url: wire.url ?? '',
		priority: wire.priorite ?? NORMAL_PRIORITY,
	};
	if (wire.date_to_send !== undefined) v2.date_to_send = wire.date_to_send;
	return v2;
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

function smsOutcome(node: INode, row: SmsRow, verdict: SendVerdict): ItemOutcome {
	const { entry } = verdict;
	const facts = row.facts;
	const json: IDataObject = {
		success: verdict.verdict === 'sent',
		id_sms_api: entry.id_sms_api ?? row.wire.id_sms_api,
		phone_number: entry.phone_number ?? row.phone,
		message: entry.message ?? row.wire.message,
		sent: entry.sent,
		sent_time: entry.sent_time,
		sentTimeIso: sentTimeInstant(entry.sent_time, facts),
		sms_per_message: entry.sms_per_message,
		user: entry.user,
		...facts,
		priority: row.wire.priorite ?? NORMAL_PRIORITY,
	};
	if (row.wire.url !== undefined) json.trackedUrl = row.wire.url;
	for (const [key, value] of Object.entries(entry)) {
		if (!(key in json)) json[key] = value;
	}
	if (verdict.verdict === 'sent') return { itemIndex: row.itemIndex, json, accepted: true };
	return sendingErrorOutcome(node, row.itemIndex, verdict, `the SMS to ${row.phone}`, json);
}
