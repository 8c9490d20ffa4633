import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../helpers/batch';
import type { ItemError } from '../../helpers/itemErrors';
import {
	SKIPPED_PREFIX,
	certaintyOf,
	errorForItem,
	invalidFieldError,
	skippedError,
} from '../../helpers/itemErrors';
import { locatorId, textList } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { afterSharedFailure, makeRequests, startBatchedWrite } from '../batchRunner';
import { batchSizeOption, optionsCollection, timeoutOption } from '../common.descriptions';
import type { ItemOutcome, OperationModule } from '../types';
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
		optionsCollection([
			batchSizeOption(
				'How many contact IDs go to inSIM in one request. Items that name the same list are merged into as few requests as this allows.',
			),
			timeoutOption(),
		]),
	];
}

interface MembershipRow {
	itemIndex: number;
	listId: string;
	/** this item's ids, without repeats, in the order given */
	ids: string[];
}

/** What became of one id of one list: its status, its request's failure, or skipped. */
type IdResult = { status: MembershipStatus } | { failure: ItemError } | { skippedAfter: ItemError };

interface IdBatch {
	listId: string;
	ids: string[];
}

const FIELD_LABELS = { list_id: 'List', contact_ids: 'Contact IDs' };

/**
 * Adds or removes contacts in batches: items that target the same list share requests (up to
 * Batch Size ids each, an id named by several items is sent once), and every item gets the
 * status of each of its own ids. The requests go through the batch runner's one loop.
 */
export async function changeMembership(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: MembershipPlan,
): Promise<ItemOutcome[]> {
	const stopOnFirstError = !ctx.continueOnFail();
	const start = startBatchedWrite(ctx, items.length, (itemIndex) => readRow(ctx, itemIndex));
	if ('done' in start) return start.done;
	const { rows, invalid: outcomes } = start;

	// A Set keeps the first-seen order and sends an id named by several items once.
	const idsByList = new Map<string, Set<string>>();
	for (const row of rows) {
		const ids = idsByList.get(row.listId) ?? new Set<string>();
		for (const id of row.ids) ids.add(id);
		idsByList.set(row.listId, ids);
	}
	const batches = [...idsByList].flatMap(([listId, ids]) =>
		chunk([...ids], start.batchSize).map((batch): IdBatch => ({ listId, ids: batch })),
	);
	const requests = await makeRequests(ctx, {
		batches,
		send: async (batch) =>
			membershipStatuses(
				await insimV2Request.call(
					ctx,
					plan.endpoint,
					{ list_id: batch.listId, contact_ids: batch.ids },
					{ timeoutSeconds: start.timeoutSeconds, fieldLabels: FIELD_LABELS },
				),
				batch.ids,
				plan.shape,
			),
		skipRestAfter: afterSharedFailure,
	});

	const results = new Map<string, Map<string, IdResult>>();
	for (const request of requests) {
		const listResults = results.get(request.batch.listId) ?? new Map<string, IdResult>();
		results.set(request.batch.listId, listResults);
		if ('answer' in request) {
			for (const [id, status] of request.answer) listResults.set(id, { status });
		} else {
			for (const id of request.batch.ids) listResults.set(id, request);
		}
	}
	const firstFailure = requests.find((request) => 'failure' in request);
	for (const row of rows) {
		const outcome = rowOutcome(ctx, row, results.get(row.listId), plan, {
			firstFailure: firstFailure && 'failure' in firstFailure ? firstFailure.failure : undefined,
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
		firstFailure: ItemError | undefined;
		/** Continue On Fail off: the node fails with the first error, so untried items need none. */
		omitUntried: boolean;
	},
): ItemOutcome | undefined {
	const node = ctx.getNode();
	const statuses: IDataObject = { [plan.shape.doneStatus]: [] };
	for (const { status } of plan.shape.idLists) statuses[status] = [];
	let failure: ItemError | undefined;
	let earlier: ItemError | undefined;
	let unsent = 0;
	let done = 0;
	for (const id of row.ids) {
		const result = listResults?.get(id);
		if (result === undefined || 'skippedAfter' in result) {
			unsent++;
			if (result) earlier ??= result.skippedAfter;
		} else if ('failure' in result) failure ??= result.failure;
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
	if (failure !== undefined) {
		const error = errorForItem(node, failure, row.itemIndex, {
			unknownNote: ` (inSIM may still have ${plan.verb} them: check the list in inSIM)`,
		});
		return {
			itemIndex: row.itemIndex,
			error,
			json: { ...json, mayHaveBeenProcessed: certaintyOf(failure) === 'unknown' },
		};
	}
	earlier ??= run.firstFailure;
	if (earlier === undefined || (done === 0 && run.omitUntried)) return undefined;
	const error =
		done === 0
			? skippedError(node, earlier, row.itemIndex)
			: errorForItem(node, earlier, row.itemIndex, {
					certainty: 'notSent',
					prefix: `only ${done} of its ${row.ids.length} contact IDs were sent (see the output); the others were ${SKIPPED_PREFIX}`,
				});
	return { itemIndex: row.itemIndex, error, json: { ...json, mayHaveBeenProcessed: false } };
}

/** The List → Add Contacts or Remove Contacts operation: its fields and its batched execute. */
export function membershipOperation(
	operation: 'addContacts' | 'removeContacts',
	plan: MembershipPlan,
): OperationModule {
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['list'], operation: [operation] } },
			membershipProperties(operation === 'addContacts' ? 'add' : 'remove'),
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<ItemOutcome[]> {
			return await changeMembership(this, items, plan);
		},
	};
}
