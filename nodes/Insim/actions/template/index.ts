import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as getMany from './getMany.operation';
import * as send from './send.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = {
	getMany,
	create,
	update,
	delete: deleteTemplate,
	send,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an SMS template with placeholders',
				action: 'Create a template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a template',
				action: 'Delete a template',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the SMS templates of the account',
				action: 'Get many templates',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a template as SMS to each recipient, placeholders filled in (premium, sends real SMS)',
				action: 'Send a template',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a template's name or message",
				action: 'Update a template',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...create.description,
	...update.description,
	...deleteTemplate.description,
	...send.description,
];
