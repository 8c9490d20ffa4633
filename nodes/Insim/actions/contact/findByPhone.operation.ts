import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FIND_CONTACT } from '../../contracts/reads';
import { phoneForApi } from '../../helpers/v2Parameters';
import { phoneNumberProperty } from '../common.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	phoneNumberProperty(
		'The number to look for, international (+33612345678) or local as dialled in its country (0612345678, 20123456). Each contact found is one output item.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['findByPhone'] } },
	properties,
);

/** API v2 `find_contact`: the contacts with this number (none, one, or several). */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const phone = phoneForApi(
			this,
			this.getNodeParameter('phoneNumber', itemIndex, ''),
			itemIndex,
			'Phone Number',
			{ localAllowed: true },
		);
		return (
			await callAndRead(this, FIND_CONTACT, { phone_number: phone }, itemIndex, {
				phone_number: 'Phone Number',
			})
		).records;
	},
);
