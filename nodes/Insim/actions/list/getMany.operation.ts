import { LISTS } from '../../contracts/reads';
import { wholeListOperation } from '../getMany';

/** API v2 `lists`: every list of the account. The endpoint takes no limit, so Limit cuts here. */
export const { description, execute } = wholeListOperation({
	resource: 'list',
	operation: 'getMany',
	contract: LISTS,
});
