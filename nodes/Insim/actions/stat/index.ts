import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getClicks from './getClicks.operation';
import * as getOverview from './getOverview.operation';

export const operations: Record<string, OperationModule> = { getOverview, getClicks };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stat'] } },
		options: [
			{
				name: 'Get Link Clicks',
				value: 'getClicks',
				description: 'Get the clicks on tracked links: which link, who clicked and when',
				action: 'Get link clicks',
			},
			{
				name: 'Get Overview',
				value: 'getOverview',
				description: 'Get SMS, call, link click and contact totals, optionally for a period',
				action: 'Get the activity overview',
			},
		],
		default: 'getOverview',
	},
	...getOverview.description,
	...getClicks.description,
];
