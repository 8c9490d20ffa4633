import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CAMPAIGNS } from '../../contracts/reads';
import { getManyRecords } from '../getMany';
import { limitProperty, returnAllProperty } from '../v2.descriptions';
import { withStatusText } from './status';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [returnAllProperty(), limitProperty(100)];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getMany'] } },
	properties,
);

/** API v2 `campaigns`: 100 a page at most; Return All follows inSIM's cursor when it gives one. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		return (
			await getManyRecords(this, itemIndex, {
				contract: CAMPAIGNS,
				body: {},
			})
		).map(withStatusText);
	},
);
