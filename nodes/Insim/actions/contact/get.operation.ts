import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_DETAIL } from '../../contracts/reads';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [contactIdProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

/** API v2 `contacts/detail`: one contact, with its tags, sharing and custom fields. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		return (
			await callAndRead(
				this,
				CONTACT_DETAIL,
				{ id_contact: readContactId(this, itemIndex) },
				itemIndex,
				CONTACT_FIELD_LABELS,
			)
		).record;
	},
);
