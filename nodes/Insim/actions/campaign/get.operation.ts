import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CAMPAIGN_DETAIL } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { withStatusText } from './status';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [resourceLocatorProperty('campaign')];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['get'] } },
	properties,
);

/** API v2 `campaigns/detail`: one campaign, its status and its recipient count. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const campaignId = locatorId(this, 'campaignId', itemIndex, 'Campaign');
		return withStatusText(
			(
				await callAndRead(this, CAMPAIGN_DETAIL, { campaign_id: campaignId }, itemIndex, {
					campaign_id: 'Campaign',
				})
			).record,
		);
	},
);
