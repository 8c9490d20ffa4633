import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as findByPhone from './findByPhone.operation';
import * as get from './get.operation';
import * as getCustomFields from './getCustomFields.operation';
import * as getMany from './getMany.operation';
import * as search from './search.operation';
import * as updateSharing from './updateSharing.operation';
import * as updateTags from './updateTags.operation';
import * as upsert from './upsert.operation';

export const operations: Record<string, OperationModule> = {
	create,
	delete: deleteContact,
	findByPhone,
	get,
	getCustomFields,
	getMany,
	search,
	updateSharing,
	updateTags,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a contact to the inSIM address book, batched for many items',
				action: 'Create a contact',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact',
				action: 'Delete a contact',
			},
			{
				name: 'Find by Phone',
				value: 'findByPhone',
				description: 'Find the contacts with a phone number, in local or international form',
				action: 'Find contacts by phone number',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact by its ID',
				action: 'Get a contact',
			},
			{
				name: 'Get Custom Fields',
				value: 'getCustomFields',
				description: "List the account's custom contact fields",
				action: 'Get custom contact fields',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many contacts, filtered and sorted',
				action: 'Get many contacts',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find contacts by name, tolerating swapped names, accents and typos',
				action: 'Search contacts by name',
			},
			{
				name: 'Update Sharing',
				value: 'updateSharing',
				description: 'Share a contact with the team (Pro) or keep it personal',
				action: 'Update the sharing of a contact',
			},
			{
				name: 'Update Tags',
				value: 'updateTags',
				description: 'Add and remove tags on a contact',
				action: 'Update the tags of a contact',
			},
		],
		default: 'create',
	},
	...create.description,
	...upsert.description,
	...deleteContact.description,
	...findByPhone.description,
	...get.description,
	...getCustomFields.description,
	...getMany.description,
	...search.description,
	...updateSharing.description,
	...updateTags.description,
];
