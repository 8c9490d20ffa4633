import { QUALIFICATION_OPTIONS } from '../../contracts/reads';
import { wholeListOperation } from '../getMany';

/** API v2 `qualifications/options`: the categories a call can be qualified with (all at once). */
export const { description, execute } = wholeListOperation({
	resource: 'qualification',
	operation: 'getManyOptions',
	contract: QUALIFICATION_OPTIONS,
});
