import type { IDataObject } from 'n8n-workflow';

import { recordOf, withId } from '../../helpers/records';

/**
 * The answers of the list endpoints that the facts sheet does not show (insim-api-v2.md §2,
 * 28, 31–33) are read here, and only here, so a discovery changes one file.
 */

/**
 * `lists/detail` → the list with `members` (contact records). The members may come as a
 * top-level `contacts` or `members` array, or inside the list; in `lists` answers `contacts` is
 * the member count, so an array there is taken as the members and the count is kept as a number.
 */
export function listWithMembers(answer: IDataObject): IDataObject {
	const list = recordOf(answer, 'list');
	const members = [answer.contacts, answer.members, list.members, list.contacts].find(
		Array.isArray,
	) as unknown[] | undefined;
	const { members: _members, ...fields } = list;
	if (Array.isArray(fields.contacts)) fields.contacts = fields.contacts.length;
	return {
		...fields,
		members: (members ?? [])
			.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null)
			.map(withId),
	};
}

/** `lists/contacts/addall` → `{ added, skipped, total }`; a count inSIM leaves out stays out. */
export function addAllCounts(answer: IDataObject): IDataObject {
	const counts: IDataObject = {};
	for (const key of ['added', 'skipped', 'total']) {
		const value = Number(answer[key]);
		if (answer[key] !== undefined && answer[key] !== null && Number.isFinite(value)) {
			counts[key] = value;
		}
	}
	return counts;
}

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
