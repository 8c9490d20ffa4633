import { membershipOperation } from './membership';

/**
 * API v2 `lists/contacts/remove`, batched. Each item's output lists its ids as `removed`,
 * `notInList` or `notFound` (no such contact); `unreported` when inSIM's answer does not say.
 */
export const { description, execute } = membershipOperation('removeContacts', {
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
});
