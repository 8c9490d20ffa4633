import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { OPTION_CREATE } from '../../contracts/reads';
import { requiredText } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';

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
			const answer = await insimV2Request.call(
				this,
				OPTION_CREATE.endpoint,
				{ label },
				{ itemIndex, fieldLabels: { label: 'Label' } },
			);
			const option = readAnswer(this.getNode(), OPTION_CREATE, answer, itemIndex).record;
			return { ...option, label: option.label ?? label };
		},
	});
}
