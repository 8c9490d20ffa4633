import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectPages } from '../helpers/pagination';
import { recordOf, recordsOf } from '../helpers/records';
import { apiDateRange, wantedCount } from '../helpers/v2Parameters';
import { insimV2Request } from '../transport';
import { runPerItem } from './perItem';
import type { ItemOutcome, OperationModule } from './types';
import { dateFromOption, dateToOption, limitProperty, returnAllProperty } from './v2.descriptions';

export interface GetManyPlan {
	/** v2 endpoint, e.g. `contacts` */
	endpoint: string;
	/** filters, without `limit` and `cursor` */
	body: IDataObject;
	/** where the records are in the answer, e.g. `contacts` */
	listKey: string;
	/** false for endpoints that take no `limit` (lists, templates …): the node then cuts the list */
	sendsLimit?: boolean;
	fieldLabels?: Record<string, string>;
}

/**
 * A Get Many: `Return All` follows inSIM's cursor page by page (100 a page); `Limit` asks for no
 * more than needed. One record per output item, in inSIM's order.
 */
export async function getManyRecords(
	ctx: IExecuteFunctions,
	itemIndex: number,
	plan: GetManyPlan,
): Promise<IDataObject[]> {
	const wanted = wantedCount(ctx, itemIndex);
	const sendsLimit = plan.sendsLimit ?? true;
	return await collectPages(wanted, async ({ limit, cursor }) => {
		const answer = await insimV2Request.call(
			ctx,
			plan.endpoint,
			sendsLimit ? { ...plan.body, limit, cursor } : plan.body,
			{ itemIndex, fieldLabels: plan.fieldLabels },
		);
		return { records: recordsOf(answer, plan.listKey), answer };
	});
}

/**
 * A Get Many over an endpoint that answers every record at once and takes no `limit` (lists,
 * templates, qualification options): Return All / Limit, the cut made here.
 */
export function wholeListOperation(spec: {
	resource: string;
	operation: string;
	endpoint: string;
	listKey: string;
}): OperationModule {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[returnAllProperty(), limitProperty()],
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<ItemOutcome[]> {
			return await runPerItem(this, items, {
				writes: false,
				run: async (itemIndex) =>
					await getManyRecords(this, itemIndex, {
						endpoint: spec.endpoint,
						body: {},
						listKey: spec.listKey,
						sendsLimit: false,
					}),
			});
		},
	};
}

/**
 * Statistics over an optional period (`date_from` / `date_to`), one output item: the `stats`
 * object of the answer, or the whole answer when inSIM gives it flat.
 */
export function periodStatsOperation(spec: {
	resource: string;
	operation: string;
	endpoint: string;
	/** what is counted, for the date fields' descriptions: "activity", "calls" */
	counted: string;
}): OperationModule {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[
				{
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					placeholder: 'Add Option',
					default: {},
					options: [
						{ ...dateFromOption(), description: `Count ${spec.counted} on or after this day` },
						{ ...dateToOption(), description: `Count ${spec.counted} on or before this day` },
					],
				},
			],
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<ItemOutcome[]> {
			return await runPerItem(this, items, {
				writes: false,
				run: async (itemIndex) => {
					const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					const answer = await insimV2Request.call(
						this,
						spec.endpoint,
						apiDateRange(this, options, itemIndex),
						{ itemIndex, fieldLabels: { date_from: 'From Date', date_to: 'To Date' } },
					);
					return recordOf(answer, 'stats');
				},
			});
		},
	};
}
