import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_DETAIL } from '../../contracts/reads';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';
import { callAndRead } from '../v2Call';

const properties: INodeProperties[] = [contactIdProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

/** API v2 `contacts/detail`: one contact, with its tags, sharing and custom fields. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
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
	});
}
