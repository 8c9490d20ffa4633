/**
 * Turn the SMS "Scheduled Date" option into inSIM's `date_to_send` ("YYYY-MM-DD HH:mm:ss", a wall
 * time) in a chosen IANA time zone. The zone maths are the shared wall-time engine
 * (nodes/shared/wallTime.ts), which the trigger uses too.
 *
 * - A string without offset ('2025-10-29T10:00', '2025-10-29 10:00:00.000', '2025-10-29') is a wall
 *   time in `timeZone` and is kept exactly as written (a missing time means midnight).
 * - A string with 'Z' or an offset, a Date, a Luxon DateTime (anything with toISO()) and epoch
 *   milliseconds are instants, shown as the wall time in `timeZone`.
 * - Fractional seconds are dropped (truncated), as date_to_send has none.
 * - A wall time skipped by a DST change does not exist and is refused; one repeated by a DST change
 *   is ambiguous and resolves to the earlier instant (the first pass of the clock).
 * - An empty value is refused with 'is empty': callers treat empty as "not scheduled" beforehand.
 * - Past dates are not refused here: this helper does not read the clock.
 */
import type { WallTime } from '../../shared/wallTime';
import {
	MAX_YEAR,
	MIN_YEAR,
	checkWallTime,
	formatUtcOffset,
	formatWallTime,
	instantOfWallTime,
	isValidTimeZone,
	parseUtcOffset,
	wallAsUtc,
	wallTimeAt,
	wallTimeOfFields,
	yearRangeReason,
} from '../../shared/wallTime';

export type ScheduleResult =
	| {
			ok: true;
			/** Wall time in timeZone, 'YYYY-MM-DD HH:mm:ss'. */
			dateToSend: string;
			/** The same instant as ISO-8601 with the zone's offset, e.g. '2025-10-29T10:00:00+01:00'. */
			iso: string;
			timeZone: string;
	  }
	| { ok: false; reason: string };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// The year range widened by a day on each side, where every zone's wall time is still in range.
const EARLIEST_INSTANT = Date.UTC(MIN_YEAR, 0, 1) - DAY_MS;
const LATEST_INSTANT = Date.UTC(MAX_YEAR + 1, 0, 1) + DAY_MS;

// Below this an epoch number is before March 1973 as milliseconds: almost surely seconds.
const SMALLEST_LIKELY_EPOCH_MS = 100_000_000_000;

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const EXPECTED_FORM = 'use the form YYYY-MM-DD HH:mm:ss (e.g. 2025-10-29 10:00:00)';

export function formatScheduledDate(value: unknown, timeZone: string): ScheduleResult {
	const zone = typeof timeZone === 'string' ? timeZone.trim() : '';
	if (!isValidTimeZone(zone)) {
		return fail(
			`cannot be placed in the unknown time zone "${zone}" (use a name like Europe/Paris)`,
		);
	}

	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return fail('is empty');
	}

	if (typeof value === 'string') return fromText(value.trim(), zone);
	// Not instanceof: a Date made in an expression sandbox comes from another realm.
	if (Object.prototype.toString.call(value) === '[object Date]') {
		return fromInstant((value as Date).getTime(), zone);
	}
	if (typeof value === 'number') {
		if (value > 0 && value < SMALLEST_LIKELY_EPOCH_MS) {
			return fail('looks like seconds since 1970: milliseconds are expected (multiply by 1000)');
		}
		return fromInstant(value, zone);
	}
	if (isLuxonLike(value)) {
		let iso: unknown;
		try {
			iso = value.toISO();
		} catch {
			return fail('is not a valid date');
		}
		// Luxon returns null for an invalid DateTime; its ISO always carries an offset.
		if (typeof iso !== 'string' || iso === '') return fail('is not a valid date');
		return fromText(iso, zone);
	}
	return fail(`is not a date: ${EXPECTED_FORM}`);
}

function fromText(text: string, zone: string): ScheduleResult {
	const match = DATE_TIME.exec(text);
	if (match === null) return fail(`is not a date: ${EXPECTED_FORM}`);
	const wall = wallTimeOfFields(match.slice(1, 7));
	const offset = match[7];
	const invalid = checkWallTime(wall);
	if (invalid !== undefined) return fail(invalid);

	if (offset !== undefined) {
		const offsetMinutes = parseUtcOffset(offset);
		if (offsetMinutes === undefined) return fail('has an invalid UTC offset');
		return fromInstant(wallAsUtc(wall) - offsetMinutes * MINUTE_MS, zone);
	}

	const instant = instantOfWallTime(wall, zone);
	if (instant === undefined) {
		return fail(`does not exist in ${zone}: the clocks jump over it (daylight saving time change)`);
	}
	return success(wall, wallAsUtc(wall) - instant, zone);
}

function fromInstant(instant: number, zone: string): ScheduleResult {
	if (!Number.isFinite(instant)) return fail('is not a valid date');
	// Far outside the range, Intl would print BC years without an era: refuse before formatting.
	if (instant < EARLIEST_INSTANT || instant > LATEST_INSTANT) return fail(yearRangeReason());
	const wholeSeconds = Math.floor(instant / 1000) * 1000;
	const wall = wallTimeAt(wholeSeconds, zone);
	if (wall === undefined) return fail('is not a valid date');
	if (wall.year < MIN_YEAR || wall.year > MAX_YEAR) return fail(yearRangeReason());
	return success(wall, wallAsUtc(wall) - wholeSeconds, zone);
}

function success(wall: WallTime, offsetMs: number, timeZone: string): ScheduleResult {
	return {
		ok: true,
		dateToSend: formatWallTime(wall, ' '),
		iso: `${formatWallTime(wall, 'T')}${formatUtcOffset(offsetMs)}`,
		timeZone,
	};
}

function isLuxonLike(value: unknown): value is { toISO: () => unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	);
}

function fail(reason: string): ScheduleResult {
	return { ok: false, reason };
}
