import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOutcome } from '../types';
import { type MembershipPlan, changeMembership, membershipProperties } from './membership';

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['removeContacts'] } },
	membershipProperties('remove'),
);

/**
 * API v2 `lists/contacts/remove`, batched. Each item's output lists its ids as `removed`,
 * `notInList` or `notFound` (no such contact); `unreported` when inSIM's answer does not say.
 */
const plan: MembershipPlan = {
	endpoint: 'lists/contacts/remove',
	verb: 'removed',
	shape: {
		countKey: 'removed',
		doneStatus: 'removed',
		idLists: [
			{ key: 'not_in_list', status: 'notInList' },
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
