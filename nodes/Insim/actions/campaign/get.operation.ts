import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CAMPAIGN_DETAIL } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';
import { withStatusText } from './status';
import { callAndRead } from '../v2Call';

const properties: INodeProperties[] = [resourceLocatorProperty('campaign')];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['get'] } },
	properties,
);

/** API v2 `campaigns/detail`: one campaign, its status and its recipient count. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const campaignId = locatorId(this, 'campaignId', itemIndex, 'Campaign');
			return withStatusText(
				(
					await callAndRead(this, CAMPAIGN_DETAIL, { campaign_id: campaignId }, itemIndex, {
						campaign_id: 'Campaign',
					})
				).record,
			);
		},
	});
}
