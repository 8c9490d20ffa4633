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
import type { PreparedRow } from '../sendInBatches';
import { isObject, sendInBatches } from '../sendInBatches';
import { batchSizeOption, phoneNumberProperty, timeoutOption } from '../common.descriptions';
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
	const outcomes: ItemOutcome[] = [];
	const rows: Array<PreparedRow<ContactWire>> = [];
	const readParameter = itemParameterReader(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const rawPhone = readParameter('phoneNumber', itemIndex, '');
		const phone = normalizePhoneNumber(rawPhone);
		if (!phone.ok) {
			const error = invalidFieldError(node, itemIndex, 'Phone Number', rawPhone, phone.reason);
			outcomes.push({ itemIndex, error });
			continue;
		}
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
		rows.push({ itemIndex, wire, phone: phone.e164 });
	}

	if (stopOnFirstError && outcomes.length > 0) return outcomes;

	const created = await sendInBatches(this, {
		rows,
		batchSize,
		timeoutSeconds,
		path: '/v1/contact',
		noun: 'contact',
		stopOnFirstError,
		buildBody: (contacts) => ({ contacts }),
		answerEntries: (answer) => {
			const data = isObject(answer) && isObject(answer.data) ? answer.data : undefined;
			if (data && Array.isArray(data.contact)) return data.contact;
			if (isObject(answer) && Array.isArray(answer.contact)) return answer.contact as unknown[];
			return Array.isArray(answer) ? answer : undefined;
		},
		entryPhone: (entry) => entry.phonenumber ?? entry.phone_number,
		toOutcome: (row, entry) => contactOutcome(this, row, entry),
	});
	return [...outcomes, ...created];
}

function contactOutcome(
	ctx: IExecuteFunctions,
	row: PreparedRow<ContactWire>,
	entry: IDataObject,
): ItemOutcome {
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
		ctx.getNode(),
		{ message: 'contact not created' },
		{
			message: `inSIM did not create the contact ${row.phone}: ${reasons}`,
			description: 'The other contacts of the same request are not affected.',
			itemIndex: row.itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return { itemIndex: row.itemIndex, error, json };
}
