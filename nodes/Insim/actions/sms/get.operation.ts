import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SMS_DETAIL } from '../../contracts/reads';
import { requiredText } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	{
		displayName: 'SMS ID',
		name: 'smsId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
		description: 'ID of the SMS, as Get Many lists it',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['get'] } },
	properties,
);

/** API v2 `sms/detail`: one SMS with its link-click tracking. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const smsId = requiredText(
			this,
			this.getNodeParameter('smsId', itemIndex, ''),
			itemIndex,
			'SMS ID',
		);
		return (await callAndRead(this, SMS_DETAIL, { sms_id: smsId }, itemIndex, { sms_id: 'SMS ID' }))
			.record;
	},
);
