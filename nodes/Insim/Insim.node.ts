import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './actions/call';
import * as contact from './actions/contact';
import { router } from './actions/router';
import * as sms from './actions/sms';
import { getTimeZones } from './methods/loadOptions';

export class Insim implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'inSIM',
		name: 'insim',
		icon: { light: 'file:insim.svg', dark: 'file:insim.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS, add contacts and start calls from your own phone with inSIM',
		defaults: { name: 'inSIM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insimApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'SMS', value: 'sms' },
				],
				default: 'sms',
			},
			...sms.description,
			...contact.description,
			...call.description,
		],
	};

	methods = { loadOptions: { getTimeZones } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
