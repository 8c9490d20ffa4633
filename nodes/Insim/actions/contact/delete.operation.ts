import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_DELETE } from '../../contracts/reads';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [contactIdProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

/** API v2 `contacts/delete` (a soft delete: the contact disappears from every read). */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const id = readContactId(this, itemIndex);
		// `success: true` is the vendor clients' test of a delete; an explicit `deleted` wins.
		const { fields } = await callAndRead(
			this,
			CONTACT_DELETE,
			{ id_contact: id },
			itemIndex,
			CONTACT_FIELD_LABELS,
		);
		return { id, deleted: fields.deleted ?? true };
	},
);
