import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY, updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { TIMEOUT_OPTION, readNumericOption } from '../../helpers/options';
import { normalizePhoneNumber } from '../../../shared/phone';
import { estimateSmsSegments } from '../../helpers/segments';
import { messageProperty, phoneNumberProperty, timeoutOption } from '../common.descriptions';
import type { ItemOutcome } from '../types';
import {
	executeReader,
	limitWaitTimeOption,
	pageContent,
	responseProperties,
	waitLimit,
} from './sendAndWait/config';
import { ASKED_QUERY, rememberAskedFacts } from './sendAndWait/asked';
import { sendOneSms } from './sendAndWait/send';
import { priorityProperty } from '../../helpers/trackedLink';

const LINK_PLACEHOLDER = /\[link\]/i;
/** inSIM's tracked short link: `https://arsms.co/` + 12 characters, 29 in all. */
const SHORT_LINK_SAMPLE = 'https://arsms.co/xxxxxxxxxxxx';

const properties: INodeProperties[] = [
	phoneNumberProperty('The person to ask, in international format: + then country code and number'),
	messageProperty({
		placeholder: 'Quote #1042 for 1,250 EUR: approve?',
		hint: 'The link to the answer page is added after the text (or where you write [link]). With the tracked link it takes 29 characters.',
		description:
			'The question. The SMS carries it plus one link to a page where the person answers; the page shows it too.',
	}),
	...responseProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				options: [
					{ name: 'V1', value: 'v1', description: 'The SMS gets an ID (id_sms_api)' },
					{
						name: 'V2',
						value: 'v2',
						description: 'The newer API (premium plans); its answer gives no message ID',
					},
				],
				default: 'v1',
			},
			limitWaitTimeOption,
			{
				displayName: 'Link in SMS',
				name: 'linkType',
				type: 'options',
				default: 'tracked',
				options: [
					{
						name: 'Tracked Short Link (inSIM)',
						value: 'tracked',
						description: 'InSIM puts a 29-character short link in the SMS and reports the click',
					},
					{
						name: 'Full Link',
						value: 'full',
						description:
							"The page's full address (often 150+ characters: usually one more SMS part). For plans without tracked links.",
					},
				],
			},
			{
				displayName: 'Page Text',
				name: 'responseFormDescription',
				type: 'string',
				default: '',
				description: 'Text of the answer page. Default: the message.',
			},
			{
				displayName: 'Page Title',
				name: 'responseFormTitle',
				type: 'string',
				default: '',
				description: 'Heading of the answer page',
			},
			priorityProperty(),
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
				displayOptions: { show: { '/responseType': ['freeText', 'customForm'] } },
			},
			timeoutOption(
				'Seconds to wait for inSIM to answer the send. A request that times out is not resent, since inSIM may have sent it.',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['sendAndWait'] } },
	properties,
);

/**
 * Sends one SMS with a link to this execution's answer page, then puts the execution to wait.
 * The answer (or the time limit) resumes it: see sendAndWait/webhook.ts.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const node = this.getNode();
	// One execution waits for one answer, so it asks one person (n8n's Send and Wait nodes do too).
	if (items.length > 1) {
		throw new NodeOperationError(
			node,
			`Send and Wait for Response asks one person per execution; it got ${items.length} items`,
			{
				description:
					'Nothing was sent. To ask several people, call a sub-workflow per item (Execute Workflow node, "Run once for each item") that contains this node.',
			},
		);
	}
	const itemIndex = 0;
	const read = executeReader(this);
	const rawPhone = this.getNodeParameter('phoneNumber', itemIndex, '');
	const message = String(this.getNodeParameter('message', itemIndex, '') ?? '').trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const phone = normalizePhoneNumber(rawPhone);
	if (!phone.ok) {
		return [
			{
				itemIndex,
				error: invalidFieldError(node, itemIndex, 'Phone Number', rawPhone, phone.reason),
			},
		];
	}
	if (message.replace(LINK_PLACEHOLDER, '').trim() === '') {
		return [
			{
				itemIndex,
				error: invalidFieldError(node, itemIndex, 'Message', message, 'the question is empty'),
			},
		];
	}
	let timeoutSeconds: number;
	let waitTill: Date;
	try {
		timeoutSeconds = readNumericOption(this, 'timeout', itemIndex, TIMEOUT_OPTION);
		waitTill = waitLimit(this);
		pageContent(node, read); // a custom form that cannot be shown is an error before sending
	} catch (error) {
		const failure =
			error instanceof NodeOperationError
				? error
				: new NodeOperationError(node, (error as Error).message, {
						itemIndex,
						description: 'Nothing was sent.',
					});
		return [{ itemIndex, error: failure }];
	}
	let priority: number | undefined;
	if (options.priority !== undefined && options.priority !== '') {
		priority = Number(options.priority);
		if (![0, 1, 2].includes(priority)) {
			return [
				{
					itemIndex,
					error: invalidFieldError(
						node,
						itemIndex,
						'Priority',
						options.priority,
						'must be Low (0), Normal (1) or High (2)',
					),
				},
			];
		}
	}

	const useApiV2 = String(options.apiVersion ?? 'v1').toLowerCase() === 'v2';
	const askedAt = new Date().toISOString();
	// API v1 takes our own message ID: it names this execution, so delivery and click events can
	// be matched to it, and it travels (signed) in the link to reach the answer's output.
	const messageId = useApiV2 ? undefined : `n8n-${this.getExecutionId()}-${randomSuffix()}`;
	const resumeUrl = signedResumeUrl(this, {
		[ASKED_QUERY.phone]: phone.e164,
		[ASKED_QUERY.askedAt]: askedAt,
		...(messageId === undefined ? {} : { [ASKED_QUERY.messageId]: messageId }),
	});
	const tracked = String(options.linkType ?? 'tracked') !== 'full';
	const text = smsText(message, tracked ? '[link]' : resumeUrl);
	const estimate = estimateSmsSegments(tracked ? text.replace('[link]', SHORT_LINK_SAMPLE) : text);

	let entry: IDataObject;
	try {
		entry = await sendOneSms(this, {
			phone: phone.e164,
			text,
			url: tracked ? resumeUrl : undefined,
			priority,
			useApiV2,
			messageId,
			timeoutSeconds,
			itemIndex,
		});
	} catch (error) {
		return [{ itemIndex, error: error as NodeOperationError }];
	}

	const sms: IDataObject = {
		...entry,
		encoding: estimate.encoding,
		estimatedSegments: estimate.segments,
		characters: estimate.characters,
		link: tracked ? 'tracked' : 'full',
	};
	rememberAskedFacts(this, { phoneNumber: phone.e164, askedAt, sms: askedSmsFacts(sms) });
	await this.putExecutionToWait(waitTill);
	return [
		{
			itemIndex,
			json: {
				answered: false,
				phoneNumber: phone.e164,
				askedAt,
				waitingUntil:
					waitTill.getTime() === WAIT_INDEFINITELY.getTime() ? null : waitTill.toISOString(),
				sms,
				// For a workflow that answers on the person's behalf (e.g. their reply by SMS, see
				// the README); n8n replaces this output with the answer on resume.
				resumeUrl,
			},
			accepted: true,
		},
	];
}

/** The send's facts worth keeping in the answer, short enough for n8n's execution custom data. */
function askedSmsFacts(sms: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const key of [
		'id_sms_api',
		'sent',
		'sent_time',
		'sms_per_message',
		'estimatedSegments',
		'link',
	]) {
		if (sms[key] !== undefined && String(sms[key]).length <= 64) kept[key] = sms[key];
	}
	return kept;
}

/** The question and the link, one space apart (a newline costs the same), or at `[link]`. */
export function smsText(message: string, link: string): string {
	return LINK_PLACEHOLDER.test(message)
		? message.replace(LINK_PLACEHOLDER, link)
		: `${message} ${link}`;
}

/**
 * n8n 2.x signs the resume URL and then refuses calls without the signature. Older n8n versions
 * have neither: their `$execution.resumeUrl` plus the node id is the same page, unsigned.
 */
function signedResumeUrl(ctx: IExecuteFunctions, parameters: Record<string, string>): string {
	if (typeof ctx.getSignedResumeUrl === 'function') {
		if (typeof ctx.setSignatureValidationRequired === 'function') {
			ctx.setSignatureValidationRequired();
		}
		return ctx.getSignedResumeUrl(parameters);
	}
	const base = ctx.evaluateExpression('{{ $execution?.resumeUrl }}', 0) as string;
	return `${base}/${ctx.getNode().id}?${new URLSearchParams(parameters).toString()}`;
}

function randomSuffix(): string {
	let suffix = '';
	for (let index = 0; index < 6; index++) {
		suffix += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)];
	}
	return suffix;
}
