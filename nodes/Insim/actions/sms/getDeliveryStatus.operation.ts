import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chunk, describeItemRanges } from '../../helpers/batch';
import { invalidFieldError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { recordId, recordsOf } from '../../helpers/records';
import { requiredText } from '../../helpers/v2Parameters';
import { errorCodeOf, insimV2Request, isFatalError } from '../../transport';
import type { ItemOutcome } from '../types';

const ENDPOINT = 'sms/delivery_status';
/** `sms_ids` takes at most 100 ids (the vendor's MCP server). */
export const MAX_IDS_PER_REQUEST = 100;
const FIELD_LABELS = { sms_id: 'SMS ID', sms_ids: 'SMS ID' };

const properties: INodeProperties[] = [
	{
		displayName: 'SMS ID',
		name: 'smsId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
		description:
			'ID of the SMS. The IDs of all input items are asked together, 100 per request, and each status goes to its own item.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['getDeliveryStatus'] } },
	properties,
);

/**
 * API v2 `sms/delivery_status`, batched: each distinct ID is asked once, in requests of up to 100
 * (`sms_id` when a request carries one ID, `sms_ids` otherwise, as the vendor's CLI does), and
 * each status goes back to every item that asked for it. An ID inSIM does not know is an item
 * with `delivery_status: not_found`, not an error.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const stopOnFirstError = !this.continueOnFail();
	const readParameter = itemParameterReader(this);
	const outcomes: ItemOutcome[] = [];
	const itemsById = new Map<string, number[]>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const smsId = readSmsId(this, readParameter('smsId', itemIndex, ''), itemIndex);
			const asking = itemsById.get(smsId);
			if (asking) asking.push(itemIndex);
			else itemsById.set(smsId, [itemIndex]);
		} catch (error) {
			outcomes.push({ itemIndex, error: error as NodeOperationError });
		}
	}
	// Continue On Fail off: a bad item stops the node before anything is asked.
	if (stopOnFirstError && outcomes.length > 0) return outcomes;

	let fatal: NodeApiError | NodeOperationError | undefined;
	for (const ids of chunk([...itemsById.keys()], MAX_IDS_PER_REQUEST)) {
		const itemIndexes = ids.flatMap((id) => itemsById.get(id) ?? []).sort((a, b) => a - b);
		if (fatal) {
			for (const itemIndex of itemIndexes) {
				outcomes.push({
					itemIndex,
					error: itemError(
						this,
						fatal,
						itemIndex,
						[],
						'not asked, because an earlier request failed: ',
					),
				});
			}
			continue;
		}

		let answer: IDataObject;
		try {
			answer = await insimV2Request.call(
				this,
				ENDPOINT,
				ids.length === 1 ? { sms_id: ids[0] } : { sms_ids: ids },
				{ fieldLabels: FIELD_LABELS },
			);
		} catch (caught) {
			const error = asNodeError(this, caught);
			if (ids.length === 1 && errorCodeOf(error) === 'NOT_FOUND') {
				// The same per-item result a batch answer gives for an unknown ID.
				for (const itemIndex of itemIndexes) {
					outcomes.push({ itemIndex, json: notFoundStatus(ids[0]), accepted: false });
				}
				continue;
			}
			for (const itemIndex of itemIndexes) {
				outcomes.push({ itemIndex, error: itemError(this, error, itemIndex, itemIndexes) });
			}
			if (stopOnFirstError) return outcomes;
			if (isFatalError(error)) fatal = error;
			continue;
		}

		const statusOf = matchStatuses(recordsOf(answer, 'statuses'), ids);
		let failed = false;
		for (const id of ids) {
			const status = statusOf?.get(id);
			for (const itemIndex of itemsById.get(id) ?? []) {
				if (status) {
					outcomes.push({ itemIndex, json: { sms_id: id, ...status }, accepted: false });
					continue;
				}
				failed = true;
				outcomes.push({
					itemIndex,
					error: new NodeApiError(
						this.getNode(),
						{ message: 'missing status' },
						{
							message: `Item ${itemIndex}: inSIM's answer has no delivery status for SMS ID "${id}"`,
							description:
								statusOf === undefined
									? `inSIM answered ${ENDPOINT} in an unexpected format: expected one entry in "statuses" per SMS ID.`
									: 'The other IDs of the same request got their status. Run the node again for this item.',
							itemIndex,
						},
					),
				});
			}
		}
		if (failed && stopOnFirstError) return outcomes;
	}
	return outcomes;
}

function readSmsId(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	if (value !== undefined && value !== null && typeof value === 'object') {
		throw invalidFieldError(ctx.getNode(), itemIndex, 'SMS ID', value, 'must be one SMS ID (text)');
	}
	const id = requiredText(ctx, value, itemIndex, 'SMS ID');
	if (/[\s,;]/.test(id)) {
		throw invalidFieldError(
			ctx.getNode(),
			itemIndex,
			'SMS ID',
			value,
			'must be one SMS ID, without spaces, commas or semicolons (use one item per SMS)',
		);
	}
	return id;
}

/**
 * Each asked ID → its status entry: by the ID the entry carries (`sms_id`, else `id`/`_id`) when
 * every entry carries one; else by position, when there is one entry per ID; else undefined.
 */
export function matchStatuses(
	entries: IDataObject[],
	ids: string[],
): Map<string, IDataObject> | undefined {
	const entryIds = entries.map((entry) =>
		entry.sms_id !== undefined && entry.sms_id !== null && entry.sms_id !== ''
			? String(entry.sms_id)
			: recordId(entry),
	);
	const matched = new Map<string, IDataObject>();
	if (entries.length > 0 && entryIds.every((id) => id !== undefined)) {
		const asked = new Set(ids);
		entries.forEach((entry, index) => {
			const id = entryIds[index] as string;
			if (asked.has(id) && !matched.has(id)) matched.set(id, entry);
		});
		return matched;
	}
	if (entries.length !== ids.length) return undefined;
	ids.forEach((id, index) => matched.set(id, entries[index]));
	return matched;
}

function notFoundStatus(smsId: string): IDataObject {
	return {
		sms_id: smsId,
		delivery_status: 'not_found',
		description: 'inSIM has no SMS with this ID',
	};
}

/** A copy of a request's error that names this item (and the items asked with it). */
function itemError(
	ctx: IExecuteFunctions,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	askedTogether: number[],
	prefix = '',
): NodeApiError {
	const together =
		askedTogether.length > 1
			? `This request asked for the SMS IDs of items ${describeItemRanges(askedTogether)} together.`
			: '';
	const copy = new NodeApiError(
		ctx.getNode(),
		{ message: error.message },
		{
			message: `Item ${itemIndex}: ${prefix}${error.message}`,
			description: [error.description, together].filter(Boolean).join(' ') || undefined,
			httpCode: error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined,
			itemIndex,
		},
	);
	copy.context.deliveryCertainty = 'notSent';
	return copy;
}

function asNodeError(ctx: IExecuteFunctions, caught: unknown): NodeApiError | NodeOperationError {
	if (caught instanceof NodeApiError || caught instanceof NodeOperationError) return caught;
	return new NodeOperationError(ctx.getNode(), caught as Error);
}

/** inSIM's `error_code` of a failed v2 request (the transport keeps it in the error's response). */
