import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { ACCOUNT } from '../../contracts/reads';
import { insimV2Request } from '../../transport';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

/** API v2 `account`: plan, SMS credits, whether the account is active, connected phones. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const answer = await insimV2Request.call(this, ACCOUNT.endpoint, {}, { itemIndex });
		return readAnswer(this.getNode(), ACCOUNT, answer, itemIndex).record;
	},
);
