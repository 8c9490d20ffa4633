import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { unrecognisedAnswerError } from '../../contracts/unrecognised';
import { chunk } from '../../helpers/batch';
import { asItemError, invalidFieldError } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/parameters';
import { recordId, recordsOf } from '../../helpers/records';
import { requiredText } from '../../helpers/v2Parameters';
import { errorCodeOf, insimV2Request } from '../../transport';
import { afterSharedFailure, runBatches } from '../batchRunner';
import type { ItemOutcome } from '../types';
import { requiredTextProperty } from '../common.descriptions';

const ENDPOINT = 'sms/delivery_status';
/** `sms_ids` takes at most 100 ids (the vendor's MCP server). */
export const MAX_IDS_PER_REQUEST = 100;
const FIELD_LABELS = { sms_id: 'SMS ID', sms_ids: 'SMS ID' };

const properties: INodeProperties[] = [
	requiredTextProperty(
		'SMS ID',
		'smsId',
		'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
		'ID of the SMS. The IDs of all input items are asked together, 100 per request, and each status goes to its own item.',
	),
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
	const node = this.getNode();
	const readParameter = itemParameterReader(this);
	const outcomes: ItemOutcome[] = [];
	const itemsById = new Map<string, number[]>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const smsId = readSmsId(this, readParameter('smsId', itemIndex, ''), itemIndex);
			const asking = itemsById.get(smsId);
			if (asking) asking.push(itemIndex);
			else itemsById.set(smsId, [itemIndex]);
		} catch (caught) {
			outcomes.push({ itemIndex, error: asItemError(node, caught, itemIndex) });
		}
	}
	// Continue On Fail off: a bad item stops the node before anything is asked.
	if (!this.continueOnFail() && outcomes.length > 0) return outcomes;

	const asked = await runBatches(this, {
		batches: chunk([...itemsById.keys()], MAX_IDS_PER_REQUEST),
		itemsOf: (ids) => ids.flatMap((id) => itemsById.get(id) ?? []).sort((a, b) => a - b),
		send: async (ids) => {
			const statusOf = await askStatuses(this, ids);
			return ids.flatMap((id) =>
				(itemsById.get(id) ?? []).map((itemIndex): ItemOutcome => {
					const status = statusOf.get(id);
					if (status) return { itemIndex, json: { sms_id: id, ...status }, accepted: false };
					return { itemIndex, error: missingStatusError(node, id, itemIndex) };
				}),
			);
		},
		skipRestAfter: afterSharedFailure,
		writes: false,
	});
	return [...outcomes, ...asked];
}

/**
 * The status of each asked ID. `statuses[]` is the declared shape (ReachTechnologies/insim-cli
 * cli_anything/insim/core/sms.py reads `result["statuses"]`); one unknown ID asked alone is
 * inSIM's NOT_FOUND, told as the `not_found` status a batch answer gives.
 */
async function askStatuses(
	ctx: IExecuteFunctions,
	ids: string[],
): Promise<Map<string, IDataObject>> {
	let answer: IDataObject;
	try {
		answer = await insimV2Request.call(
			ctx,
			ENDPOINT,
			ids.length === 1 ? { sms_id: ids[0] } : { sms_ids: ids },
			{ fieldLabels: FIELD_LABELS },
		);
	} catch (error) {
		if (ids.length === 1 && errorCodeOf(error) === 'NOT_FOUND') {
			return new Map([[ids[0], notFoundStatus(ids[0])]]);
		}
		throw asItemError(ctx.getNode(), error);
	}
	const matched = Array.isArray(answer.statuses)
		? matchStatuses(recordsOf(answer, 'statuses'), ids)
		: undefined;
	if (matched === undefined) {
		throw unrecognisedAnswerError(ctx.getNode(), {
			endpoint: ENDPOINT,
			expected: 'one entry per SMS ID under "statuses"',
			answer,
			writes: false,
		});
	}
	return matched;
}

function missingStatusError(node: INode, id: string, itemIndex: number): NodeApiError {
	const error = new NodeApiError(
		node,
		{ message: 'missing status' },
		{
			message: `inSIM's answer has no delivery status for SMS ID "${id}"`,
			description:
				'The other IDs of the same request got their status. Run the node again for this item.',
			itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return error;
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
