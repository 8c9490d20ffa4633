import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { CONTACT_DETAIL } from '../../contracts/reads';
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
				CONTACT_DETAIL.endpoint,
				{ id_contact: readContactId(this, itemIndex) },
				{ itemIndex, fieldLabels: CONTACT_FIELD_LABELS },
			);
			return readAnswer(this.getNode(), CONTACT_DETAIL, answer, itemIndex).record;
		},
	});
}
