import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { chunk, describeItemRanges, matchAnswersToRequests } from '../helpers/batch';
import type { DeliveryCertainty } from '../transport';
import { deliveryCertaintyOf, insimRequest } from '../transport';
import type { ItemOutcome } from './types';

/** One validated input item, ready to go on the wire. */
export interface PreparedRow<Wire extends IDataObject> {
	itemIndex: number;
	wire: Wire;
	/** E.164 number, the check used to map an answer entry back to its item. */
	phone: string;
}

export interface BatchPlan<Wire extends IDataObject> {
	rows: Array<PreparedRow<Wire>>;
	batchSize: number;
	timeoutSeconds: number;
	/** `/v1/sendsms` … */
	path: string;
	/** `SMS`, `contact`: used in messages. */
	noun: string;
	buildBody(wires: Wire[]): IDataObject;
	/** The per-row entries of an answer, or undefined when the answer has another shape. */
	answerEntries(answer: unknown): unknown[] | undefined;
	entryPhone(entry: IDataObject): unknown;
	toOutcome(row: PreparedRow<Wire>, entry: IDataObject): ItemOutcome;
	/** Stop after the first failing batch (Continue On Fail off: the router throws that error). */
	stopOnFirstError: boolean;
}

/**
 * Sends rows in as few requests as the batch size allows, one request at a time, and zips every
 * answer entry back to its own item. A request that failed is never resent from here: the
 * transport alone retries what provably did not reach inSIM.
 */
export async function sendInBatches<Wire extends IDataObject>(
	ctx: IExecuteFunctions,
	plan: BatchPlan<Wire>,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	const batches = chunk(plan.rows, plan.batchSize);
	let fatal: NodeApiError | undefined;

	for (const batch of batches) {
		if (fatal) {
			// The same request would fail the same way (credentials, plan, unreachable server).
			for (const row of batch) {
				outcomes.push(
					rowError(
						ctx,
						row,
						fatal,
						'notSent',
						plan.noun,
						'Not sent, because an earlier request failed: ',
					),
				);
			}
			continue;
		}
		let answer: unknown;
		try {
			answer = await insimRequest.call(
				ctx,
				plan.path,
				plan.buildBody(batch.map((row) => row.wire)),
				{
					timeoutSeconds: plan.timeoutSeconds,
					itemIndex: batch[0].itemIndex,
				},
			);
		} catch (error) {
			const certainty = deliveryCertaintyOf(error);
			// n8n names only the error's own item ("[item 0]"): say which items the request carried.
			const batchError = naming(error as NodeApiError, batch, plan.noun, certainty);
			for (const row of batch) outcomes.push(rowError(ctx, row, batchError, certainty, plan.noun));
			if (plan.stopOnFirstError) return outcomes;
			if (certainty === 'notSent') fatal = error as NodeApiError;
			continue;
		}

		const entries = plan.answerEntries(answer);
		if (entries === undefined) {
			const shapeError = new NodeApiError(
				ctx.getNode(),
				{ message: 'unexpected answer' },
				{
					message: `inSIM answered ${plan.path} in an unexpected format`,
					description: `Expected one entry per ${plan.noun}. inSIM may still have processed them: check the inSIM app before running again.`,
					itemIndex: batch[0].itemIndex,
				},
			);
			for (const row of batch) outcomes.push(rowError(ctx, row, shapeError, 'unknown', plan.noun));
			if (plan.stopOnFirstError) return outcomes;
			continue;
		}

		const entryObjects = entries.map((entry) => (isObject(entry) ? entry : {}));
		const matches = matchAnswersToRequests(
			batch.map((row) => row.phone),
			entryObjects.map((entry) => plan.entryPhone(entry)),
		);
		let batchFailed = false;
		batch.forEach((row, position) => {
			const entryIndex = matches[position];
			if (entryIndex === undefined) {
				const missing = new NodeApiError(
					ctx.getNode(),
					{ message: 'missing answer entry' },
					{
						message: `inSIM's answer has no entry for ${row.phone}`,
						description: `The ${plan.noun} may or may not have been processed: check the inSIM app before running it again.`,
						itemIndex: row.itemIndex,
					},
				);
				outcomes.push(rowError(ctx, row, missing, 'unknown', plan.noun));
				batchFailed = true;
				return;
			}
			const outcome = plan.toOutcome(row, entryObjects[entryIndex]);
			if ('error' in outcome) batchFailed = true;
			outcomes.push(outcome);
		});
		if (batchFailed && plan.stopOnFirstError) return outcomes;
	}
	return outcomes;
}

/** `error` with the items of the failed request in its message and description. */
function naming<Wire extends IDataObject>(
	error: NodeApiError,
	batch: Array<PreparedRow<Wire>>,
	noun: string,
	certainty: DeliveryCertainty,
): NodeApiError {
	if (batch.length < 2) return error;
	const items = describeItemRanges(batch.map((row) => row.itemIndex));
	const fate =
		certainty === 'unknown'
			? `any of these ${batch.length} ${noun} may have been processed`
			: `none of these ${batch.length} ${noun} was processed`;
	error.message = `${error.message} (request for items ${items})`;
	const detail = `The failed request carried items ${items}: ${fate}.`;
	error.description = error.description ? `${error.description}\n\n${detail}` : detail;
	return error;
}

/** A copy of `error` that names this row's item, keeping what it says about delivery. */
export function rowError<Wire extends IDataObject>(
	ctx: IExecuteFunctions,
	row: PreparedRow<Wire>,
	error: NodeApiError,
	certainty: DeliveryCertainty,
	noun: string,
	prefix = '',
): ItemOutcome {
	const itemError = new NodeApiError(
		ctx.getNode(),
		{ message: error.message },
		{
			message:
				certainty === 'unknown'
					? `${prefix}${error.message} (the ${noun} may still have been processed: check inSIM before resending)`
					: `${prefix}${error.message}`,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex: row.itemIndex,
		},
	);
	itemError.context.deliveryCertainty = certainty;
	return {
		itemIndex: row.itemIndex,
		error: itemError,
		json: { phone_number: row.phone, mayHaveBeenProcessed: certainty === 'unknown' },
	};
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
