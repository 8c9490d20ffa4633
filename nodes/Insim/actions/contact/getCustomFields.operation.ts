import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { CUSTOM_FIELDS } from '../../contracts/reads';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getCustomFields'] } },
	properties,
);

/**
 * API v2 `contacts/custom_fields`: the account's custom contact fields (usable in templates as
 * `{custom.<key>}`), one output item per field, read as its contract declares (CUSTOM_FIELDS).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const answer = await insimV2Request.call(this, CUSTOM_FIELDS.endpoint, {}, { itemIndex });
			return readAnswer(this.getNode(), CUSTOM_FIELDS, answer, itemIndex).records;
		},
	});
}
