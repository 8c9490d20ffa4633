import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { TEMPLATE_DELETE } from '../../contracts/reads';
import { resourceLocatorProperty } from '../v2.descriptions';
import { deleteByLocatorOperation } from '../v2Call';

const properties: INodeProperties[] = [
	resourceLocatorProperty('template', { description: 'The template to delete' }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['delete'] } },
	properties,
);

/** API v2 `templates/delete`. */
export const execute = deleteByLocatorOperation({
	contract: TEMPLATE_DELETE,
	parameter: 'templateId',
	field: 'template_id',
	label: 'Template',
});
