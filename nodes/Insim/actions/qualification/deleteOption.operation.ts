import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { OPTION_DELETE } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';

const properties: INodeProperties[] = [
	resourceLocatorProperty('qualificationOption', {
		description: 'The qualification option to delete. Calls already qualified with it keep it.',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['deleteOption'] } },
	properties,
);

/** API v2 `qualifications/options/delete`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const optionId = locatorId(this, 'qualificationOptionId', itemIndex, 'Qualification Option');
			const answer = await insimV2Request.call(
				this,
				OPTION_DELETE.endpoint,
				{ option_id: optionId },
				{ itemIndex, fieldLabels: { option_id: 'Qualification Option' } },
			);
			const { fields } = readAnswer(this.getNode(), OPTION_DELETE, answer, itemIndex);
			return { id: optionId, deleted: fields.deleted ?? true };
		},
	});
}
