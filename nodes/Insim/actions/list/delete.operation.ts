import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { LIST_DELETE } from '../../contracts/reads';
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
			const answer = await insimV2Request.call(
				this,
				LIST_DELETE.endpoint,
				{ list_id: listId },
				{ itemIndex, fieldLabels: { list_id: 'List' } },
			);
			const { fields } = readAnswer(this.getNode(), LIST_DELETE, answer, itemIndex);
			return { id: listId, deleted: fields.deleted ?? true };
		},
	});
}
