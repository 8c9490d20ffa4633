import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { TEMPLATE_CREATE } from '../../contracts/reads';
import { requiredText } from '../../helpers/v2Parameters';
import { MESSAGE_DESCRIPTION } from './placeholders';
import { messageProperty } from '../common.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

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
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
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
);
