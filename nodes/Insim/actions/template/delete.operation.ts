import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

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
			await insimV2Request.call(
				this,
				'templates/delete',
				{ template_id: templateId },
				{ itemIndex, fieldLabels: { template_id: 'Template' } },
			);
			return { id: templateId, deleted: true };
		},
	});
}
