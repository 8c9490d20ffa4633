import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOf } from '../../helpers/records';
import { apiDate } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { dateFromOption, dateToOption } from '../v2.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ ...dateFromOption(), description: 'Count calls on or after this day' },
			{ ...dateToOption(), description: 'Count calls on or before this day' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['qualification'], operation: ['getStats'] } },
	properties,
);

/**
 * API v2 `qualifications/stats`: total and qualified calls, the qualification rate and the
 * breakdowns by call type and by option, as inSIM gives them (one output item).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const answer = await insimV2Request.call(
				this,
				'qualifications/stats',
				{
					date_from: apiDate(this, options.dateFrom, itemIndex, 'From Date'),
					date_to: apiDate(this, options.dateTo, itemIndex, 'To Date'),
				},
				{ itemIndex, fieldLabels: { date_from: 'From Date', date_to: 'To Date' } },
			);
			return recordOf(answer, 'stats');
		},
	});
}
