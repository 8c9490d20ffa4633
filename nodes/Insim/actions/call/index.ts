import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as clickToCall from './clickToCall.operation';

export const operations: Record<string, OperationModule> = { clickToCall };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Click-to-Call',
				value: 'clickToCall',
				description: 'Make the phone running inSIM dial a number',
				action: 'Start a call from the phone',
			},
		],
		default: 'clickToCall',
	},
	...clickToCall.description,
];
