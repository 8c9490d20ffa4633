import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Where a user reports an answer shape the node does not know yet. */
export const REPORT_URL = 'https://github.com/ArdaryinSIM/n8n-nodes-insim/issues';

/** Most top-level keys quoted back: enough to recognise a shape, short enough to read. */
const MAX_KEYS_SHOWN = 20;
const MAX_KEY_LENGTH = 40;

export interface UnrecognisedAnswerSpec {
	/** the v2 endpoint as sent, e.g. `contacts` or `account/webhooks` */
	endpoint: string;
	/** what the contract looked for, in words: `a list of records under "contacts"` */
	expected: string;
	/** the answer as received (already scrubbed of secrets by the transport) */
	answer: unknown;
	itemIndex?: number;
	/**
	 * True for a request that changes something in inSIM (send, create, write): the request
	 * reached inSIM and was answered with success, so it may have been processed.
	 */
	writes: boolean;
}

/** The top-level keys of an answer, for an error message: `success, data, has_more`. */
export function describeTopLevelKeys(answer: unknown): string {
	if (Array.isArray(answer)) return `(an array of ${answer.length})`;
	if (typeof answer !== 'object' || answer === null) {
		return answer === undefined ? '(no answer)' : `(not an object: ${typeof answer})`;
	}
	const keys = Object.keys(answer);
	if (keys.length === 0) return '(none)';
	const shown = keys
		.slice(0, MAX_KEYS_SHOWN)
		.map((key) => (key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}…` : key));
	const more = keys.length > MAX_KEYS_SHOWN ? `, … (${keys.length} keys in all)` : '';
	return `${shown.join(', ')}${more}`;
}

/**
 * The one error for an answer whose shape the node does not recognise. It names the endpoint,
 * what was expected and the keys that came back, so a user can report it and the shape can be
 * added to the endpoint's contract. Never an empty result in its place.
 */
export function unrecognisedAnswerError(node: INode, spec: UnrecognisedAnswerSpec): NodeApiError {
	const keys = describeTopLevelKeys(spec.answer);
	const message = `inSIM answered v2/${spec.endpoint} in a shape this node does not recognise`;
	const outcome = spec.writes
		? 'inSIM answered with success, so the request may have been processed: check in inSIM before running the node again.'
		: 'Nothing was changed in inSIM.';
	const description =
		`Expected ${spec.expected}; the answer's top-level keys were: ${keys}. ${outcome} ` +
		`Please report this (endpoint and keys, never your access key) at ${REPORT_URL} so the node can read this shape.`;
	const error = new NodeApiError(
		node,
		{ message, endpoint: spec.endpoint, topLevelKeys: keys } as JsonObject,
		{ message, description, itemIndex: spec.itemIndex },
	);
	error.context.deliveryCertainty = spec.writes ? 'unknown' : 'notSent';
	error.context.unrecognisedAnswer = { endpoint: spec.endpoint, topLevelKeys: keys } as IDataObject;
	return error;
}

/** True for the error above (tests and the batch runner tell it from inSIM's own refusals). */
export function isUnrecognisedAnswerError(error: unknown): boolean {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	return typeof context?.unrecognisedAnswer === 'object' && context.unrecognisedAnswer !== null;
}
