import { TEMPLATES } from '../../contracts/reads';
import { wholeListOperation } from '../getMany';

/** API v2 `templates`: the account's SMS templates (inSIM gives them all at once). */
export const { description, execute } = wholeListOperation({
	resource: 'template',
	operation: 'getMany',
	contract: TEMPLATES,
});
