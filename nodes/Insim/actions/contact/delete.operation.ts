import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';

const properties: INodeProperties[] = [contactIdProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

/** API v2 `contacts/delete` (a soft delete: the contact disappears from every read). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const id = readContactId(this, itemIndex);
			await insimV2Request.call(
				this,
				'contacts/delete',
				{ id_contact: id },
				{ itemIndex, fieldLabels: CONTACT_FIELD_LABELS },
			);
			return { id, deleted: true };
		},
	});
}
