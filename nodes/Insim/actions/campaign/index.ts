import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as start from './start.operation';

export const operations: Record<string, OperationModule> = { cancel, create, get, getMany, start };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a campaign that has not started',
				action: 'Cancel a campaign',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an SMS campaign (nothing is sent until it is started)',
				action: 'Create a campaign',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a campaign, its status and its recipient count',
				action: 'Get a campaign',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many campaigns',
				action: 'Get many campaigns',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Send a ready campaign to all its recipients (premium; sends real SMS)',
				action: 'Start a campaign',
			},
		],
		default: 'getMany',
	},
	...cancel.description,
	...create.description,
	...get.description,
	...getMany.description,
	...start.description,
];
