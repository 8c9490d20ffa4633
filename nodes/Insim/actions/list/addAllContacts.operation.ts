import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LIST_ADD_ALL } from '../../contracts/reads';
import { locatorId } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [resourceLocatorProperty('list')];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['addAllContacts'] } },
	properties,
);

/** API v2 `lists/contacts/addall`: every contact of the account joins the list. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const listId = locatorId(this, 'listId', itemIndex, 'List');
		// The counts inSIM gives (added, skipped, total); one it leaves out stays out.
		return {
			listId,
			...(
				await callAndRead(this, LIST_ADD_ALL, { list_id: listId }, itemIndex, { list_id: 'List' })
			).fields,
		};
	},
);
