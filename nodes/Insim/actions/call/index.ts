import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as clickToCall from './clickToCall.operation';
import * as getMany from './getMany.operation';
import * as qualify from './qualify.operation';

export const operations: Record<string, OperationModule> = { clickToCall, getMany, qualify };

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
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Get the phone's call log, filtered by type, number, qualification or date",
				action: 'Get many calls',
			},
			{
				name: 'Qualify',
				value: 'qualify',
				description: 'Attach a qualification category and a note to a call',
				action: 'Qualify a call',
			},
		],
		default: 'clickToCall',
	},
	...clickToCall.description,
	...getMany.description,
	...qualify.description,
];
