import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { OPTION_DELETE } from '../../contracts/reads';
import { resourceLocatorProperty } from '../v2.descriptions';
import { deleteByLocatorOperation } from '../v2Call';

const properties: INodeProperties[] = [
	resourceLocatorProperty('qualificationOption', {
		description: 'The qualification option to delete. Calls already qualified with it keep it.',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['deleteOption'] } },
	properties,
);

/** API v2 `qualifications/options/delete`. */
export const execute = deleteByLocatorOperation({
	contract: OPTION_DELETE,
	parameter: 'qualificationOptionId',
	field: 'option_id',
	label: 'Qualification Option',
});
