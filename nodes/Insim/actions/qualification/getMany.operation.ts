import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { QUALIFICATIONS } from '../../contracts/reads';
import { apiDateRange, phoneForApi } from '../../helpers/v2Parameters';
import { getManyRecords } from '../getMany';
import {
	dateFromOption,
	dateToOption,
	limitProperty,
	resourceLocatorProperty,
	returnAllProperty,
} from '../v2.descriptions';
import { filtersCollection } from '../common.descriptions';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	returnAllProperty(),
	limitProperty(100),
	filtersCollection([
		{ ...dateFromOption(), description: 'Only calls qualified on or after this day' },
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+33612345678',
			description:
				'Only calls with this number, in international format (+33…) or the national form inSIM shows (06…)',
		},
		{
			...resourceLocatorProperty('qualificationOption', {
				required: false,
				description: 'Only calls qualified with this option',
			}),
		},
		{ ...dateToOption(), description: 'Only calls qualified on or before this day' },
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['getMany'] } },
	properties,
);

const FIELD_LABELS = {
	phone_number: 'Phone Number',
	option_id: 'Qualification Option',
	date_from: 'From Date',
	date_to: 'To Date',
	limit: 'Limit',
};

/**
 * API v2 `qualifications`: the calls that were given a qualification option. No vendor client
 * pages it; if inSIM answers with a cursor anyway, Return All follows it.
 */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const optionId = this.getNodeParameter('filters.qualificationOptionId', itemIndex, '', {
			extractValue: true,
		});
		const phone = String(filters.phoneNumber ?? '').trim();
		const body: IDataObject = {
			phone_number:
				phone === ''
					? undefined
					: phoneForApi(this, phone, itemIndex, 'Phone Number', { localAllowed: true }),
			option_id: typeof optionId === 'string' ? optionId.trim() : optionId,
			...apiDateRange(this, filters, itemIndex),
		};
		return await getManyRecords(this, itemIndex, {
			contract: QUALIFICATIONS,
			body,
			fieldLabels: FIELD_LABELS,
		});
	},
);
