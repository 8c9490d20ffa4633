import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { OPTION_UPDATE } from '../../contracts/reads';
import { locatorId, requiredTextParameter } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	resourceLocatorProperty('qualificationOption', {
		description: 'The qualification option to rename',
	}),
	{
		displayName: 'New Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		description: 'The name the option gets',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['updateOption'] } },
	properties,
);

/** API v2 `qualifications/options/update`: renames an option. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const optionId = locatorId(this, 'qualificationOptionId', itemIndex, 'Qualification Option');
		const label = requiredTextParameter(this, 'label', itemIndex, 'New Label');
		const option = (
			await callAndRead(this, OPTION_UPDATE, { option_id: optionId, label }, itemIndex, {
				option_id: 'Qualification Option',
				label: 'New Label',
			})
		).record;
		return { ...option, id: option?.id ?? optionId, label: option?.label ?? label };
	},
);
