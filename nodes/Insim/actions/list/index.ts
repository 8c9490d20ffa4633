import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as addAllContacts from './addAllContacts.operation';
import * as addContacts from './addContacts.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as removeContacts from './removeContacts.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = {
	addAllContacts,
	addContacts,
	create,
	delete: del,
	get,
	getMany,
	removeContacts,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['list'] } },
		options: [
			{
				name: 'Add All Contacts',
				value: 'addAllContacts',
				description: 'Put every contact of the account into a list',
				action: 'Add all contacts to a list',
			},
			{
				name: 'Add Contacts',
				value: 'addContacts',
				description: 'Add contacts to a list by their IDs',
				action: 'Add contacts to a list',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact list',
				action: 'Create a list',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a list (its contacts stay in the account)',
				action: 'Delete a list',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a list and its members',
				action: 'Get a list',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many contact lists',
				action: 'Get many lists',
			},
			{
				name: 'Remove Contacts',
				value: 'removeContacts',
				description: 'Remove contacts from a list by their IDs',
				action: 'Remove contacts from a list',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a list or change its description',
				action: 'Update a list',
			},
		],
		default: 'getMany',
	},
	...addAllContacts.description,
	...addContacts.description,
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...removeContacts.description,
	...update.description,
];
