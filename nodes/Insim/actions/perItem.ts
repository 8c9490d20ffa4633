import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { deliveryCertaintyOf, isFatalError } from '../transport';
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
}

/**
 * Runs an operation that makes one request per item, in item order. With Continue On Fail off it
 * stops at the first failure (the router throws it); with it on, every item gets its outcome, and
 * after a failure that every further request would share (credentials, plan, unreachable host)
 * the remaining items are reported without being sent.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: PerItemPlan,
): Promise<ItemOutcome[]> {
	const stopOnFirstError = !ctx.continueOnFail();
	const outcomes: ItemOutcome[] = [];
	let fatal: NodeApiError | undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (fatal) {
			const error = skippedError(ctx, fatal, itemIndex);
			outcomes.push({
				itemIndex,
				error,
				...(plan.writes ? { json: { mayHaveBeenProcessed: false } } : {}),
			});
			continue;
		}
		try {
			const json = await plan.run(itemIndex);
			outcomes.push({ itemIndex, json, accepted: plan.writes });
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(ctx.getNode(), caught as Error, { itemIndex });
			// Transport errors that are not a refusal (HTTP 5xx, network) do not name the item yet.
			if (!/^Item \d+/.test(error.message)) error.message = `Item ${itemIndex}: ${error.message}`;
			const json: IDataObject | undefined = plan.writes
				? { mayHaveBeenProcessed: deliveryCertaintyOf(error) === 'unknown' }
				: undefined;
			if (error instanceof NodeOperationError) {
				// Validation happens before any request: nothing was sent.
				if (json) json.mayHaveBeenProcessed = false;
			}
			outcomes.push({ itemIndex, error, ...(json ? { json } : {}) });
			if (stopOnFirstError) return outcomes;
			if (isFatalError(error)) fatal = error as NodeApiError;
		}
	}
	return outcomes;
}

function skippedError(ctx: IExecuteFunctions, fatal: NodeApiError, itemIndex: number) {
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: fatal.message },
		{
			message: `Item ${itemIndex}: not sent, because an earlier request failed: ${fatal.message}`,
			description: fatal.description ?? undefined,
			itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return error;
}
