import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { isPlainObject } from '../../../shared/isPlainObject';
import { chunk, entriesForPhones } from '../../helpers/batch';
import { invalidFieldError, missingEntryError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import { insimRequest } from '../../transport';
import { afterSharedFailure, runBatches, startBatchedWrite } from '../batchRunner';
import {
	batchSizeOption,
	optionsCollection,
	phoneNumberProperty,
	timeoutOption,
} from '../common.descriptions';
import type { ItemOutcome } from '../types';

/** inSIM's per-row contact codes. #004 is a warning: the contact is created anyway. */
export const CONTACT_CODES: Record<string, { text: string; warningOnly: boolean }> = {
	'#001': { text: 'invalid phone number', warningOnly: false },
	'#002': { text: 'empty phone number', warningOnly: false },
	'#003': { text: 'phone number missing from the request', warningOnly: false },
	'#004': {
		text: 'invalid email address (contact created without it being checked)',
		warningOnly: true,
	},
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const properties: INodeProperties[] = [
	phoneNumberProperty('Contact number in international format: + then country code and number'),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
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
				description:
					'An invalid email does not stop the contact from being created: inSIM reports it as a warning (code #004)',
			},
		],
	},
	optionsCollection([
		batchSizeOption('How many contacts go to inSIM in one request'),
		timeoutOption(),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

interface ContactWire extends IDataObject {
	firstname: string;
	lastname: string;
	phone_number: string;
	email?: string;
	/** Spelled this way by inSIM API v1. */
	adress?: string;
}

interface ContactRow {
	itemIndex: number;
	wire: ContactWire;
	phone: string;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const node = this.getNode();
	const readParameter = itemParameterReader(this);
	const start = startBatchedWrite(this, items.length, (itemIndex): ContactRow => {
		const rawPhone = readParameter('phoneNumber', itemIndex, '');
		const phone = normalizePhoneNumber(rawPhone);
		if (!phone.ok) throw invalidFieldError(node, itemIndex, 'Phone Number', rawPhone, phone.reason);
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const wire: ContactWire = {
			firstname: String(readParameter('firstName', itemIndex, '') ?? '').trim(),
			lastname: String(readParameter('lastName', itemIndex, '') ?? '').trim(),
			phone_number: phone.e164,
		};
		const email = String(fields.email ?? '').trim();
		if (email !== '') wire.email = email;
		const address = String(fields.address ?? '').trim();
		if (address !== '') wire.adress = address;
		return { itemIndex, wire, phone: phone.e164 };
	});
	if ('done' in start) return start.done;
	const { rows } = start;

	const phoneOf = new Map(rows.map((row) => [row.itemIndex, row.phone]));
	const created = await runBatches(this, {
		batches: chunk(rows, start.batchSize),
		itemsOf: (batch) => batch.map((row) => row.itemIndex),
		send: async (batch) => {
			const answer = await insimRequest.call(
				this,
				'/v1/contact',
				{ contacts: batch.map((row) => row.wire) },
				{ timeoutSeconds: start.timeoutSeconds, itemIndex: batch[0].itemIndex },
			);
			const entries = answerEntries(node, answer, batch[0].itemIndex);
			const matched = entriesForPhones(
				batch.map((row) => row.phone),
				entries,
				(entry) => entry.phonenumber ?? entry.phone_number,
			);
			return batch.map((row, position) => contactOutcome(node, row, matched[position]));
		},
		skipRestAfter: afterSharedFailure,
		writes: true,
		noun: 'contact',
		itemJson: (itemIndex) => ({ phone_number: phoneOf.get(itemIndex) }),
	});
	return [...start.invalid, ...created];
}

/** `/v1/contact` answers `{ data: { contact: [...] } }`, `{ contact: [...] }` or an array. */
function answerEntries(node: INode, answer: unknown, itemIndex: number): unknown[] {
	const data = isPlainObject(answer) && isPlainObject(answer.data) ? answer.data : undefined;
	if (data && Array.isArray(data.contact)) return data.contact;
	if (isPlainObject(answer) && Array.isArray(answer.contact)) return answer.contact as unknown[];
	if (Array.isArray(answer)) return answer;
	const error = new NodeApiError(
		node,
		{ message: 'unexpected answer' },
		{
			message: 'inSIM answered /v1/contact in an unexpected format',
			description:
				'Expected one entry per contact. inSIM may still have processed them: check the inSIM app before running again.',
			itemIndex,
		},
	);
	error.context.deliveryCertainty = 'unknown';
	throw error;
}

function contactOutcome(node: INode, row: ContactRow, found: IDataObject | undefined): ItemOutcome {
	if (found === undefined) {
		const missing = missingEntryError(
			node,
			row.itemIndex,
			row.phone,
			'The contact may or may not have been created: check the inSIM app before running it again.',
		);
		return {
			itemIndex: row.itemIndex,
			error: missing,
			json: { phone_number: row.phone, mayHaveBeenProcessed: true },
		};
	}
	const entry = found;
	const codes = (Array.isArray(entry.errors) ? entry.errors : entry.errors ? [entry.errors] : [])
		.map((code) => String(code).trim())
		.map((code) => (code.startsWith('#') ? code : `#${code.padStart(3, '0')}`));
	const problems = codes.map((code) => ({
		code,
		message: CONTACT_CODES[code]?.text ?? `inSIM error ${code}`,
		warningOnly: CONTACT_CODES[code]?.warningOnly ?? false,
	}));
	const created = String(entry.result ?? '').toLowerCase() === 'success';
	const blocking = problems.filter((problem) => !problem.warningOnly);
	const warnings = problems.filter((problem) => problem.warningOnly);
	if (row.wire.email && !EMAIL_PATTERN.test(row.wire.email) && warnings.length === 0 && created) {
		// inSIM did not flag it; still tell the user the address looks wrong.
		warnings.push({ code: 'local', message: 'the email address looks invalid', warningOnly: true });
	}

	const json: IDataObject = {
		success: created && blocking.length === 0,
		firstname: entry.firstname ?? entry.first_name ?? row.wire.firstname,
		lastname: entry.lastname ?? entry.last_name ?? row.wire.lastname,
		phone_number: entry.phonenumber ?? entry.phone_number ?? row.phone,
		email: row.wire.email,
		address: row.wire.adress,
		result: entry.result,
		errors: codes,
		warnings: warnings.map(
			(warning) => `${warning.code === 'local' ? '' : `${warning.code} `}${warning.message}`,
		),
	};
	if (json.success) {
		// A created contact shows no error-looking field: a warning code (#004) is in `warnings`.
		delete json.errors;
		return { itemIndex: row.itemIndex, json, accepted: true };
	}

	const reasons = blocking.length
		? blocking.map((problem) => `${problem.code} ${problem.message}`).join(', ')
		: `result "${String(entry.result ?? 'missing')}"`;
	const error = new NodeApiError(
		node,
		{ message: 'contact not created' },
		{
			message: `inSIM did not create the contact ${row.phone}: ${reasons}`,
			description: 'The other contacts of the same request are not affected.',
			itemIndex: row.itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return { itemIndex: row.itemIndex, error, json: { ...json, mayHaveBeenProcessed: false } };
}
