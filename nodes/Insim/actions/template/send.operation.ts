import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chunk, matchAnswersToRequests } from '../../helpers/batch';
import { invalidFieldError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import { jsonObject, locatorId, positiveWholeNumber } from '../../helpers/v2Parameters';
import type { DeliveryCertainty } from '../../transport';
import {
	DEFAULT_TIMEOUT_SECONDS,
	deliveryCertaintyOf,
	insimV2Request,
	isFatalError,
} from '../../transport';
import {
	DEFAULT_BATCH_SIZE,
	MAX_BATCH_SIZE,
	batchSizeOption,
	phoneNumberProperty,
	timeoutOption,
} from '../common.descriptions';
import { isObject } from '../sendInBatches';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'This sends real SMS from the phone running inSIM (a premium feature). Items with the same template go to inSIM together, in batches.',
		name: 'sendNotice',
		type: 'notice',
		default: '',
	},
	resourceLocatorProperty('template', { description: 'The template to send' }),
	phoneNumberProperty(
		'Recipient in international format: + then country code and number. Spaces, dots, dashes and a leading 00 are accepted and cleaned. A known inSIM contact with this number fills {firstname}, {lastname}, {email} and {custom.X}.',
	),
	{
		displayName: 'Specify Variables',
		name: 'variablesInput',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'How to give the values of the template placeholders for this recipient',
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { variablesInput: ['fields'] } },
		description:
			'Values for the placeholders of the template. A variable named firstname replaces {firstname}, even for a known contact.',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. date',
						description: 'Placeholder name without braces: date fills {date}',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text that replaces the placeholder',
					},
				],
			},
		],
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { variablesInput: ['json'] } },
		description:
			'A JSON object of placeholder name to value, e.g. {"date": "Monday", "custom.plan": "Gold"}. Values must be text, numbers or true/false.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			batchSizeOption(
				'How many recipients go to inSIM in one request. Items that use the same template are sent in as few requests as this allows.',
			),
			timeoutOption(
				'Seconds to wait for inSIM to answer. A request that times out is not resent, since inSIM may have sent its SMS.',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['send'] } },
	properties,
);

const NOUN = 'template SMS';

interface Recipient extends IDataObject {
	phone_number: string;
	variables: IDataObject;
}

interface RecipientRow {
	itemIndex: number;
	templateId: string;
	recipient: Recipient;
}

/**
 * API v2 `templates/send` (premium): one request per batch of recipients that share a template.
 * Every answer entry goes back to its own item (by phone number, in order). A request that failed
 * after it may have been processed is reported as such and never resent; after a failure every
 * request would share (credentials, plan, unreachable host) the rest is reported unsent.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const stopOnFirstError = !this.continueOnFail();
	const batchSize = positiveWholeNumber(
		this,
		this.getNodeParameter('options.batchSize', 0, DEFAULT_BATCH_SIZE),
		0,
		'Batch Size',
		MAX_BATCH_SIZE,
	);
	const timeoutSeconds = positiveWholeNumber(
		this,
		this.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_SECONDS),
		0,
		'Timeout',
	);

	const outcomes: ItemOutcome[] = [];
	const rows: RecipientRow[] = [];
	const readParameter = itemParameterReader(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			rows.push(prepareRow(this, itemIndex, readParameter('phoneNumber', itemIndex, '')));
		} catch (error) {
			const itemError =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			outcomes.push({ itemIndex, error: itemError, json: { mayHaveBeenProcessed: false } });
		}
	}
	// Continue On Fail off: a bad item stops the node before anything is sent.
	if (stopOnFirstError && outcomes.length > 0) return outcomes;

	const byTemplate = new Map<string, RecipientRow[]>();
	for (const row of rows) {
		const group = byTemplate.get(row.templateId);
		if (group) group.push(row);
		else byTemplate.set(row.templateId, [row]);
	}
	const batches = [...byTemplate.values()].flatMap((group) => chunk(group, batchSize));

	let fatal: NodeApiError | undefined;
	for (const batch of batches) {
		if (fatal) {
			for (const row of batch) {
				outcomes.push(
					rowError(this, row, fatal, 'notSent', 'not sent, because an earlier request failed: '),
				);
			}
			continue;
		}
		let answer: IDataObject;
		try {
			answer = await insimV2Request.call(
				this,
				'templates/send',
				{ template_id: batch[0].templateId, recipients: batch.map((row) => row.recipient) },
				{ timeoutSeconds, fieldLabels: { template_id: 'Template', recipients: 'Phone Number' } },
			);
		} catch (error) {
			const certainty = deliveryCertaintyOf(error);
			for (const row of batch) outcomes.push(rowError(this, row, error as NodeApiError, certainty));
			if (stopOnFirstError) return outcomes;
			if (isFatalError(error)) fatal = error as NodeApiError;
			continue;
		}
		const batchOutcomes = outcomesOfAnswer(this, batch, answer);
		outcomes.push(...batchOutcomes);
		if (stopOnFirstError && batchOutcomes.some((outcome) => 'error' in outcome)) return outcomes;
	}
	return outcomes;
}

function prepareRow(ctx: IExecuteFunctions, itemIndex: number, rawPhone: unknown): RecipientRow {
	const templateId = locatorId(ctx, 'templateId', itemIndex, 'Template');
	const phone = normalizePhoneNumber(rawPhone);
	if (!phone.ok) {
		throw invalidFieldError(ctx.getNode(), itemIndex, 'Phone Number', rawPhone, phone.reason);
	}
	return {
		itemIndex,
		templateId,
		recipient: { phone_number: phone.e164, variables: readVariables(ctx, itemIndex) },
	};
}

/** Placeholder values from the name/value list or the JSON object: text for every value. */
function readVariables(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const variables: IDataObject = {};
	const add = (label: string, rawName: unknown, value: unknown) => {
		// `{date}` and `date` name the same placeholder.
		const name = String(rawName ?? '')
			.trim()
			.replace(/^\{(.*)\}$/, '$1')
			.trim();
		if (name === '' || /[{}\s]/.test(name)) {
			throw invalidFieldError(
				node,
				itemIndex,
				label,
				rawName,
				'a variable name must be one word without braces, e.g. date for {date}',
			);
		}
		if (name in variables) {
			throw invalidFieldError(
				node,
				itemIndex,
				label,
				rawName,
				`the variable ${name} is given twice`,
			);
		}
		if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
			throw invalidFieldError(
				node,
				itemIndex,
				label,
				value,
				`the value of ${name} must be text, a number or true/false`,
			);
		}
		variables[name] = String(value);
	};

	if (ctx.getNodeParameter('variablesInput', itemIndex, 'fields') === 'json') {
		const label = 'Variables (JSON)';
		const given = jsonObject(
			ctx,
			ctx.getNodeParameter('variablesJson', itemIndex, '{}'),
			itemIndex,
			label,
		);
		for (const [name, value] of Object.entries(given)) add(label, name, value);
		return variables;
	}
	const pairs = ctx.getNodeParameter('variables.variable', itemIndex, []) as IDataObject[];
	for (const pair of pairs) add('Variables', pair.name, pair.value ?? '');
	return variables;
}

function outcomesOfAnswer(
	ctx: IExecuteFunctions,
	batch: RecipientRow[],
	answer: IDataObject,
): ItemOutcome[] {
	const list = Array.isArray(answer.results)
		? answer.results
		: Array.isArray(answer.result)
			? answer.result
			: undefined;
	if (list === undefined) {
		// Without entries, only "all sent" can be told apart per item.
		if (Number(answer.sent_count) === batch.length) {
			return batch.map((row) => successOutcome(row, { sent: 1 }));
		}
		const shapeError = new NodeApiError(
			ctx.getNode(),
			{ message: 'unexpected answer' },
			{
				message: 'inSIM answered /v2/templates/send without one result per recipient',
				description: `inSIM reported ${String(answer.sent_count ?? 'no')} sent for ${batch.length} recipients. Check the sent messages in the inSIM app before running again.`,
			},
		);
		return batch.map((row) => rowError(ctx, row, shapeError, 'unknown'));
	}

	const entries = list.map((entry) => (isObject(entry) ? entry : {}));
	const matches = matchAnswersToRequests(
		batch.map((row) => row.recipient.phone_number),
		entries.map((entry) => entry.phone_number),
	);
	return batch.map((row, position) => {
		const entryIndex = matches[position];
		if (entryIndex === undefined) {
			const missing = new NodeApiError(
				ctx.getNode(),
				{ message: 'missing answer entry' },
				{
					message: `inSIM's answer has no result for ${row.recipient.phone_number}`,
					description: `The ${NOUN} may or may not have been sent: check the inSIM app before sending it again.`,
				},
			);
			return rowError(ctx, row, missing, 'unknown');
		}
		const entry = entries[entryIndex];
		if (isSent(entry.sent)) return successOutcome(row, entry);

		const reason = typeof entry.error === 'string' && entry.error !== '' ? `: ${entry.error}` : '';
		const error = new NodeApiError(
			ctx.getNode(),
			{ message: 'sent: 0' },
			{
				message: `Item ${row.itemIndex}: inSIM did not send the template to ${row.recipient.phone_number} (sent: 0)${reason}`,
				description:
					'inSIM refused this one recipient; the others of the same request are not affected. Check the number and the phone running inSIM.',
				itemIndex: row.itemIndex,
			},
		);
		error.context.deliveryCertainty = 'notSent';
		return {
			itemIndex: row.itemIndex,
			error,
			json: { ...rowJson(row, entry), mayHaveBeenProcessed: false },
		};
	});
}

function isSent(value: unknown): boolean {
	return value === 1 || value === true || value === '1';
}

function rowJson(row: RecipientRow, entry: IDataObject): IDataObject {
	const json: IDataObject = {
		template_id: row.templateId,
		phone_number: entry.phone_number ?? row.recipient.phone_number,
	};
	for (const [key, value] of Object.entries(entry)) if (!(key in json)) json[key] = value;
	json.variables = row.recipient.variables;
	return json;
}

function successOutcome(row: RecipientRow, entry: IDataObject): ItemOutcome {
	return {
		itemIndex: row.itemIndex,
		json: { success: true, ...rowJson(row, entry) },
		accepted: true,
	};
}

/** A copy of a request's error for one of its items, keeping what it says about delivery. */
function rowError(
	ctx: IExecuteFunctions,
	row: RecipientRow,
	error: NodeApiError,
	certainty: DeliveryCertainty,
	prefix = '',
): ItemOutcome {
	const text = `${prefix}${error.message}`;
	const itemError = new NodeApiError(
		ctx.getNode(),
		{ message: error.message },
		{
			message: `Item ${row.itemIndex}${text.startsWith('"') ? ', ' : ': '}${text}${
				certainty === 'unknown'
					? ` (the ${NOUN} may have been processed: check inSIM before resending)`
					: ''
			}`,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex: row.itemIndex,
		},
	);
	itemError.context.deliveryCertainty = certainty;
	return {
		itemIndex: row.itemIndex,
		error: itemError,
		json: {
			template_id: row.templateId,
			phone_number: row.recipient.phone_number,
			mayHaveBeenProcessed: certainty === 'unknown',
		},
	};
}
