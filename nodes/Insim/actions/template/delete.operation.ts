import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { TEMPLATE_DELETE } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';

const properties: INodeProperties[] = [
	resourceLocatorProperty('template', { description: 'The template to delete' }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['delete'] } },
	properties,
);

/** API v2 `templates/delete`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const templateId = locatorId(this, 'templateId', itemIndex, 'Template');
			const answer = await insimV2Request.call(
				this,
				TEMPLATE_DELETE.endpoint,
				{ template_id: templateId },
				{ itemIndex, fieldLabels: { template_id: 'Template' } },
			);
			const { fields } = readAnswer(this.getNode(), TEMPLATE_DELETE, answer, itemIndex);
			return { id: templateId, deleted: fields.deleted ?? true };
		},
	});
}
