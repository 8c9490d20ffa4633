import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeItemRanges } from '../helpers/batch';
import type { ItemError } from '../helpers/itemErrors';
import { nameItem } from '../helpers/itemErrors';
import { RESOURCES } from './resources';
import type { ItemOutcome } from './types';

/** How to say that `count` items were already acted on, per operation (`resource.operation`). */
const ACCEPTED_PHRASE: Record<string, (count: number) => string> = {
	'sms.send': (count) => `${count} SMS ${count === 1 ? 'was' : 'were'} already accepted by inSIM`,
	'contact.create': (count) =>
		`${count} ${count === 1 ? 'contact was' : 'contacts were'} already created`,
	'contact.upsert': (count) =>
		`${count} ${count === 1 ? 'contact was' : 'contacts were'} already created or updated`,
	'call.clickToCall': (count) =>
		`${count} ${count === 1 ? 'call was' : 'calls were'} already started`,
	'template.send': (count) =>
		`${count} template SMS ${count === 1 ? 'was' : 'were'} already accepted by inSIM`,
	'campaign.start': (count) =>
		`${count} ${count === 1 ? 'campaign was' : 'campaigns were'} already started`,
};

const acceptedPhraseOf = (resource: string, operation: string) =>
	ACCEPTED_PHRASE[`${resource}.${operation}`] ??
	((count: number) =>
		`${count} ${count === 1 ? 'item was' : 'items were'} already processed by inSIM`);

/**
 * Runs the selected operation and turns its per-item outcomes into output items: one per input
 * item, in input order, each with its pairedItem. This is the one place that applies
 * Continue On Fail.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = RESOURCES[resource]?.module.operations[operation];
	if (selected === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}

	// The one place that names an item in its error: messages are stored without it.
	const outcomes = (await selected.execute.call(this, items))
		.sort((a, b) => a.itemIndex - b.itemIndex)
		.map((outcome) =>
			'error' in outcome
				? { ...outcome, error: namedFor(outcome.error, outcome.itemIndex) }
				: outcome,
		);

	if (!this.continueOnFail()) {
		const failed = outcomes.find((outcome) => 'error' in outcome);
		if (failed && 'error' in failed) {
			throw withAcceptedSummary(failed.error, outcomes, acceptedPhraseOf(resource, operation));
		}
	}

	// "Continue (using error output)" routes on an item's `error`, and the engine then keeps only
	// the message (merged with the input item); the regular output keeps the detailed fields.
	const routeToErrorOutput = this.getNode().onError === 'continueErrorOutput';
	return [
		outcomes.flatMap((outcome): INodeExecutionData[] => {
			const pairedItem = { item: outcome.itemIndex };
			if (!('error' in outcome)) {
				return Array.isArray(outcome.json)
					? outcome.json.map((json) => ({ json, pairedItem }))
					: [{ json: outcome.json, pairedItem }];
			}
			const json = errorJson(outcome);
			return [
				routeToErrorOutput ? { json, error: outcome.error, pairedItem } : { json, pairedItem },
			];
		}),
	];
}

/** A copy of `error` (same class, fields and context) whose message names its item once. */
function namedFor(error: ItemError, itemIndex: number): ItemError {
	const copy = Object.assign(
		Object.create(Object.getPrototypeOf(error) as object) as ItemError,
		error,
	);
	copy.message = nameItem(error.message, itemIndex);
	copy.stack = error.stack;
	copy.context = { ...error.context };
	return copy;
}

function errorJson(outcome: Extract<ItemOutcome, { error: unknown }>): IDataObject {
	return {
		...(outcome.json ?? {}),
		success: false,
		error: outcome.error.message,
		...(outcome.error.description ? { errorDescription: outcome.error.description } : {}),
		itemIndex: outcome.itemIndex,
	};
}

/**
 * When the node fails after inSIM already acted on some items, says so in the error, so that
 * neither the user nor n8n's "Retry On Fail" sends them again without knowing.
 */
function withAcceptedSummary(
	error: Extract<ItemOutcome, { error: unknown }>['error'],
	outcomes: ItemOutcome[],
	acceptedPhrase: (count: number) => string,
) {
	const accepted = outcomes
		.filter((outcome) => 'accepted' in outcome && outcome.accepted)
		.map((outcome) => outcome.itemIndex);
	if (accepted.length === 0) return error;
	const phrase = acceptedPhrase(accepted.length);
	const summary = `${phrase} before this error (items ${describeItemRanges(accepted)}). Running the node again with the same input would repeat them: send only the failed items, or turn on "Continue (using error output)".`;
	error.message = `${error.message}. ${phrase}.`;
	error.description = error.description ? `${error.description}\n\n${summary}` : summary;
	error.context.acceptedItems = accepted;
	return error;
}
