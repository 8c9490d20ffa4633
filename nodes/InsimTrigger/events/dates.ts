/**
 * The event's own time, as ISO-8601 with an explicit offset: '…Z' for dates inSIM sends with Z
 * or an offset, the zone's offset for wall times (placed by the shared wall-time engine, the same
 * that places the action node's Scheduled Date). Pure; nothing here throws.
 */
import {
	checkWallTime,
	formatUtcOffset,
	formatWallTime,
	instantOfWallTime,
	parseUtcOffset,
	wallAsUtc,
	wallTimeOfFields,
} from '../../shared/wallTime';
import type { Payload } from './payload';

const MINUTE_MS = 60_000;
const MAX_DATE_LENGTH = 40;
// ISO-8601 with Z or an offset ('date', 'date_status').
const ZONED_DATE =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
// A wall time without offset ('call_time', click and qualification 'date').
const WALL_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?$/i;

/** The first of `keys` present: its time, or null and the value as sent when unreadable. */
export function eventTime(
	payload: Payload,
	keys: readonly string[],
	timeZone: unknown,
): { iso: string | null; raw?: unknown } {
	for (const key of keys) {
		const value = payload.get(key);
		if (value === undefined || value === null || value === '') continue;
		const iso = typeof value === 'string' ? normaliseDate(value.trim(), timeZone) : null;
		// Numbers and objects are not inSIM date shapes: keep them, do not guess a unit.
		return iso === null ? { iso, raw: value } : { iso };
	}
	return { iso: null };
}

/** ISO-8601 with an explicit offset, or null when the text is not one of inSIM's date shapes. */
function normaliseDate(text: string, timeZone: unknown): string | null {
	if (text.length > MAX_DATE_LENGTH) return null;
	const zoned = ZONED_DATE.exec(text);
	if (zoned !== null) return zonedToUtcIso(zoned);
	const wall = WALL_DATE.exec(text);
	return wall === null || typeof timeZone !== 'string' ? null : wallTimeToIso(wall, timeZone);
}

/** A wall time in `timeZone` with the zone's offset (fractional seconds dropped), or null. */
function wallTimeToIso(match: RegExpExecArray, timeZone: string): string | null {
	const wall = wallTimeOfFields(match.slice(1, 7));
	if (checkWallTime(wall) !== undefined) return null;
	const instant = instantOfWallTime(wall, timeZone);
	// undefined: a time skipped by a DST change, or an unknown zone.
	if (instant === undefined) return null;
	return `${formatWallTime(wall, 'T')}${formatUtcOffset(wallAsUtc(wall) - instant)}`;
}

function zonedToUtcIso(match: RegExpExecArray): string | null {
	const wall = wallTimeOfFields(match.slice(1, 7));
	const [, , , , , , , fraction = '', offset] = match;
	if (checkWallTime(wall) !== undefined) return null;
	const offsetMinutes = parseUtcOffset(offset);
	if (offsetMinutes === undefined) return null;
	const milliseconds = Number((fraction + '000').slice(0, 3));
	const instant = wallAsUtc(wall) + milliseconds - offsetMinutes * MINUTE_MS;
	const iso = new Date(instant).toISOString();
	// A year past 9999 would print as '+010000-…'.
	return iso.length === 24 ? iso : null;
}
