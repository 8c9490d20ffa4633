import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { STATS_CLICKS } from '../../contracts/reads';
import { getManyRecords } from '../getMany';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { limitProperty, returnAllProperty } from '../v2.descriptions';

const properties: INodeProperties[] = [returnAllProperty(), limitProperty(100)];

export const description = updateDisplayOptions(
	{ show: { resource: ['stat'], operation: ['getClicks'] } },
	properties,
);

/** API v2 `stats/clicks`: one output item per click on a tracked link (which link, who, when). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) =>
			await getManyRecords(this, itemIndex, {
				contract: STATS_CLICKS,
				body: {},
				fieldLabels: { limit: 'Limit' },
			}),
	});
}
