import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { STATS_CLICKS } from '../../contracts/reads';
import { getManyRecords } from '../getMany';
import { limitProperty, returnAllProperty } from '../v2.descriptions';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [returnAllProperty(), limitProperty(100)];

export const description = updateDisplayOptions(
	{ show: { resource: ['stat'], operation: ['getClicks'] } },
	properties,
);

/** API v2 `stats/clicks`: one output item per click on a tracked link (which link, who, when). */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		return await getManyRecords(this, itemIndex, {
			contract: STATS_CLICKS,
			body: {},
			fieldLabels: { limit: 'Limit' },
		});
	},
);
