import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SkipRule } from './batchRunner';
import { afterSharedFailure, runBatches } from './batchRunner';
import type { ItemOutcome } from './types';

export interface PerItemPlan {
	/**
	 * True for operations that change something in inSIM (create, delete, send …): a success is
	 * "accepted" (the router then warns before a rerun), and a failure says whether it may have
	 * been processed.
	 */
	writes: boolean;
	/** One item's work: validate its parameters, call inSIM, return its record(s). */
	run(itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** when the items not yet run are reported unsent (default: after a shared failure) */
	skipRestAfter?: SkipRule;
}

/** Runs an operation that makes one request per item, in item order, on the batch runner. */
export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: PerItemPlan,
): Promise<ItemOutcome[]> {
	return await runBatches(ctx, {
		batches: items.map((_, itemIndex) => itemIndex),
		itemsOf: (itemIndex) => [itemIndex],
		send: async (itemIndex) => [
			{ itemIndex, json: await plan.run(itemIndex), accepted: plan.writes },
		],
		skipRestAfter: plan.skipRestAfter ?? afterSharedFailure,
		writes: plan.writes,
	});
}

/** The execute of an operation that makes one request per item; `run` is one item's work. */
export function perItemOperation(
	writes: boolean,
	run: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
) {
	return async function execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): Promise<ItemOutcome[]> {
		return await runPerItem(this, items, {
			writes,
			run: async (itemIndex) => await run.call(this, itemIndex),
		});
	};
}
