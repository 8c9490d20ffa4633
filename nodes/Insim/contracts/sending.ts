import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { entriesForPhones } from '../helpers/batch';
import { isPlainObject } from '../../shared/isPlainObject';
import { withId } from '../helpers/records';
import { REPORT_URL, describeTopLevelKeys, unrecognisedAnswerError } from './unrecognised';

/**
 * What the answer to a sending request says about one message. `sent` and `notSent` only where
 * the answer says so for that message (its own `sent`, or counts that prove it); `unknown` in
 * every other case: inSIM answered with success, so the message may have been processed.
 */
export type SendVerdict =
	| { verdict: 'sent'; entry: IDataObject }
	/** `proof`: `sent: 0` (the message's own flag) or `sent_count: 0`; `reason`: inSIM's text */
	| { verdict: 'notSent'; entry: IDataObject; proof: string; reason?: string }
	| { verdict: 'unknown'; entry: IDataObject; why: string };

/** `sent: 1` means sent, `sent: 0` not sent (ArdaryinSIM/insim-http-api README.md, v1). */
function sentFlag(value: unknown): boolean | undefined {
	if (value === 1 || value === true || value === '1') return true;
	if (value === 0 || value === false || value === '0') return false;
	return undefined;
}

/** Entries name their message's number `phone_number` (v1 also `phonenumber`). */
const entriesFor = (phones: string[], entries: unknown[]) =>
	entriesForPhones(phones, entries, (entry) => entry.phone_number ?? entry.phonenumber);

function verdictOf(
	entry: IDataObject | undefined,
	proven: 'sent' | 'notSent' | undefined,
	unknownWhy: string,
): SendVerdict {
	const flag = sentFlag(entry?.sent);
	const known = entry ?? {};
	if (flag === true || (flag === undefined && proven === 'sent')) {
		return { verdict: 'sent', entry: known };
	}
	if (flag === false || (flag === undefined && proven === 'notSent')) {
		const reason = typeof known.error === 'string' && known.error !== '' ? known.error : undefined;
		return {
			verdict: 'notSent',
			entry: known,
			proof: flag === false ? 'sent: 0' : 'sent_count: 0',
			reason,
		};
	}
	return { verdict: 'unknown', entry: known, why: entry === undefined ? 'no entry' : unknownWhy };
}

/**
 * API v2 `sendsms` and `templates/send`, one verdict per requested phone. Declared shape:
 * - `result[]`, one entry per message with `sent` (1 = sent): ReachTechnologies/insim-cli
 *   tests/test_integration.py and cli_anything/insim/core/sms.py; `results[]` is read too
 *   (no vendor file shows the `templates/send` answer: a guess, see the README);
 * - `sent_count`: the messages sent (the same CLI test: 1 for one message). It decides messages
 *   whose entry says nothing only when it proves them all sent or none sent (the CLI reads it
 *   when `result` is not a list, cli_anything/insim/core/sms.py).
 * Neither there: the one error for an unrecognised answer, "may have been processed".
 */
export function readV2SendAnswer(
	node: INode,
	answer: IDataObject,
	spec: { endpoint: string; phones: string[]; itemIndex: number },
): SendVerdict[] {
	const { phones } = spec;
	const listed = [answer.result, answer.results].find(Array.isArray) as unknown[] | undefined;
	// A lone message's entry may come as an object.
	const single = isPlainObject(answer.result) && phones.length === 1 ? [answer.result] : undefined;
	const list = listed ?? single;
	const count = typeof answer.sent_count === 'number' ? answer.sent_count : Number.NaN;
	const proven =
		count === phones.length ? 'sent' : count === 0 && phones.length > 0 ? 'notSent' : undefined;
	if (list === undefined && Number.isNaN(count)) {
		throw unrecognisedAnswerError(node, {
			endpoint: spec.endpoint,
			expected: 'one entry per message under "result" (or "results"), or a "sent_count"',
			answer,
			itemIndex: spec.itemIndex,
			writes: true,
		});
	}
	const entries = list === undefined ? phones.map(() => undefined) : entriesFor(phones, list);
	return entries.map((entry) =>
		verdictOf(entry, proven, 'its entry has no "sent" and the counts do not tell'),
	);
}

/**
 * API v1 `sendsms`: an array of `{ sent, id_sms_api, phone_number, … }`, or one such object for
 * one message (ArdaryinSIM/insim-http-api README.md), or the array under `messages`.
 */
export function readV1SendAnswer(
	node: INode,
	answer: unknown,
	spec: { path: string; phones: string[]; itemIndex: number },
): SendVerdict[] {
	const list = Array.isArray(answer)
		? answer
		: isPlainObject(answer) && ('sent' in answer || 'id_sms_api' in answer)
			? [answer]
			: isPlainObject(answer) && Array.isArray(answer.messages)
				? answer.messages
				: undefined;
	if (list === undefined) {
		const message = `inSIM answered ${spec.path} in a shape this node does not recognise`;
		const error = new NodeApiError(node, { message } as JsonObject, {
			message,
			description:
				`Expected one entry per message; the answer's top-level keys were: ${describeTopLevelKeys(answer)}. ` +
				'inSIM answered with success, so the messages may have been processed: check in inSIM before running the node again. ' +
				`Please report this at ${REPORT_URL}.`,
			itemIndex: spec.itemIndex,
		});
		error.context.deliveryCertainty = 'unknown';
		throw error;
	}
	return entriesFor(spec.phones, list).map((entry) =>
		verdictOf(entry, undefined, 'its entry has no "sent"'),
	);
}

/**
 * API v2 `campaigns/detail`, read before a start: the campaign under `campaign`, or at the top
 * level, with its `status` (ReachTechnologies/insim-cli cli_anything/insim/skills/SKILL.md:
 * check `recipients > 0` and `status = 0` before starting). Without a status it cannot be
 * checked, and nothing is started.
 */
export function campaignForStart(node: INode, answer: IDataObject, itemIndex: number): IDataObject {
	const record = isPlainObject(answer.campaign) ? withId(answer.campaign) : answer;
	if (record.status === undefined || record.status === null) {
		throw unrecognisedAnswerError(node, {
			endpoint: 'campaigns/detail',
			expected: 'the campaign with its "status", under "campaign" or at the top level',
			answer,
			itemIndex,
			writes: false,
		});
	}
	return record === answer ? withoutSuccess(answer) : record;
}

/** The answer's fields but its `success` flag. */
export function withoutSuccess(answer: IDataObject): IDataObject {
	const rest = { ...answer };
	delete rest.success;
	return rest;
}
