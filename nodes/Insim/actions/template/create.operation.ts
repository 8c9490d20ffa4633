import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { TEMPLATE_CREATE } from '../../contracts/reads';
import { requiredText } from '../../helpers/v2Parameters';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { MESSAGE_DESCRIPTION } from './placeholders';
import { messageProperty } from '../common.descriptions';
import { callAndRead } from '../v2Call';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Appointment reminder',
		description: 'Name of the template, as shown in the inSIM app and in the template picker',
	},
	messageProperty({
		placeholder: 'Hello {firstname}, see you on {date}.',
		description: MESSAGE_DESCRIPTION,
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['create'] } },
	properties,
);

/** API v2 `templates/create`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const name = requiredText(
				this,
				this.getNodeParameter('name', itemIndex, ''),
				itemIndex,
				'Name',
			);
			const message = this.getNodeParameter('message', itemIndex, '');
			requiredText(this, message, itemIndex, 'Message');
			const template = (
				await callAndRead(this, TEMPLATE_CREATE, { name, message }, itemIndex, {
					name: 'Name',
					message: 'Message',
				})
			).record;
			return { ...template, name: template.name ?? name, message: template.message ?? message };
		},
	});
}
