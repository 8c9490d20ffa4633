import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { SendVerdict } from '../contracts/sending';

import { describeItemRanges } from '../helpers/batch';
import type { ItemError } from '../helpers/itemErrors';
import { asItemError, certaintyOf, errorForItem, skippedError } from '../helpers/itemErrors';
import { BATCH_SIZE_OPTION, TIMEOUT_OPTION, readRunOptions } from '../helpers/options';
import { isFatalError } from '../transport';
import type { ItemOutcome } from './types';

/** Whether a failure proves that every further request of this run would fail the same way. */
export type SkipRule = (failure: ItemError) => boolean;

/**
 * The rule of every operation: after a failure that every further request would share (rejected
 * credentials, a plan without the feature, an unreachable host or a redirect: the transport marks
 * them), the requests not yet made are reported unsent. Any other failure belongs to its own
 * request: the next requests carry other items, nothing of theirs has been sent, so they are made.
 */
export const afterSharedFailure: SkipRule = (failure) => isFatalError(failure);

export interface BatchRunPlan<Batch> {
	/** the requests to make, in order (one item each for a per-item operation) */
	batches: Batch[];
	/** the input items one batch carries, in order */
	itemsOf(batch: Batch): number[];
	/** makes the batch's request and gives one outcome per item it carried; may throw */
	send(batch: Batch): Promise<ItemOutcome[]>;
	/** when the batches not yet sent are reported unsent instead */
	skipRestAfter: SkipRule;
	/** the operation changes something in inSIM: its error items say `mayHaveBeenProcessed` */
	writes: boolean;
	/** what one item is, for "may still have been processed" (`SMS`, `contact`); none: not said */
	noun?: string;
	/** fields an item keeps on its error output (phone number, template id …) */
	itemJson?(itemIndex: number): IDataObject;
}

/** What became of one request: its answer, its failure, or skipped after an earlier failure. */
export type RequestResult<Batch, Answer> =
	| { batch: Batch; answer: Answer }
	| { batch: Batch; failure: ItemError }
	| { batch: Batch; skippedAfter: ItemError };

export interface RequestPlan<Batch, Answer> {
	batches: Batch[];
	/** makes the batch's request; may throw */
	send(batch: Batch): Promise<Answer>;
	/** the failures an answer carries (an answered request can still fail some of its items) */
	failuresOf?(answer: Answer): ItemError[];
	skipRestAfter: SkipRule;
	/** the item a thrown non-n8n error is filed under */
	firstItemOf?(batch: Batch): number;
}

/**
 * The one loop over requests: one at a time, in order. With Continue On Fail off it stops at the
 * first failure (the router throws it; later batches get no result); with it on, every batch
 * gets a result. A failed request is never resent from here: the transport alone retries what
 * provably did not reach inSIM.
 */
export async function makeRequests<Batch, Answer>(
	ctx: IExecuteFunctions,
	plan: RequestPlan<Batch, Answer>,
): Promise<Array<RequestResult<Batch, Answer>>> {
	const stopOnFirstError = !ctx.continueOnFail();
	const results: Array<RequestResult<Batch, Answer>> = [];
	let shared: ItemError | undefined;
	for (const batch of plan.batches) {
		if (shared) {
			results.push({ batch, skippedAfter: shared });
			continue;
		}
		let failures: ItemError[];
		try {
			const answer = await plan.send(batch);
			results.push({ batch, answer });
			failures = plan.failuresOf?.(answer) ?? [];
		} catch (caught) {
			const failure = asItemError(ctx.getNode(), caught, plan.firstItemOf?.(batch));
			results.push({ batch, failure });
			failures = [failure];
		}
		if (failures.length === 0) continue;
		if (stopOnFirstError) break;
		shared = failures.find((failure) => plan.skipRestAfter(failure));
	}
	return results;
}

/** Batches whose answer is one outcome per item they carried (see makeRequests). */
export async function runBatches<Batch>(
	ctx: IExecuteFunctions,
	plan: BatchRunPlan<Batch>,
): Promise<ItemOutcome[]> {
	const node = ctx.getNode();
	const results = await makeRequests(ctx, {
		batches: plan.batches,
		send: plan.send,
		failuresOf: (outcomes) =>
			outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : [])),
		skipRestAfter: plan.skipRestAfter,
		firstItemOf: (batch) => plan.itemsOf(batch)[0],
	});
	return results.flatMap((result) => {
		if ('answer' in result) return result.answer;
		const items = plan.itemsOf(result.batch);
		return items.map((itemIndex) =>
			errorOutcome(
				plan,
				itemIndex,
				'failure' in result
					? requestError(ctx, plan, result.failure, itemIndex, items)
					: skippedError(node, result.skippedAfter, itemIndex),
			),
		);
	});
}

/** An item's error outcome, with the fields it keeps and, for a write, whether it may have run. */
export function errorOutcome(
	plan: Pick<BatchRunPlan<unknown>, 'writes' | 'itemJson'>,
	itemIndex: number,
	error: ItemError,
	json: IDataObject = {},
): ItemOutcome {
	const kept: IDataObject = { ...(plan.itemJson?.(itemIndex) ?? {}), ...json };
	if (plan.writes) kept.mayHaveBeenProcessed = certaintyOf(error) === 'unknown';
	return Object.keys(kept).length > 0 ? { itemIndex, error, json: kept } : { itemIndex, error };
}

/** A failed request's error told for one of its items, naming the others it carried. */
function requestError<Batch>(
	ctx: IExecuteFunctions,
	plan: BatchRunPlan<Batch>,
	error: ItemError,
	itemIndex: number,
	items: number[],
): ItemError {
	const certainty = certaintyOf(error);
	const noun = plan.noun;
	const unknownNote =
		plan.writes && noun
			? ` (the ${noun} may still have been processed: check inSIM before resending)`
			: undefined;
	if (items.length < 2) return errorForItem(ctx.getNode(), error, itemIndex, { unknownNote });
	// n8n names only the error's own item: say which items the request carried.
	const ranges = describeItemRanges(items);
	const fate = !plan.writes
		? ''
		: certainty === 'unknown'
			? `: any of these ${items.length} ${noun ?? 'items'} may have been processed`
			: `: none of these ${items.length} ${noun ?? 'items'} was processed`;
	return errorForItem(ctx.getNode(), error, itemIndex, {
		suffix: ` (request for items ${ranges})`,
		unknownNote,
		detail: `The failed request carried items ${ranges}${fate}.`,
	});
}

/**
 * The error outcome of a message whose answer did not say "sent": "not sent" only with the
 * answer's proof (its own `sent: 0`, or `sent_count: 0`), else "may have been processed".
 */
export function sendingErrorOutcome(
	node: INode,
	itemIndex: number,
	verdict: Exclude<SendVerdict, { verdict: 'sent' }>,
	what: string,
	json: IDataObject,
): ItemOutcome {
	const notSent = verdict.verdict === 'notSent';
	const error = notSent
		? new NodeApiError(
				node,
				{ message: verdict.proof },
				{
					message: `inSIM did not send ${what} (${verdict.proof})${verdict.reason ? `: ${verdict.reason}` : ''}`,
					description:
						verdict.proof === 'sent: 0'
							? 'inSIM refused this one message; the other messages of the same request are not affected. Check the number and the phone running inSIM.'
							: 'inSIM reported that it sent none of the messages of this request. Check the phone running inSIM.',
					itemIndex,
				},
			)
		: new NodeApiError(
				node,
				{ message: 'unconfirmed' },
				{
					message: `inSIM accepted the request but did not say whether it sent ${what} (${verdict.why})`,
					description:
						'inSIM answered with success, so the message may have been processed: check the sent messages in the inSIM app before sending it again.',
					itemIndex,
				},
			);
	error.context.deliveryCertainty = notSent ? 'notSent' : 'unknown';
	return { itemIndex, error, json: { ...json, success: false, mayHaveBeenProcessed: !notSent } };
}

/** Where a batched write starts: its checked rows and options, or the outcomes that end it. */
export type BatchedStart<Row> =
	| { done: ItemOutcome[] }
	| { rows: Row[]; invalid: ItemOutcome[]; batchSize: number; timeoutSeconds: number };

/**
 * Batch Size, Timeout and every item checked before anything is sent. An invalid option is an
 * error on every item; with Continue On Fail off, a bad item ends the run before any request.
 */
export function startBatchedWrite<Row>(
	ctx: IExecuteFunctions,
	itemCount: number,
	prepare: (itemIndex: number) => Row,
): BatchedStart<Row> {
	const specs = { batchSize: BATCH_SIZE_OPTION, timeout: TIMEOUT_OPTION };
	const options = readRunOptions(ctx, itemCount, specs, true);
	if (!options.ok) return { done: options.outcomes };
	const rows: Row[] = [];
	const invalid: ItemOutcome[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			rows.push(prepare(itemIndex));
		} catch (caught) {
			const error = asItemError(ctx.getNode(), caught, itemIndex);
			invalid.push({ itemIndex, error, json: { mayHaveBeenProcessed: false } });
		}
	}
	if (!ctx.continueOnFail() && invalid.length > 0) return { done: invalid };
	const { batchSize, timeout } = options.values;
	return { rows, invalid, batchSize, timeoutSeconds: timeout };
}
