import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredTextParameter } from '../../helpers/v2Parameters';

/** inSIM's contact field names → this node's field names, so API errors name the node field. */
export const CONTACT_FIELD_LABELS: Record<string, string> = {
	id_contact: 'Contact ID',
	phone_number: 'Phone Number',
	firstname: 'First Name',
	lastname: 'Last Name',
	email: 'Email',
	address: 'Address',
};

/** What Simplify keeps of a contact. */
export const SIMPLE_CONTACT_FIELDS = [
	'id',
	'firstname',
	'lastname',
	'phone_number',
	'email',
	'company',
	'tags',
	'pro',
];

/** Contacts are too many for a picker: a plain, required ID field. */
export function contactIdProperty(): INodeProperties {
	return {
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
		description: 'The ID of the contact, as given by Get Many, Search or Find by Phone',
	};
}

export function readContactId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredTextParameter(ctx, 'contactId', itemIndex, 'Contact ID');
}
