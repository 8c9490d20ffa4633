import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACTS } from '../../contracts/reads';
import { invalidFieldError } from '../../helpers/itemErrors';
import { pickFields } from '../../helpers/records';
import { getManyRecords } from '../getMany';
import { limitProperty, returnAllProperty, simplifyProperty } from '../v2.descriptions';
import { SIMPLE_CONTACT_FIELDS } from './fields';
import { filtersCollection, optionsCollection } from '../common.descriptions';
import { perItemOperation } from '../perItem';

const SORT_FIELDS = ['date_add', 'lastname', 'firstname'];
const SORT_ORDERS = ['asc', 'desc'];

const properties: INodeProperties[] = [
	returnAllProperty(),
	limitProperty(),
	simplifyProperty(),
	filtersCollection([
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: 'e.g. Dupont',
			description: 'Only contacts whose name, phone number, email or company contains this text',
		},
	]),
	optionsCollection([
		{
			displayName: 'Sort By',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Date Added', value: 'date_add' },
				{ name: 'First Name', value: 'firstname' },
				{ name: 'Last Name', value: 'lastname' },
			],
			default: 'date_add',
		},
		{
			displayName: 'Sort Order',
			name: 'order',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			default: 'desc',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getMany'] } },
	properties,
);

/** API v2 `contacts`: the address book, following inSIM's cursor; one output item per contact. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			search: typeof filters.search === 'string' ? filters.search.trim() : filters.search,
			sort: oneOf(this, options.sort, SORT_FIELDS, itemIndex, 'Sort By'),
			order: oneOf(this, options.order, SORT_ORDERS, itemIndex, 'Sort Order'),
		};
		const contacts = await getManyRecords(this, itemIndex, {
			contract: CONTACTS,
			body,
			fieldLabels: { search: 'Search', sort: 'Sort By', order: 'Sort Order', limit: 'Limit' },
		});
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplify
			? contacts.map((contact) => pickFields(contact, SIMPLE_CONTACT_FIELDS))
			: contacts;
	},
);

/** An options value set by an expression may be anything: check it before sending. */
function oneOf(
	ctx: IExecuteFunctions,
	value: unknown,
	allowed: string[],
	itemIndex: number,
	label: string,
): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value === 'string' && allowed.includes(value)) return value;
	throw invalidFieldError(
		ctx.getNode(),
		itemIndex,
		label,
		value,
		`must be one of ${allowed.join(', ')}`,
	);
}
