import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CAMPAIGN_CANCEL } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	resourceLocatorProperty('campaign', {
		description: 'The campaign to cancel. Only a campaign that has not started can be cancelled.',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['cancel'] } },
	properties,
);

/** API v2 `campaigns/cancel`: inSIM cancels only a ready (0) or recipient-less (2) campaign. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const campaignId = locatorId(this, 'campaignId', itemIndex, 'Campaign');
		// `cancelled` as inSIM gives it; `success: true` alone is the vendor clients' test.
		const { fields } = await callAndRead(
			this,
			CAMPAIGN_CANCEL,
			{ campaign_id: campaignId },
			itemIndex,
			{ campaign_id: 'Campaign' },
		);
		return { id: campaignId, cancelled: fields.cancelled ?? true };
	},
);
