import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { LIST_UPDATE } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	resourceLocatorProperty('list'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'New description of the list',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the list',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['update'] } },
	properties,
);

/**
 * API v2 `lists/update`. Only filled fields are sent: whether inSIM reads an empty value as "keep"
 * or "clear" is not documented, so an empty one is never sent.
 */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const listId = locatorId(this, 'listId', itemIndex, 'List');
		const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: IDataObject = {};
		for (const key of ['name', 'description']) {
			const value = typeof given[key] === 'string' ? (given[key] as string).trim() : '';
			if (value !== '') changes[key] = value;
		}
		if (Object.keys(changes).length === 0) {
			throw invalidFieldError(
				this.getNode(),
				itemIndex,
				'Update Fields',
				'',
				'add a Name or a Description with a value to change',
			);
		}
		const { record } = await callAndRead(
			this,
			LIST_UPDATE,
			{ list_id: listId, ...changes },
			itemIndex,
			{ list_id: 'List', name: 'Name', description: 'Description' },
		);
		return { id: listId, ...changes, ...record };
	},
);
