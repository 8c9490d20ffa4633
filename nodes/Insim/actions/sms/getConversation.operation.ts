import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SMS_CONVERSATION } from '../../contracts/reads';
import { phoneForApi, positiveWholeNumber } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';
import { phoneNumberProperty } from '../common.descriptions';

/** inSIM's largest `limit`; the conversation has no cursor. */
const MAX_MESSAGES = 100;

const properties: INodeProperties[] = [
	phoneNumberProperty('The other party of the conversation, in international or local form'),
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_MESSAGES },
		default: 50,
		description: 'Max number of results to return',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['getConversation'] } },
	properties,
);

/**
 * API v2 `sms/conversation`: the last `limit` (≤ 100) messages with one number, one output item
 * per SMS, oldest first.
 */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const phoneNumber = phoneForApi(
			this,
			this.getNodeParameter('phoneNumber', itemIndex, ''),
			itemIndex,
			'Phone Number',
			{ localAllowed: true },
		);
		const limit = positiveWholeNumber(
			this,
			this.getNodeParameter('limit', itemIndex, 50),
			itemIndex,
			'Limit',
			MAX_MESSAGES,
		);
		return (
			await callAndRead(this, SMS_CONVERSATION, { phone_number: phoneNumber, limit }, itemIndex, {
				phone_number: 'Phone Number',
				limit: 'Limit',
			})
		).records;
	},
);
