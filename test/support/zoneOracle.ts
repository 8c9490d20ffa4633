/**
 * Luxon (n8n's own date library, installed with n8n-workflow) as the oracle for zone maths, for
 * the tests of the shared wall-time engine (nodes/shared/wallTime.ts) and of its two users.
 */
import { DateTime } from 'luxon';

export const WALL_FORMAT = 'yyyy-MM-dd HH:mm:ss';

const HOUR_MS = 3_600_000;
const PROBE_STEP_MS = HOUR_MS;
const offsetsOfDay = new Map<string, number[]>();

/**
 * Every instant Luxon shows as `wall` ('YYYY-MM-DD HH:mm:ss') in the zone, earliest first: empty
 * in a DST gap, two in a repeated hour. Brute force on purpose: Luxon's own wall -> instant guess
 * is wrong in rare cases (Australia/Lord_Howe 1981-03-01 00:45 exists, Luxon says it does not).
 * Any instant showing `wall` is within 15 h of it, and every offset lasts far longer than an hour:
 * the offsets seen every hour from 15 h before the day to 15 h after it are all candidates; an
 * instant shows `wall` when the zone's offset then is exactly the distance between the two.
 */
export function instantsShowing(wall: string, zone: string): number[] {
	const wallMs = Date.parse(`${wall.replace(' ', 'T')}Z`);
	const day = wall.slice(0, 10);
	const key = `${zone}|${day}`;
	let offsets = offsetsOfDay.get(key);
	if (offsets === undefined) {
		const midnight = Date.parse(`${day}T00:00:00Z`);
		const seen = new Set<number>();
		for (
			let probe = midnight - 15 * HOUR_MS;
			probe <= midnight + 39 * HOUR_MS;
			probe += PROBE_STEP_MS
		) {
			seen.add(DateTime.fromMillis(probe, { zone }).offset);
		}
		offsets = [...seen];
		offsetsOfDay.set(key, offsets);
	}
	return offsets
		.map((offset) => wallMs - Math.round(offset * 60_000))
		.filter(
			(instant) =>
				Math.round(DateTime.fromMillis(instant, { zone }).offset * 60_000) === wallMs - instant,
		)
		.sort((left, right) => left - right);
}
