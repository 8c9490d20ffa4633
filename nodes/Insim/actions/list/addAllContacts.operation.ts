import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';
import { addAllCounts } from './records';

const properties: INodeProperties[] = [resourceLocatorProperty('list')];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['addAllContacts'] } },
	properties,
);

/** API v2 `lists/contacts/addall`: every contact of the account joins the list. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const listId = locatorId(this, 'listId', itemIndex, 'List');
			const answer = await insimV2Request.call(
				this,
				'lists/contacts/addall',
				{ list_id: listId },
				{ itemIndex, fieldLabels: { list_id: 'List' } },
			);
			return { listId, ...addAllCounts(answer) };
		},
	});
}
