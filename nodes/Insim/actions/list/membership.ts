import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../helpers/batch';
import { invalidFieldError } from '../../helpers/itemErrors';
import { BATCH_SIZE_OPTION, TIMEOUT_OPTION, readNumericOption } from '../../helpers/options';
import { locatorId, textList } from '../../helpers/v2Parameters';
import type { DeliveryCertainty } from '../../transport';
import { deliveryCertaintyOf, insimV2Request, isFatalError } from '../../transport';
import { batchSizeOption, timeoutOption } from '../common.descriptions';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';
import {
	type MembershipAnswerShape,
	type MembershipStatus,
	UNREPORTED,
	membershipStatuses,
} from './records';

/** What differs between Add Contacts and Remove Contacts. */
export interface MembershipPlan {
	endpoint: 'lists/contacts/add' | 'lists/contacts/remove';
	shape: MembershipAnswerShape;
	/** `added`, `removed`: used in messages */
	verb: string;
}

export function membershipProperties(verb: 'add' | 'remove'): INodeProperties[] {
	return [
		resourceLocatorProperty('list'),
		{
			displayName: 'Contact IDs',
			name: 'contactIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6, 65f1c2a9e4b0a1b2c3d4e5f7',
			description: `IDs of the contacts to ${verb}, separated by commas (an expression may also give an array)`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				batchSizeOption(
					'How many contact IDs go to inSIM in one request. Items that name the same list are merged into as few requests as this allows.',
				),
				timeoutOption(),
			],
		},
	];
}

interface MembershipRow {
	itemIndex: number;
	listId: string;
	/** this item's ids, without repeats, in the order given */
	ids: string[];
}

/** What became of one id of one list: its status, or the failure of the request that carried it. */
type IdResult =
	{ status: MembershipStatus } | { error: NodeApiError; certainty: DeliveryCertainty };

const FIELD_LABELS = { list_id: 'List', contact_ids: 'Contact IDs' };

/**
 * Adds or removes contacts in batches: items that target the same list share requests (up to
 * Batch Size ids each, an id named by several items is sent once), and every item gets the
 * status of each of its own ids. A failed request is never resent from here.
 */
export async function changeMembership(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: MembershipPlan,
): Promise<ItemOutcome[]> {
	const stopOnFirstError = !ctx.continueOnFail();
	// Read once, from the first item: they shape the requests, which carry several items.
	const batchSize = readNumericOption(ctx, 'batchSize', 0, BATCH_SIZE_OPTION);
	const timeoutSeconds = readNumericOption(ctx, 'timeout', 0, TIMEOUT_OPTION);

	// Every item is checked before anything is sent.
	const outcomes: ItemOutcome[] = [];
	const rows: MembershipRow[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			rows.push(readRow(ctx, itemIndex));
		} catch (error) {
			outcomes.push({
				itemIndex,
				error: error as NodeOperationError,
				json: { mayHaveBeenProcessed: false },
			});
			if (stopOnFirstError) return outcomes;
		}
	}

	// A Set keeps the first-seen order and sends an id named by several items once.
	const idsByList = new Map<string, Set<string>>();
	for (const row of rows) {
		const ids = idsByList.get(row.listId) ?? new Set<string>();
		for (const id of row.ids) ids.add(id);
		idsByList.set(row.listId, ids);
	}

	const results = new Map<string, Map<string, IdResult>>();
	let firstFailure: NodeApiError | undefined;
	sending: for (const [listId, ids] of idsByList) {
		const listResults = new Map<string, IdResult>();
		results.set(listId, listResults);
		for (const batch of chunk([...ids], batchSize)) {
			try {
				const answer = await insimV2Request.call(
					ctx,
					plan.endpoint,
					{ list_id: listId, contact_ids: batch },
					{ timeoutSeconds, fieldLabels: FIELD_LABELS },
				);
				for (const [id, status] of membershipStatuses(answer, batch, plan.shape)) {
					listResults.set(id, { status });
				}
			} catch (caught) {
				const error = asApiError(ctx, caught);
				const certainty = deliveryCertaintyOf(error);
				for (const id of batch) listResults.set(id, { error, certainty });
				firstFailure ??= error;
				// The same request would fail the same way (credentials, plan, unreachable host).
				if (stopOnFirstError || isFatalError(error)) break sending;
			}
		}
	}

	for (const row of rows) {
		const outcome = rowOutcome(ctx, row, results.get(row.listId), plan, {
			firstFailure,
			omitUntried: stopOnFirstError,
		});
		if (outcome !== undefined) outcomes.push(outcome);
	}
	return outcomes;
}

function readRow(ctx: IExecuteFunctions, itemIndex: number): MembershipRow {
	const listId = locatorId(ctx, 'listId', itemIndex, 'List');
	const value = ctx.getNodeParameter('contactIds', itemIndex, '');
	const ids = [...new Set(textList(value))];
	if (ids.length === 0) {
		throw invalidFieldError(
			ctx.getNode(),
			itemIndex,
			'Contact IDs',
			value,
			'needs at least one contact ID (separate several with commas)',
		);
	}
	return { itemIndex, listId, ids };
}

function rowOutcome(
	ctx: IExecuteFunctions,
	row: MembershipRow,
	listResults: Map<string, IdResult> | undefined,
	plan: MembershipPlan,
	run: {
		firstFailure: NodeApiError | undefined;
		/** Continue On Fail off: the node fails with the first error, so untried items need none. */
		omitUntried: boolean;
	},
): ItemOutcome | undefined {
	const statuses: IDataObject = { [plan.shape.doneStatus]: [] };
	for (const { status } of plan.shape.idLists) statuses[status] = [];
	let failure: { error: NodeApiError; certainty: DeliveryCertainty } | undefined;
	let unsent = 0;
	let done = 0;
	for (const id of row.ids) {
		const result = listResults?.get(id);
		if (result === undefined) unsent++;
		else if ('error' in result) failure ??= result;
		else {
			done++;
			((statuses[result.status] ??= []) as string[]).push(id);
		}
	}
	if (Array.isArray(statuses[UNREPORTED]) && (statuses[UNREPORTED] as string[]).length === 0) {
		delete statuses[UNREPORTED];
	}
	const json: IDataObject = { listId: row.listId, contactIds: row.ids, ...statuses };
	if (failure === undefined && unsent === 0) {
		return { itemIndex: row.itemIndex, json, accepted: true };
	}
	if (failure === undefined) {
		if (run.firstFailure === undefined || (done === 0 && run.omitUntried)) return undefined;
		failure = { error: run.firstFailure, certainty: 'notSent' };
		const prefix =
			done === 0
				? 'not sent, because an earlier request failed: '
				: `only ${done} of its ${row.ids.length} contact IDs were sent (see the output); the others were not, because an earlier request failed: `;
		return {
			itemIndex: row.itemIndex,
			error: itemError(ctx, row, failure, plan, prefix),
			json: { ...json, mayHaveBeenProcessed: false },
		};
	}
	return {
		itemIndex: row.itemIndex,
		error: itemError(ctx, row, failure, plan),
		json: { ...json, mayHaveBeenProcessed: failure.certainty === 'unknown' },
	};
}

/** The batch's error, told for this item (the request carried several items' ids). */
function itemError(
	ctx: IExecuteFunctions,
	row: MembershipRow,
	failure: { error: NodeApiError; certainty: DeliveryCertainty },
	plan: MembershipPlan,
	prefix = '',
): NodeApiError {
	const text = failure.error.message.replace(/^Item \d+: /, '');
	const separator = prefix === '' && text.startsWith('"') ? ', ' : ': ';
	const maybe =
		failure.certainty === 'unknown'
			? ` (inSIM may still have ${plan.verb} them: check the list in inSIM)`
			: '';
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: failure.error.message },
		{
			message: `Item ${row.itemIndex}${separator}${prefix}${text}${maybe}`,
			description: failure.error.description ?? undefined,
			httpCode: failure.error.httpCode ?? undefined,
			itemIndex: row.itemIndex,
		},
	);
	error.context.deliveryCertainty = failure.certainty;
	return error;
}

function asApiError(ctx: IExecuteFunctions, caught: unknown): NodeApiError {
	if (caught instanceof NodeApiError) return caught;
	const error = new NodeApiError(ctx.getNode(), { message: String((caught as Error)?.message) });
	error.context.deliveryCertainty = 'unknown';
	return error;
}
