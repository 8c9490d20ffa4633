import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { LIST_ADD_ALL } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';

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
				LIST_ADD_ALL.endpoint,
				{ list_id: listId },
				{ itemIndex, fieldLabels: { list_id: 'List' } },
			);
			// The counts inSIM gives (added, skipped, total); one it leaves out stays out.
			return { listId, ...readAnswer(this.getNode(), LIST_ADD_ALL, answer, itemIndex).fields };
		},
	});
}
