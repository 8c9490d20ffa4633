import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { CONTACT_SWITCH_PRO } from '../../contracts/reads';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

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
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
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
		// The answer's `pro` when it gives one, else the value inSIM accepted with success.
		const { fields } = await callAndRead(
			this,
			CONTACT_SWITCH_PRO,
			{ id_contact: id, pro },
			itemIndex,
			{ ...CONTACT_FIELD_LABELS, pro: 'Shared With' },
		);
		return { id, pro: fields.pro ?? pro };
	},
);
