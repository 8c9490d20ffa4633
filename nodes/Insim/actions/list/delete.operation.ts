import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';

const properties: INodeProperties[] = [resourceLocatorProperty('list')];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['delete'] } },
	properties,
);

/** API v2 `lists/delete`: the list goes; its contacts stay in the account. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const listId = locatorId(this, 'listId', itemIndex, 'List');
			await insimV2Request.call(
				this,
				'lists/delete',
				{ list_id: listId },
				{ itemIndex, fieldLabels: { list_id: 'List' } },
			);
			return { id: listId, deleted: true };
		},
	});
}
