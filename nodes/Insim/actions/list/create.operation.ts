import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LIST_CREATE } from '../../contracts/reads';
import { requiredTextParameter } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';
import { requiredTextProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	requiredTextProperty('Name', 'name', 'e.g. Newsletter subscribers', 'Name of the new list'),
	{
		displayName: 'Description',
		name: 'listDescription',
		type: 'string',
		default: '',
		description: 'What the list is for (optional)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['create'] } },
	properties,
);

/** API v2 `lists/create`: an empty list; add members with Add Contacts or Add All Contacts. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const name = requiredTextParameter(this, 'name', itemIndex, 'Name');
		const listDescription = String(
			this.getNodeParameter('listDescription', itemIndex, '') ?? '',
		).trim();
		// inSIM's answer is known to carry the new id only: the sent fields fill the rest.
		const list = (
			await callAndRead(this, LIST_CREATE, { name, description: listDescription }, itemIndex, {
				name: 'Name',
				description: 'Description',
			})
		).record;
		return { id: list.id, name, description: listDescription, ...list };
	},
);
