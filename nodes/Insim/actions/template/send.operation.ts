import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readV2SendAnswer } from '../../contracts/sending';
import { chunk } from '../../helpers/batch';
import { invalidFieldError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import { jsonObject, locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import {
	afterSharedFailure,
	runBatches,
	sendingErrorOutcome,
	startBatchedWrite,
} from '../batchRunner';
import {
	batchSizeOption,
	optionsCollection,
	phoneNumberProperty,
	timeoutOption,
} from '../common.descriptions';
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
	optionsCollection([
		batchSizeOption(
			'How many recipients go to inSIM in one request. Items that use the same template are sent in as few requests as this allows.',
		),
		timeoutOption(
			'Seconds to wait for inSIM to answer. A request that times out is not resent, since inSIM may have sent its SMS.',
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['send'] } },
	properties,
);

interface Recipient extends IDataObject {
	phone_number: string;
	variables: IDataObject;
}

interface RecipientRow {
	itemIndex: number;
	templateId: string;
	recipient: Recipient;
}

const FIELD_LABELS = { template_id: 'Template', recipients: 'Phone Number' };

/**
 * API v2 `templates/send` (premium): one request per batch of recipients that share a template.
 * Every answer entry goes back to its own item (by phone number, in order), on the batch runner.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const node = this.getNode();
	const readParameter = itemParameterReader(this);
	const start = startBatchedWrite(this, items.length, (itemIndex) =>
		prepareRow(this, itemIndex, readParameter('phoneNumber', itemIndex, '')),
	);
	if ('done' in start) return start.done;
	const { rows } = start;

	const byTemplate = new Map<string, RecipientRow[]>();
	for (const row of rows) {
		const group = byTemplate.get(row.templateId);
		if (group) group.push(row);
		else byTemplate.set(row.templateId, [row]);
	}
	const rowOf = new Map(rows.map((row) => [row.itemIndex, row]));
	const sent = await runBatches(this, {
		batches: [...byTemplate.values()].flatMap((group) => chunk(group, start.batchSize)),
		itemsOf: (batch) => batch.map((row) => row.itemIndex),
		send: async (batch) => {
			const itemIndex = batch[0].itemIndex;
			const answer = await insimV2Request.call(
				this,
				'templates/send',
				{ template_id: batch[0].templateId, recipients: batch.map((row) => row.recipient) },
				{ timeoutSeconds: start.timeoutSeconds, itemIndex, fieldLabels: FIELD_LABELS },
			);
			const verdicts = readV2SendAnswer(node, answer, {
				endpoint: 'templates/send',
				phones: batch.map((row) => row.recipient.phone_number),
				itemIndex,
			});
			return batch.map((row, position) => {
				const verdict = verdicts[position];
				const json = rowJson(row, verdict.entry);
				if (verdict.verdict === 'sent') {
					return { itemIndex: row.itemIndex, json: { success: true, ...json }, accepted: true };
				}
				const what = `the template to ${row.recipient.phone_number}`;
				return sendingErrorOutcome(node, row.itemIndex, verdict, what, json);
			});
		},
		skipRestAfter: afterSharedFailure,
		writes: true,
		noun: 'template SMS',
		itemJson: (itemIndex) => ({
			template_id: rowOf.get(itemIndex)?.templateId,
			phone_number: rowOf.get(itemIndex)?.recipient.phone_number,
		}),
	});
	return [...start.invalid, ...sent];
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

function rowJson(row: RecipientRow, entry: IDataObject): IDataObject {
	const json: IDataObject = {
		template_id: row.templateId,
		phone_number: entry.phone_number ?? row.recipient.phone_number,
	};
	for (const [key, value] of Object.entries(entry)) if (!(key in json)) json[key] = value;
	json.variables = row.recipient.variables;
	return json;
}
