import { STATS_OVERVIEW } from '../../contracts/reads';
import { periodStatsOperation } from '../getMany';

/** API v2 `stats/overview`: SMS sent, received and delivered, calls by type, link clicks and the
 * contact count, as inSIM gives them (one output item). */
export const { description, execute } = periodStatsOperation({
	resource: 'stat',
	operation: 'getOverview',
	contract: STATS_OVERVIEW,
	counted: 'activity',
});
