import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOutcome } from '../types';
import { type MembershipPlan, changeMembership, membershipProperties } from './membership';

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['addContacts'] } },
	membershipProperties('add'),
);

/**
 * API v2 `lists/contacts/add`, batched. Each item's output lists its ids as `added`,
 * `alreadyInList` or `notFound` (no such contact); `unreported` when inSIM's answer does not say.
 */
const plan: MembershipPlan = {
	endpoint: 'lists/contacts/add',
	verb: 'added',
	shape: {
		countKey: 'added',
		doneStatus: 'added',
		idLists: [
			{ key: 'already_in_list', status: 'alreadyInList' },
			{ key: 'not_found', status: 'notFound' },
		],
	},
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await changeMembership(this, items, plan);
}
