import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SMS_HISTORY } from '../../contracts/reads';
import { pickFields } from '../../helpers/records';
import { apiDateRange, phoneForApi } from '../../helpers/v2Parameters';
import { getManyRecords } from '../getMany';
import {
	dateFromOption,
	dateToOption,
	limitProperty,
	returnAllProperty,
	simplifyProperty,
} from '../v2.descriptions';
import { filtersCollection } from '../common.descriptions';
import { perItemOperation } from '../perItem';

/** Simplify keeps these; the date key of a listed SMS is not shown by the vendor, so both likely ones. */
const SIMPLE_FIELDS = [
	'id',
	'direction',
	'phone_number',
	'message',
	'status',
	'date',
	'created_at',
];

const properties: INodeProperties[] = [
	returnAllProperty(),
	limitProperty(),
	simplifyProperty(),
	filtersCollection([
		dateFromOption(),
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Inbound', value: 'inbound', description: 'Received by the phone' },
				{ name: 'Outbound', value: 'outbound', description: 'Sent from the phone' },
			],
			default: 'all',
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+33612345678',
			description: 'Only SMS exchanged with this number (international or local form)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'string',
			default: '',
			placeholder: 'sms_receive',
			description:
				'Only SMS with this status, as inSIM stores it: for example 0 for pending or sms_receive for delivered',
		},
		dateToOption(),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['getMany'] } },
	properties,
);

const FIELD_LABELS = {
	direction: 'Direction',
	phone_number: 'Phone Number',
	date_from: 'From Date',
	date_to: 'To Date',
	status: 'Status',
	limit: 'Limit',
};

/** API v2 `sms`: the SMS history, newest first as inSIM lists it, one output item per SMS. */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const phone = String(filters.phoneNumber ?? '').trim();
		const dates = apiDateRange(this, filters, itemIndex);
		const body: IDataObject = {
			direction: filters.direction,
			phone_number:
				phone === ''
					? undefined
					: phoneForApi(this, phone, itemIndex, 'Phone Number', { localAllowed: true }),
			...dates,
			status: String(filters.status ?? '').trim(),
		};
		const records = await getManyRecords(this, itemIndex, {
			contract: SMS_HISTORY,
			body,
			fieldLabels: FIELD_LABELS,
		});
		return simplify ? records.map((record) => pickFields(record, SIMPLE_FIELDS)) : records;
	},
);
