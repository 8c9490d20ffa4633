import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CALLS } from '../../contracts/reads';
import { invalidFieldError } from '../../helpers/itemErrors';
import { apiDateRange, phoneForApi } from '../../helpers/v2Parameters';
import { getManyRecords } from '../getMany';
import { dateFromOption, dateToOption, limitProperty, returnAllProperty } from '../v2.descriptions';
import { filtersCollection } from '../common.descriptions';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	returnAllProperty(),
	limitProperty(),
	filtersCollection([
		dateFromOption(),
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+33612345678',
			description: 'Only calls with this number (international or local form)',
		},
		{
			displayName: 'Qualified',
			name: 'qualified',
			type: 'options',
			options: [
				{ name: 'Any', value: 'any' },
				{
					name: 'Not Qualified',
					value: 'false',
					description: 'Only calls without a qualification',
				},
				{ name: 'Qualified', value: 'true', description: 'Only calls with a qualification' },
			],
			default: 'any',
		},
		dateToOption(),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Blocked', value: 'blocked' },
				{ name: 'Incoming', value: 'incoming' },
				{ name: 'Missed', value: 'missed' },
				{ name: 'Outgoing', value: 'outgoing' },
				{ name: 'Voicemail', value: 'voicemail' },
			],
			default: 'all',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getMany'] } },
	properties,
);

const FIELD_LABELS = {
	type: 'Type',
	phone_number: 'Phone Number',
	qualified: 'Qualified',
	date_from: 'From Date',
	date_to: 'To Date',
	limit: 'Limit',
};

/** `qualified` as inSIM takes it: a boolean, or nothing for "any". */
function qualifiedFilter(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): boolean | undefined {
	if (value === undefined || value === '' || value === 'any') return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw invalidFieldError(
		ctx.getNode(),
		itemIndex,
		'Qualified',
		value,
		'must be any, true or false',
	);
}

/** API v2 `calls`: the phone's call log, newest first as inSIM lists it, one output item per call. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const phone = String(filters.phoneNumber ?? '').trim();
		const dates = apiDateRange(this, filters, itemIndex);
		const body: IDataObject = {
			type: filters.type,
			phone_number:
				phone === ''
					? undefined
					: phoneForApi(this, phone, itemIndex, 'Phone Number', { localAllowed: true }),
			qualified: qualifiedFilter(this, filters.qualified, itemIndex),
			...dates,
		};
		return await getManyRecords(this, itemIndex, {
			contract: CALLS,
			body,
			fieldLabels: FIELD_LABELS,
		});
	},
);
