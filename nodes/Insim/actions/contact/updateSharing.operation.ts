import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { readAnswer } from '../../contracts/reader';
import { CONTACT_SWITCH_PRO } from '../../contracts/reads';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';

const SHARING = { team: true, personal: false } as const;

const properties: INodeProperties[] = [
	contactIdProperty(),
	{
		displayName: 'Shared With',
		name: 'sharing',
		type: 'options',
		options: [
			{
				name: 'Team (Pro)',
				value: 'team',
				description: 'A Pro contact: everyone on the inSIM account sees it',
			},
			{
				name: 'Only Me (Personal)',
				value: 'personal',
				description: 'A personal contact: private to its owner',
			},
		],
		default: 'team',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['updateSharing'] } },
	properties,
);

/** API v2 `contacts/switch_pro`: `pro: true` shares the contact with the team. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const id = readContactId(this, itemIndex);
			const sharing = this.getNodeParameter('sharing', itemIndex, 'team');
			if (sharing !== 'team' && sharing !== 'personal') {
				throw invalidFieldError(
					this.getNode(),
					itemIndex,
					'Shared With',
					sharing,
					'must be team or personal',
				);
			}
			const pro = SHARING[sharing];
			const answer = await insimV2Request.call(
				this,
				CONTACT_SWITCH_PRO.endpoint,
				{ id_contact: id, pro },
				{ itemIndex, fieldLabels: { ...CONTACT_FIELD_LABELS, pro: 'Shared With' } },
			);
			// The answer's `pro` when it gives one, else the value inSIM accepted with success.
			const { fields } = readAnswer(this.getNode(), CONTACT_SWITCH_PRO, answer, itemIndex);
			return { id, pro: fields.pro ?? pro };
		},
	});
}
