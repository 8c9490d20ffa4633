import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { CUSTOM_FIELDS } from '../../contracts/reads';
import { insimV2Request } from '../../transport';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getCustomFields'] } },
	properties,
);

/**
 * API v2 `contacts/custom_fields`: the account's custom contact fields (usable in templates as
 * `{custom.<key>}`), one output item per field, read as its contract declares (CUSTOM_FIELDS).
 */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const answer = await insimV2Request.call(this, CUSTOM_FIELDS.endpoint, {}, { itemIndex });
		return readAnswer(this.getNode(), CUSTOM_FIELDS, answer, itemIndex).records;
	},
);
