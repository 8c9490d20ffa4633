import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ListContract, RecordContract } from '../contracts/reader';
import { readAnswer } from '../contracts/reader';
import { collectPages } from '../helpers/pagination';
import { apiDateRange, wantedCount } from '../helpers/v2Parameters';
import { insimV2Request } from '../transport';
import { runPerItem } from './perItem';
import type { ItemOutcome, OperationModule } from './types';
import { dateFromOption, dateToOption, limitProperty, returnAllProperty } from './v2.descriptions';
import { optionsCollection } from './common.descriptions';
import { callAndRead } from './v2Call';

export interface GetManyPlan {
	/** the endpoint's declared answer (contracts/reads.ts), e.g. CONTACTS */
	contract: ListContract;
	/** filters, without `limit` and `cursor` */
	body: IDataObject;
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
	const { endpoint } = plan.contract;
	return await collectPages(
		ctx.getNode(),
		endpoint,
		itemIndex,
		wanted,
		async ({ limit, cursor }) => {
			const answer = await insimV2Request.call(
				ctx,
				endpoint,
				sendsLimit ? { ...plan.body, limit, cursor } : { ...plan.body, cursor },
				{ itemIndex, fieldLabels: plan.fieldLabels },
			);
			return readAnswer(ctx.getNode(), plan.contract, answer, itemIndex);
		},
	);
}

/**
 * A Get Many over an endpoint that answers every record at once and takes no `limit` (lists,
 * templates, qualification options): Return All / Limit, the cut made here.
 */
export function wholeListOperation(spec: {
	resource: string;
	operation: string;
	contract: ListContract;
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
						contract: spec.contract,
						body: {},
						sendsLimit: false,
					}),
			});
		},
	};
}

/**
 * Statistics over an optional period (`date_from` / `date_to`), one output item: the statistics
 * where the endpoint's contract finds them (e.g. under `stats`, or flat).
 */
export function periodStatsOperation(spec: {
	resource: string;
	operation: string;
	contract: RecordContract;
	/** what is counted, for the date fields' descriptions: "activity", "calls" */
	counted: string;
}): OperationModule {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[
				optionsCollection([
					{ ...dateFromOption(), description: `Count ${spec.counted} on or after this day` },
					{ ...dateToOption(), description: `Count ${spec.counted} on or before this day` },
				]),
			],
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<ItemOutcome[]> {
			return await runPerItem(this, items, {
				writes: false,
				run: async (itemIndex) => {
					const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
					return (
						await callAndRead(
							this,
							spec.contract,
							apiDateRange(this, options, itemIndex),
							itemIndex,
							{ date_from: 'From Date', date_to: 'To Date' },
						)
					).record;
				},
			});
		},
	};
}
