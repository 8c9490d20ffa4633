import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chunk, matchAnswersToRequests } from '../../helpers/batch';
import { invalidFieldError } from '../../helpers/itemErrors';
import { BATCH_SIZE_OPTION, TIMEOUT_OPTION, readNumericOption } from '../../helpers/options';
import { itemParameterReader } from '../../helpers/parameters';
import { recordId } from '../../helpers/records';
import { phoneForApi } from '../../helpers/v2Parameters';
import { deliveryCertaintyOf, insimV2Request, isFatalError } from '../../transport';
import { batchSizeOption, phoneNumberProperty, timeoutOption } from '../common.descriptions';
import type { PreparedRow } from '../sendInBatches';
import { isObject, rowError } from '../sendInBatches';
import type { ItemOutcome } from '../types';
import { CONTACT_FIELD_LABELS } from './fields';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SAVED_STATUSES = new Set(['created', 'updated']);

const properties: INodeProperties[] = [
	phoneNumberProperty(
		'Contact number in international format: + then country code and number. A contact with this number is updated, otherwise one is created.',
	),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'Left empty, an existing contact keeps its first name',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Left empty, an existing contact keeps its last name',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: '123 Main Street',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [batchSizeOption('How many contacts go to inSIM in one request'), timeoutOption()],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	properties,
);

interface ContactWire extends IDataObject {
	phone_number: string;
	firstname?: string;
	lastname?: string;
	email?: string;
	/** v2 spelling (v1 wrote `adress`). */
	address?: string;
}

/**
 * API v2 `addcontacts`: create or update contacts, matched on phone number. Many items go in one
 * request per batch; each answer entry is mapped back to its item by phone number. A batch that
 * failed is never resent: the transport alone retries what provably did not reach inSIM.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const stopOnFirstError = !this.continueOnFail();
	// Checked before anything is sent: an invalid value is an error naming the field.
	const batchSize = readNumericOption(this, 'batchSize', 0, BATCH_SIZE_OPTION);
	const timeoutSeconds = readNumericOption(this, 'timeout', 0, TIMEOUT_OPTION);
	const outcomes: ItemOutcome[] = [];
	const rows: Array<PreparedRow<ContactWire>> = [];
	const readParameter = itemParameterReader(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			rows.push(prepareRow(this, readParameter, itemIndex));
		} catch (caught) {
			const error =
				caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			outcomes.push({ itemIndex, error, json: { mayHaveBeenProcessed: false } });
		}
	}
	if (stopOnFirstError && outcomes.length > 0) return outcomes;

	let fatal: NodeApiError | undefined;
	for (const batch of chunk(rows, batchSize)) {
		if (fatal) {
			// The same request would fail the same way (credentials, plan, unreachable server).
			for (const row of batch) {
				outcomes.push(
					rowError(
						this,
						row,
						fatal,
						'notSent',
						'contact',
						`Item ${row.itemIndex}: not sent, because an earlier request failed: `,
					),
				);
			}
			continue;
		}
		let answer: IDataObject;
		try {
			answer = await insimV2Request.call(
				this,
				'addcontacts',
				{ contacts: batch.map((row) => row.wire) },
				{ timeoutSeconds, fieldLabels: { ...CONTACT_FIELD_LABELS, contacts: 'Contacts' } },
			);
		} catch (caught) {
			const error = caught as NodeApiError;
			const certainty = deliveryCertaintyOf(error);
			for (const row of batch) {
				outcomes.push(rowError(this, row, error, certainty, 'contact', `Item ${row.itemIndex}: `));
			}
			if (stopOnFirstError) return outcomes;
			if (isFatalError(error)) fatal = error;
			continue;
		}

		const batchOutcomes = outcomesOfBatch(this, batch, answer);
		outcomes.push(...batchOutcomes);
		if (stopOnFirstError && batchOutcomes.some((outcome) => 'error' in outcome)) return outcomes;
	}
	return outcomes;
}

function prepareRow(
	ctx: IExecuteFunctions,
	readParameter: ReturnType<typeof itemParameterReader>,
	itemIndex: number,
): PreparedRow<ContactWire> {
	const phone = phoneForApi(
		ctx,
		readParameter('phoneNumber', itemIndex, ''),
		itemIndex,
		'Phone Number',
		{ localAllowed: false },
	);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const text = (value: unknown) =>
		typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
	const wire: ContactWire = { phone_number: phone };
	const given: Record<string, string> = {
		firstname: text(readParameter('firstName', itemIndex, '')),
		lastname: text(readParameter('lastName', itemIndex, '')),
		email: text(fields.email),
		address: text(fields.address),
	};
	if (given.email !== '' && !EMAIL_PATTERN.test(given.email)) {
		throw invalidFieldError(
			ctx.getNode(),
			itemIndex,
			'Email',
			fields.email,
			'is not an email address (name@domain.tld)',
		);
	}
	// An empty field is left out, so that an existing contact keeps its value.
	for (const [key, value] of Object.entries(given)) if (value !== '') wire[key] = value;
	return { itemIndex, wire, phone };
}

/** One outcome per row of a batch that inSIM answered. */
function outcomesOfBatch(
	ctx: IExecuteFunctions,
	batch: Array<PreparedRow<ContactWire>>,
	answer: IDataObject,
): ItemOutcome[] {
	const entries = Array.isArray(answer.contacts)
		? answer.contacts
		: Array.isArray(answer.results)
			? answer.results
			: undefined;
	if (entries === undefined) {
		const shapeError = new NodeApiError(
			ctx.getNode(),
			{ message: 'unexpected answer' },
			{
				message: 'inSIM answered /v2/addcontacts without a per-contact list',
				description:
					'The contacts may still have been saved: check the inSIM address book before running again.',
			},
		);
		return batch.map((row) =>
			rowError(ctx, row, shapeError, 'unknown', 'contact', `Item ${row.itemIndex}: `),
		);
	}
	const entryObjects = entries.map((entry) => (isObject(entry) ? entry : {}));
	const matches = matchAnswersToRequests(
		batch.map((row) => row.phone),
		entryObjects.map((entry) => entry.phone_number ?? entry.phonenumber),
	);
	return batch.map((row, position) => {
		const entryIndex = matches[position];
		if (entryIndex === undefined) {
			const missing = new NodeApiError(
				ctx.getNode(),
				{ message: 'missing answer entry' },
				{
					message: `inSIM's answer has no entry for ${row.phone}`,
					description:
						'The contact may or may not have been saved: check the inSIM address book before running it again.',
				},
			);
			return rowError(ctx, row, missing, 'unknown', 'contact', `Item ${row.itemIndex}: `);
		}
		return entryOutcome(ctx, row, entryObjects[entryIndex]);
	});
}

function entryOutcome(
	ctx: IExecuteFunctions,
	row: PreparedRow<ContactWire>,
	entry: IDataObject,
): ItemOutcome {
	const status = typeof entry.status === 'string' ? entry.status.toLowerCase() : undefined;
	const refused = entry.error !== undefined || entry.error_code !== undefined;
	const saved =
		status !== undefined
			? SAVED_STATUSES.has(status)
			: !refused && (entry.success === true || recordId(entry) !== undefined);
	if (saved) {
		return {
			itemIndex: row.itemIndex,
			json: { id: recordId(entry), ...row.wire, ...(status ? { status } : {}) },
			accepted: true,
		};
	}

	const field = typeof entry.field === 'string' ? entry.field : undefined;
	const label = field === undefined ? undefined : (CONTACT_FIELD_LABELS[field] ?? field);
	const code = typeof entry.error_code === 'string' ? ` (${entry.error_code})` : '';
	const reason = typeof entry.error === 'string' ? entry.error : `status "${status ?? 'missing'}"`;
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: 'contact not saved' },
		{
			message: `Item ${row.itemIndex}: inSIM did not save the contact ${row.phone}${label ? `, "${label}"` : ''}: ${reason}${code}`,
			description: `Fix ${label ? `the "${label}" value` : 'the contact'} of item ${row.itemIndex}. The other contacts of the same request are not affected.`,
			itemIndex: row.itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return {
		itemIndex: row.itemIndex,
		error,
		json: { phone_number: row.phone, status, mayHaveBeenProcessed: false },
	};
}
