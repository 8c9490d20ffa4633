import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LIST_DELETE } from '../../contracts/reads';
import { resourceLocatorProperty } from '../v2.descriptions';
import { deleteByLocatorOperation } from '../v2Call';

const properties: INodeProperties[] = [resourceLocatorProperty('list')];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['delete'] } },
	properties,
);

/** API v2 `lists/delete`: the list goes; its contacts stay in the account. */
export const execute = deleteByLocatorOperation({
	contract: LIST_DELETE,
	parameter: 'listId',
	field: 'list_id',
	label: 'List',
});
