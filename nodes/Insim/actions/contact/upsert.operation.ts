import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { unrecognisedAnswerError } from '../../contracts/unrecognised';
import { chunk, entriesForPhones } from '../../helpers/batch';
import { invalidFieldError, missingEntryError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { recordId } from '../../helpers/records';
import { phoneForApi } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { afterSharedFailure, runBatches, startBatchedWrite } from '../batchRunner';
import {
	batchSizeOption,
	optionsCollection,
	phoneNumberProperty,
	timeoutOption,
} from '../common.descriptions';
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
	optionsCollection([
		batchSizeOption('How many contacts go to inSIM in one request'),
		timeoutOption(),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	properties,
);

interface ContactRow {
	itemIndex: number;
	wire: ContactWire;
	phone: string;
}

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
	const node = this.getNode();
	const readParameter = itemParameterReader(this);
	const start = startBatchedWrite(this, items.length, (itemIndex) =>
		prepareRow(this, readParameter, itemIndex),
	);
	if ('done' in start) return start.done;
	const { rows } = start;

	const phoneOf = new Map(rows.map((row) => [row.itemIndex, row.phone]));
	const saved = await runBatches(this, {
		batches: chunk(rows, start.batchSize),
		itemsOf: (batch) => batch.map((row) => row.itemIndex),
		send: async (batch) => {
			const answer = await insimV2Request.call(
				this,
				'addcontacts',
				{ contacts: batch.map((row) => row.wire) },
				{
					timeoutSeconds: start.timeoutSeconds,
					itemIndex: batch[0].itemIndex,
					fieldLabels: { ...CONTACT_FIELD_LABELS, contacts: 'Contacts' },
				},
			);
			return outcomesOfBatch(node, batch, answer);
		},
		skipRestAfter: afterSharedFailure,
		writes: true,
		noun: 'contact',
		itemJson: (itemIndex) => ({ phone_number: phoneOf.get(itemIndex) }),
	});
	return [...start.invalid, ...saved];
}

function prepareRow(
	ctx: IExecuteFunctions,
	readParameter: ReturnType<typeof itemParameterReader>,
	itemIndex: number,
): ContactRow {
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

/**
 * One outcome per row of a batch that inSIM answered: the per-contact entries under `contacts`
 * or `results`, matched to rows by phone number. No vendor file shows this answer (the vendor's
 * MCP server only passes it on: ReachTechnologies/insim-mcp src/insim_mcp/server.py add_contacts).
 */
function outcomesOfBatch(node: INode, batch: ContactRow[], answer: IDataObject): ItemOutcome[] {
	const entries = [answer.contacts, answer.results].find(Array.isArray) as unknown[] | undefined;
	if (entries === undefined) {
		throw unrecognisedAnswerError(node, {
			endpoint: 'addcontacts',
			expected: 'one entry per contact under "contacts" (or "results")',
			answer,
			itemIndex: batch[0].itemIndex,
			writes: true,
		});
	}
	const matched = entriesForPhones(
		batch.map((row) => row.phone),
		entries,
		(entry) => entry.phone_number ?? entry.phonenumber,
	);
	return batch.map((row, position) => {
		const entry = matched[position];
		if (entry !== undefined) return entryOutcome(node, row, entry);
		const missing = missingEntryError(
			node,
			row.itemIndex,
			row.phone,
			'The contact may or may not have been saved: check the inSIM address book before running it again.',
		);
		return {
			itemIndex: row.itemIndex,
			error: missing,
			json: { phone_number: row.phone, mayHaveBeenProcessed: true },
		};
	});
}

function entryOutcome(node: INode, row: ContactRow, entry: IDataObject): ItemOutcome {
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
		node,
		{ message: 'contact not saved' },
		{
			message: `inSIM did not save the contact ${row.phone}${label ? `, "${label}"` : ''}: ${reason}${code}`,
			description: `Fix ${label ? `the "${label}" value` : 'the contact'} of this item. The other contacts of the same request are not affected.`,
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
