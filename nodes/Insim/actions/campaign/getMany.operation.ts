import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CAMPAIGNS } from '../../contracts/reads';
import { getManyRecords } from '../getMany';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { limitProperty, returnAllProperty } from '../v2.descriptions';
import { withStatusText } from './status';

const properties: INodeProperties[] = [returnAllProperty(), limitProperty(100)];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getMany'] } },
	properties,
);

/** API v2 `campaigns`: 100 a page at most; Return All follows inSIM's cursor when it gives one. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) =>
			(
				await getManyRecords(this, itemIndex, {
					contract: CAMPAIGNS,
					body: {},
				})
			).map(withStatusText),
	});
}
