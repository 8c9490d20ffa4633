import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDashboardUrls } from '../../helpers/webhookSettings';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getWebhooks'] } },
	properties,
);

/** API v2 `account/webhooks` with `action: get`: the five callback URLs, '' where none is set. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => ({ ...(await readDashboardUrls.call(this, { itemIndex })) }),
	});
}
