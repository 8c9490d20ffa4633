import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as createOption from './createOption.operation';
import * as deleteOption from './deleteOption.operation';
import * as getMany from './getMany.operation';
import * as getManyOptions from './getManyOptions.operation';
import * as getStats from './getStats.operation';
import * as updateOption from './updateOption.operation';

export const operations: Record<string, OperationModule> = {
	getMany,
	getManyOptions,
	createOption,
	updateOption,
	deleteOption,
	getStats,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['qualification'] } },
		options: [
			{
				name: 'Create Option',
				value: 'createOption',
				description: 'Add a qualification option calls can be tagged with',
				action: 'Create a qualification option',
			},
			{
				name: 'Delete Option',
				value: 'deleteOption',
				description: 'Remove a qualification option',
				action: 'Delete a qualification option',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get qualified calls, filtered by number, option or date',
				action: 'Get many qualified calls',
			},
			{
				name: 'Get Many Options',
				value: 'getManyOptions',
				description: 'Get the qualification options of the account',
				action: 'Get many qualification options',
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				description: 'Get the qualification rate and counts by call type and by option',
				action: 'Get qualification statistics',
			},
			{
				name: 'Update Option',
				value: 'updateOption',
				description: 'Rename a qualification option',
				action: 'Update a qualification option',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getManyOptions.description,
	...createOption.description,
	...updateOption.description,
	...deleteOption.description,
	...getStats.description,
];
