import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { sendAndWaitWebhooks } from './actions/sms/sendAndWait/config';
import { sendAndWaitWebhook } from './actions/sms/sendAndWait/webhook';
import {
	searchCampaigns,
	searchLists,
	searchQualificationOptions,
	searchTemplates,
} from './methods/listSearch';
import { getTimeZones } from '../shared/timeZoneOptions';

export class Insim implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'inSIM',
		name: 'insim',
		icon: { light: 'file:insim.svg', dark: 'file:insim.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send SMS, manage contacts, lists, campaigns and templates, and start calls from your own phone with inSIM',
		defaults: { name: 'inSIM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insimApi', required: true }],
		// SMS → Send and Wait for Response: the page its SMS links to resumes the waiting execution.
		webhooks: sendAndWaitWebhooks,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.entries(RESOURCES).map(([value, { name }]) => ({ name, value })),
				default: 'sms',
			},
			...Object.values(RESOURCES).flatMap(({ module }) => module.description),
		],
	};

	methods = {
		loadOptions: { getTimeZones },
		listSearch: { searchCampaigns, searchLists, searchQualificationOptions, searchTemplates },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
