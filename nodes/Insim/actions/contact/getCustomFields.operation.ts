import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordsOf } from '../../helpers/records';
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
 * `{custom.<key>}`), one output item per field. The answer's key is not documented: `custom_fields`
 * is read, `fields` as a fallback.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const answer = await insimV2Request.call(this, 'contacts/custom_fields', {}, { itemIndex });
			return Array.isArray(answer.custom_fields)
				? recordsOf(answer, 'custom_fields')
				: recordsOf(answer, 'fields');
		},
	});
}
