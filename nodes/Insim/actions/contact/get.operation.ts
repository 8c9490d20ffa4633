import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOf } from '../../helpers/records';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';

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
			const answer = await insimV2Request.call(
				this,
				'contacts/detail',
				{ id_contact: readContactId(this, itemIndex) },
				{ itemIndex, fieldLabels: CONTACT_FIELD_LABELS },
			);
			return recordOf(answer, 'contact');
		},
	});
}
