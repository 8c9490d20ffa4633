import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDashboardUrls } from '../../helpers/webhookSettings';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getWebhooks'] } },
	properties,
);

/** API v2 `account/webhooks` with `action: get`: the five callback URLs, '' where none is set. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		return { ...(await readDashboardUrls.call(this, { itemIndex })) };
	},
);
