import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { OPTION_CREATE } from '../../contracts/reads';
import { requiredTextParameter } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Appointment booked',
		description: 'Name of the new qualification option, as shown in the inSIM app',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['createOption'] } },
	properties,
);

/** API v2 `qualifications/options/create`. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const label = requiredTextParameter(this, 'label', itemIndex, 'Label');
		const option = (
			await callAndRead(this, OPTION_CREATE, { label }, itemIndex, { label: 'Label' })
		).record;
		return { ...option, label: option.label ?? label };
	},
);
