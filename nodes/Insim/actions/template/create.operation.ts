import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { TEMPLATE_CREATE } from '../../contracts/reads';
import { requiredText, requiredTextParameter } from '../../helpers/v2Parameters';
import { MESSAGE_DESCRIPTION } from './placeholders';
import { messageProperty, requiredTextProperty } from '../common.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	requiredTextProperty(
		'Name',
		'name',
		'e.g. Appointment reminder',
		'Name of the template, as shown in the inSIM app and in the template picker',
	),
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
		const name = requiredTextParameter(this, 'name', itemIndex, 'Name');
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
