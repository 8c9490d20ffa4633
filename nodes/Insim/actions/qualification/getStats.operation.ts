import { QUALIFICATION_STATS } from '../../contracts/reads';
import { periodStatsOperation } from '../getMany';

/** API v2 `qualifications/stats`: total and qualified calls, the qualification rate and the
 * breakdowns by call type and by option, as inSIM gives them (one output item). */
export const { description, execute } = periodStatsOperation({
	resource: 'qualification',
	operation: 'getStats',
	contract: QUALIFICATION_STATS,
	counted: 'calls',
});
