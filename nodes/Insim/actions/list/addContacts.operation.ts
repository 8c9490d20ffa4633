import { membershipOperation } from './membership';

/**
 * API v2 `lists/contacts/add`, batched. Each item's output lists its ids as `added`,
 * `alreadyInList` or `notFound` (no such contact); `unreported` when inSIM's answer does not say.
 */
export const { description, execute } = membershipOperation('addContacts', {
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
});
