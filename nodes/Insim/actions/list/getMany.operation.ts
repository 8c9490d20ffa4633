import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getManyRecords } from '../getMany';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { limitProperty, returnAllProperty } from '../v2.descriptions';

const properties: INodeProperties[] = [returnAllProperty(), limitProperty()];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['getMany'] } },
	properties,
);

/** API v2 `lists`: every list of the account. The endpoint takes no limit, so Limit cuts here. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) =>
			await getManyRecords(this, itemIndex, {
				endpoint: 'lists',
				body: {},
				listKey: 'lists',
				sendsLimit: false,
			}),
	});
}
