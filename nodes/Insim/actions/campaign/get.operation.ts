import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { CAMPAIGN_DETAIL } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';
import { withStatusText } from './status';

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
			const answer = await insimV2Request.call(
				this,
				CAMPAIGN_DETAIL.endpoint,
				{ campaign_id: campaignId },
				{ itemIndex, fieldLabels: { campaign_id: 'Campaign' } },
			);
			return withStatusText(readAnswer(this.getNode(), CAMPAIGN_DETAIL, answer, itemIndex).record);
		},
	});
}
