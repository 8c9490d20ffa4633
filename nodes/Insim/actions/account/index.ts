import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as get from './get.operation';
import * as getWebhooks from './getWebhooks.operation';
import * as updateWebhooks from './updateWebhooks.operation';

export const operations: Record<string, OperationModule> = { get, getWebhooks, updateWebhooks };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the plan, SMS credits and status of the inSIM account',
				action: 'Get the account',
			},
			{
				name: 'Get Webhooks',
				value: 'getWebhooks',
				description: 'Get the five URLs inSIM calls when events happen',
				action: 'Get webhook settings',
			},
			{
				name: 'Update Webhooks',
				value: 'updateWebhooks',
				description: 'Change some of the URLs inSIM calls, keeping the others',
				action: 'Update webhook settings',
			},
		],
		default: 'get',
	},
	...get.description,
	...getWebhooks.description,
	...updateWebhooks.description,
];
