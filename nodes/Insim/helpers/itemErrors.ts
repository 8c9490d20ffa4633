import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DeliveryCertainty as Certainty } from '../transport';

/**
 * The one builder of item errors. A message is stored without its item: the router names the
 * item once, when it builds the output (`nameItem`). An error carries its item in `itemIndex` and
 * what it means for delivery in `context.deliveryCertainty`.
 */
export type ItemError = NodeApiError | NodeOperationError;

/** Longest part of a rejected value quoted back in a message. */
const MAX_QUOTED_LENGTH = 60;

/** The one wording for items that were not sent because an earlier request failed. */
export const SKIPPED_PREFIX = 'not sent, because an earlier request failed: ';

/**
 * A validation error for one item that names the field and the value, e.g.
 * `"Phone Number" "+33 6" is not valid: must start with …`. Nothing was sent.
 */
export function invalidFieldError(
	node: INode,
	itemIndex: number,
	fieldName: string,
	value: unknown,
	reason: string,
): NodeOperationError {
	const error = new NodeOperationError(
		node,
		`"${fieldName}" ${quoteValue(value)} is not valid: ${reason}`,
		{
			itemIndex,
			description: `Fix the "${fieldName}" value of this item. Nothing was sent for this item.`,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return error;
}

function quoteValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return '(empty)';
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	const short = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
	return `"${short}"`;
}

/**
 * What an error means for delivery: its own `deliveryCertainty` when it has one; else a
 * NodeOperationError is a check made before any request (nothing sent), and anything else may
 * have happened after the request left.
 */
export function certaintyOf(error: unknown): Certainty {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	if (context?.deliveryCertainty === 'notSent' || context?.deliveryCertainty === 'unknown') {
		return context.deliveryCertainty;
	}
	return error instanceof NodeOperationError ? 'notSent' : 'unknown';
}

/** Any thrown value as an item error (a plain Error keeps "may have been processed"). */
export function asItemError(node: INode, caught: unknown, itemIndex?: number): ItemError {
	if (caught instanceof NodeApiError || caught instanceof NodeOperationError) return caught;
	const error = new NodeOperationError(node, caught as Error, { itemIndex });
	error.context.deliveryCertainty = 'unknown';
	return error;
}

export interface ItemCopyOptions {
	certainty?: Certainty;
	/** put before the message: `SKIPPED_PREFIX`, `only 2 of its 3 contact IDs were sent …` */
	prefix?: string;
	/** put after the message, e.g. ` (request for items 0–2)` */
	suffix?: string;
	/** for `unknown`: what may still have been processed, e.g. ` (the SMS may …)` */
	unknownNote?: string;
	/** appended to the description */
	detail?: string;
}

/**
 * `error` told for one item: the same message (never an item prefix), description, HTTP code and
 * context, with this item's index and certainty. One request's error reaches each item it carried.
 */
export function errorForItem(
	node: INode,
	error: ItemError,
	itemIndex: number,
	options: ItemCopyOptions = {},
): ItemError {
	const certainty = options.certainty ?? certaintyOf(error);
	const note = certainty === 'unknown' ? (options.unknownNote ?? '') : '';
	const message = `${options.prefix ?? ''}${error.message}${options.suffix ?? ''}${note}`;
	const description =
		[error.description, options.detail].filter((text) => text).join('\n\n') || undefined;
	const copy =
		error instanceof NodeApiError
			? new NodeApiError(
					node,
					{ message: error.message },
					{ message, description, httpCode: error.httpCode ?? undefined, itemIndex },
				)
			: new NodeOperationError(node, message, { description, itemIndex });
	if (error instanceof NodeApiError && copy instanceof NodeApiError) {
		copy.errorResponse = error.errorResponse;
	}
	Object.assign(copy.context, error.context, { itemIndex, deliveryCertainty: certainty });
	return copy;
}

/** The error of an item that was not sent because `earlier` failed (one wording everywhere). */
export function skippedError(node: INode, earlier: ItemError, itemIndex: number): ItemError {
	return errorForItem(node, earlier, itemIndex, { certainty: 'notSent', prefix: SKIPPED_PREFIX });
}

/**
 * The message with its item named once, as the output shows it: `Item 2: inSIM …`, and
 * `Item 2, "List": inSIM …` where the message opens with the field it is about.
 */
export function nameItem(message: string, itemIndex: number): string {
	return `Item ${itemIndex}${/^"[^"]*":/.test(message) ? ', ' : ': '}${message}`;
}

/**
 * The error of an item whose request inSIM answered with success but without an entry for it:
 * it may have been processed (`check` says where to look before running the node again).
 */
export function missingEntryError(
	node: INode,
	itemIndex: number,
	phone: string,
	check: string,
): NodeApiError {
	const error = new NodeApiError(
		node,
		{ message: 'missing answer entry' },
		{ message: `inSIM's answer has no entry for ${phone}`, description: check, itemIndex },
	);
	error.context.deliveryCertainty = 'unknown';
	return error;
}
