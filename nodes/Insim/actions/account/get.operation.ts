import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { ACCOUNT } from '../../contracts/reads';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

/** API v2 `account`: plan, SMS credits, whether the account is active, connected phones. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const answer = await insimV2Request.call(this, ACCOUNT.endpoint, {}, { itemIndex });
			return readAnswer(this.getNode(), ACCOUNT, answer, itemIndex).record;
		},
	});
}
