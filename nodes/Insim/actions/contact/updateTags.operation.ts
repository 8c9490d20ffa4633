import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { CONTACT_TAGS } from '../../contracts/reads';
import { textList } from '../../helpers/v2Parameters';
import { CONTACT_FIELD_LABELS, contactIdProperty, readContactId } from './fields';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	contactIdProperty(),
	{
		displayName: 'Tags to Add',
		name: 'tagsToAdd',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer, vip',
		description: 'Comma-separated tags to put on the contact',
	},
	{
		displayName: 'Tags to Remove',
		name: 'tagsToRemove',
		type: 'string',
		default: '',
		placeholder: 'e.g. prospect',
		description: 'Comma-separated tags to take off the contact',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['updateTags'] } },
	properties,
);

/** API v2 `contacts/tags`: adds and removes tags in one call; outputs the tags after the change. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const id = readContactId(this, itemIndex);
		const rawAdd = this.getNodeParameter('tagsToAdd', itemIndex, '');
		const add = textList(rawAdd);
		const remove = textList(this.getNodeParameter('tagsToRemove', itemIndex, ''));
		if (add.length === 0 && remove.length === 0) {
			throw invalidFieldError(
				this.getNode(),
				itemIndex,
				'Tags to Add',
				rawAdd,
				'give at least one tag to add or to remove',
			);
		}
		const both = add.find((tag) => remove.includes(tag));
		if (both !== undefined) {
			throw invalidFieldError(
				this.getNode(),
				itemIndex,
				'Tags to Add',
				rawAdd,
				`"${both}" is also in Tags to Remove`,
			);
		}
		// The tags after the change when inSIM gives them; else what was asked, never an empty list.
		const { fields } = await callAndRead(
			this,
			CONTACT_TAGS,
			{ id_contact: id, add, remove },
			itemIndex,
			{ ...CONTACT_FIELD_LABELS, add: 'Tags to Add', remove: 'Tags to Remove' },
		);
		return fields.tags !== undefined
			? { id, tags: fields.tags }
			: { id, tagsAdded: add, tagsRemoved: remove };
	},
);
