import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as get from './get.operation';
import * as getConversation from './getConversation.operation';
import * as getDeliveryStatus from './getDeliveryStatus.operation';
import * as getMany from './getMany.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';

export const operations: Record<string, OperationModule> = {
	get,
	getConversation,
	getDeliveryStatus,
	getMany,
	send,
	sendAndWait,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one SMS with its link-click tracking',
				action: 'Get an SMS',
			},
			{
				name: 'Get Conversation',
				value: 'getConversation',
				description: 'Get the SMS exchanged with one number, oldest first',
				action: 'Get a conversation',
			},
			{
				name: 'Get Delivery Status',
				value: 'getDeliveryStatus',
				description: 'Get whether SMS were delivered, batched for many items',
				action: 'Get the delivery status of an SMS',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the SMS history, filtered by direction, number, date or status',
				action: 'Get many SMS',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS from the phone running inSIM, batched for many items',
				action: 'Send an SMS',
			},
			{
				name: 'Send and Wait for Response',
				value: 'sendAndWait',
				description:
					'Ask a person by SMS (approve, decline or answer a form) and wait for their answer',
				action: 'Send an SMS and wait for response',
			},
		],
		default: 'send',
	},
	...send.description,
	...sendAndWait.description,
	...get.description,
	...getConversation.description,
	...getDeliveryStatus.description,
	...getMany.description,
];
