import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { FIND_CONTACT } from '../../contracts/reads';
import { phoneForApi } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { phoneNumberProperty } from '../common.descriptions';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';

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
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const phone = phoneForApi(
				this,
				this.getNodeParameter('phoneNumber', itemIndex, ''),
				itemIndex,
				'Phone Number',
				{ localAllowed: true },
			);
			const answer = await insimV2Request.call(
				this,
				FIND_CONTACT.endpoint,
				{ phone_number: phone },
				{ itemIndex, fieldLabels: { phone_number: 'Phone Number' } },
			);
			return readAnswer(this.getNode(), FIND_CONTACT, answer, itemIndex).records;
		},
	});
}
