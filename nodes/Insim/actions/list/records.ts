import type { IDataObject } from 'n8n-workflow';

/**
 * How `lists/contacts/add` and `lists/contacts/remove` answers are read per contact id. Only the
 * `added` count is shown by a vendor file (ReachTechnologies/insim-cli tests/test_integration.py);
 * the per-id arrays are read when present.
 */

/** How one contact id fared in an add or remove request. */
export type MembershipStatus = string;

export interface MembershipAnswerShape {
	/** the confirmed count key: `added` or `removed` */
	countKey: string;
	/** status of the ids the count covers, e.g. `added` */
	doneStatus: MembershipStatus;
	/** answer arrays of ids that were not done, and their status in the node's output */
	idLists: Array<{ key: string; status: MembershipStatus }>;
}

/** Status of an id whose fate inSIM's answer does not tell (only a count that does not add up). */
export const UNREPORTED = 'unreported';

/**
 * Each sent id → its status. Ids named in one of the per-id arrays get that array's status; the
 * others are done when no count is given or the count matches them, else `unreported`.
 */
export function membershipStatuses(
	answer: IDataObject,
	sentIds: string[],
	shape: MembershipAnswerShape,
): Map<string, MembershipStatus> {
	const statuses = new Map<string, MembershipStatus>();
	const sent = new Set(sentIds);
	let perIdGiven = false;
	for (const { key, status } of shape.idLists) {
		const ids = answer[key];
		if (!Array.isArray(ids)) continue;
		perIdGiven = true;
		for (const id of ids.map(String)) if (sent.has(id)) statuses.set(id, status);
	}
	const rest = sentIds.filter((id) => !statuses.has(id));
	const count = answer[shape.countKey];
	const countMatches =
		count === undefined || count === null ? perIdGiven : Number(count) === rest.length;
	for (const id of rest) statuses.set(id, countMatches ? shape.doneStatus : UNREPORTED);
	return statuses;
}
