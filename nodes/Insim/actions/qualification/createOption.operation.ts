import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { OPTION_CREATE } from '../../contracts/reads';
import { requiredText } from '../../helpers/v2Parameters';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { callAndRead } from '../v2Call';

const properties: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Appointment booked',
		description: 'Name of the new qualification option, as shown in the inSIM app',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['createOption'] } },
	properties,
);

/** API v2 `qualifications/options/create`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const label = requiredText(
				this,
				this.getNodeParameter('label', itemIndex, ''),
				itemIndex,
				'Label',
			);
			const option = (
				await callAndRead(this, OPTION_CREATE, { label }, itemIndex, { label: 'Label' })
			).record;
			return { ...option, label: option.label ?? label };
		},
	});
}
