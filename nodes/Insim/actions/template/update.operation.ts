import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { TEMPLATE_UPDATE } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { MESSAGE_DESCRIPTION } from './placeholders';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	resourceLocatorProperty('template', { description: 'The template to change' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; the others keep their current value',
		options: [
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: '',
				typeOptions: { rows: 4 },
				description: MESSAGE_DESCRIPTION,
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the template',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['update'] } },
	properties,
);

/** API v2 `templates/update`: sends only the fields given, as the vendor's clients do. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const templateId = locatorId(this, 'templateId', itemIndex, 'Template');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const name = typeof fields.name === 'string' ? fields.name.trim() : '';
		const message = typeof fields.message === 'string' ? fields.message : '';
		if (name === '' && message.trim() === '') {
			throw invalidFieldError(
				this.getNode(),
				itemIndex,
				'Update Fields',
				fields,
				'give a new Name or a new Message (an empty one would change nothing)',
			);
		}
		// Empty values are dropped before sending: only the fields given change.
		const { record } = await callAndRead(
			this,
			TEMPLATE_UPDATE,
			{ template_id: templateId, name, message: message.trim() === '' ? undefined : message },
			itemIndex,
			{ template_id: 'Template', name: 'Name', message: 'Message' },
		);
		return record === undefined
			? {
					id: templateId,
					...(name !== '' ? { name } : {}),
					...(message.trim() !== '' ? { message } : {}),
				}
			: { ...record, id: record.id ?? templateId };
	},
);
