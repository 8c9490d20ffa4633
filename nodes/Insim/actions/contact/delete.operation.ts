import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { CONTACT_DELETE } from '../../contracts/reads';
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
			const answer = await insimV2Request.call(
				this,
				CONTACT_DELETE.endpoint,
				{ id_contact: id },
				{ itemIndex, fieldLabels: CONTACT_FIELD_LABELS },
			);
			// `success: true` is the vendor clients' test of a delete; an explicit `deleted` wins.
			const { fields } = readAnswer(this.getNode(), CONTACT_DELETE, answer, itemIndex);
			return { id, deleted: fields.deleted ?? true };
		},
	});
}
