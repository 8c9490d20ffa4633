import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SMS_DETAIL } from '../../contracts/reads';
import { requiredTextParameter } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';
import { requiredTextProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	requiredTextProperty(
		'SMS ID',
		'smsId',
		'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
		'ID of the SMS, as Get Many lists it',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['get'] } },
	properties,
);

/** API v2 `sms/detail`: one SMS with its link-click tracking. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const smsId = requiredTextParameter(this, 'smsId', itemIndex, 'SMS ID');
		return (await callAndRead(this, SMS_DETAIL, { sms_id: smsId }, itemIndex, { sms_id: 'SMS ID' }))
			.record;
	},
);
