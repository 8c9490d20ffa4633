/**
 * Turn the SMS "Scheduled Date" option into inSIM's `date_to_send` ("YYYY-MM-DD HH:mm:ss", a wall
 * time) in a chosen IANA time zone. Zone maths use only Intl.DateTimeFormat, so no date library is
 * shipped.
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

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
// The year range widened by a day on each side, where every zone's wall time is still in range.
const EARLIEST_INSTANT = Date.UTC(MIN_YEAR, 0, 1) - DAY_MS;
const LATEST_INSTANT = Date.UTC(MAX_YEAR + 1, 0, 1) + DAY_MS;

// Below this an epoch number is before March 1973 as milliseconds: almost surely seconds.
const SMALLEST_LIKELY_EPOCH_MS = 100_000_000_000;

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const EXPECTED_FORM = 'use the form YYYY-MM-DD HH:mm:ss (e.g. 2025-10-29 10:00:00)';

// Creating an Intl formatter is costly: one per zone, reused for every item.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
	return getFormatter(timeZone) !== undefined;
}

export function formatScheduledDate(value: unknown, timeZone: string): ScheduleResult {
	const zone = typeof timeZone === 'string' ? timeZone.trim() : '';
	const formatter = getFormatter(zone);
	if (formatter === undefined) {
		return fail(
			`cannot be placed in the unknown time zone "${zone}" (use a name like Europe/Paris)`,
		);
	}

	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return fail('is empty');
	}

	if (typeof value === 'string') return fromText(value.trim(), zone, formatter);
	// Not instanceof: a Date made in an expression sandbox comes from another realm.
	if (Object.prototype.toString.call(value) === '[object Date]') {
		return fromInstant((value as Date).getTime(), zone, formatter);
	}
	if (typeof value === 'number') {
		if (value > 0 && value < SMALLEST_LIKELY_EPOCH_MS) {
			return fail('looks like seconds since 1970: milliseconds are expected (multiply by 1000)');
		}
		return fromInstant(value, zone, formatter);
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
		return fromText(iso, zone, formatter);
	}
	return fail(`is not a date: ${EXPECTED_FORM}`);
}

function fromText(text: string, zone: string, formatter: Intl.DateTimeFormat): ScheduleResult {
	const match = DATE_TIME.exec(text);
	if (match === null) return fail(`is not a date: ${EXPECTED_FORM}`);
	const [, year, month, day, hour = '0', minute = '0', second = '0', offset] = match;
	const wall: WallTime = {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
	};
	const invalid = checkWallTime(wall);
	if (invalid !== undefined) return fail(invalid);

	if (offset !== undefined) {
		const offsetMinutes = parseOffsetMinutes(offset);
		if (offsetMinutes === undefined) return fail('has an invalid UTC offset');
		return fromInstant(wallAsUtc(wall) - offsetMinutes * MINUTE_MS, zone, formatter);
	}

	const instant = wallToInstant(wall, formatter);
	if (instant === undefined) {
		return fail(`does not exist in ${zone}: the clocks jump over it (daylight saving time change)`);
	}
	return success(wall, wallAsUtc(wall) - instant, zone);
}

function fromInstant(
	instant: number,
	zone: string,
	formatter: Intl.DateTimeFormat,
): ScheduleResult {
	if (!Number.isFinite(instant)) return fail('is not a valid date');
	// Far outside the range, Intl would print BC years without an era: refuse before formatting.
	if (instant < EARLIEST_INSTANT || instant > LATEST_INSTANT) return fail(yearRangeReason());
	const wholeSeconds = Math.floor(instant / 1000) * 1000;
	const wall = instantToWall(wholeSeconds, formatter);
	if (wall.year < MIN_YEAR || wall.year > MAX_YEAR) return fail(yearRangeReason());
	return success(wall, wallAsUtc(wall) - wholeSeconds, zone);
}

/**
 * The instant at which `wall` is shown in the zone, or undefined in a DST gap. Each candidate
 * offset (a day either side, and at the instants those lead to) is kept if the zone really has
 * that offset then; in a DST overlap two are kept and the earlier instant wins.
 */
function wallToInstant(wall: WallTime, formatter: Intl.DateTimeFormat): number | undefined {
	const wallMs = wallAsUtc(wall);
	const probes = [wallMs - DAY_MS, wallMs, wallMs + DAY_MS];
	const candidates = new Set(probes.map((probe) => offsetAt(probe, formatter)));
	// Same offset all around (most of the year): no change nearby, no need to look closer.
	if (candidates.size > 1) {
		for (const offset of [...candidates]) candidates.add(offsetAt(wallMs - offset, formatter));
	}
	let earliest: number | undefined;
	for (const offset of candidates) {
		const instant = wallMs - offset;
		if (offsetAt(instant, formatter) !== offset) continue;
		if (earliest === undefined || instant < earliest) earliest = instant;
	}
	return earliest;
}

/** Zone offset at an instant, in milliseconds (wall time read as UTC minus the instant). */
function offsetAt(instant: number, formatter: Intl.DateTimeFormat): number {
	const wholeSeconds = Math.floor(instant / 1000) * 1000;
	return wallAsUtc(instantToWall(wholeSeconds, formatter)) - wholeSeconds;
}

function instantToWall(instant: number, formatter: Intl.DateTimeFormat): WallTime {
	const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const part of formatter.formatToParts(instant)) {
		if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
	}
	// Some engines still print midnight as 24 despite hourCycle 'h23'.
	if (wall.hour === 24) wall.hour = 0;
	return wall;
}

function wallAsUtc(wall: WallTime): number {
	return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

function checkWallTime(wall: WallTime): string | undefined {
	if (wall.year < MIN_YEAR || wall.year > MAX_YEAR) return yearRangeReason();
	if (wall.month < 1 || wall.month > 12) return 'is not a valid date: the month must be 01 to 12';
	const daysInMonth = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
	if (wall.day < 1 || wall.day > daysInMonth) {
		return `is not a valid date: that month has ${daysInMonth} days`;
	}
	if (wall.hour > 23) return 'is not a valid time: the hour must be 00 to 23';
	if (wall.minute > 59) return 'is not a valid time: the minutes must be 00 to 59';
	if (wall.second > 59) return 'is not a valid time: the seconds must be 00 to 59';
	return undefined;
}

function parseOffsetMinutes(offset: string): number | undefined {
	if (offset.toUpperCase() === 'Z') return 0;
	const digits = offset.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	if (hours > 23 || minutes > 59) return undefined;
	return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function success(wall: WallTime, offsetMs: number, timeZone: string): ScheduleResult {
	const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
	const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
	return {
		ok: true,
		dateToSend: `${date} ${time}`,
		iso: `${date}T${time}${formatOffset(offsetMs)}`,
		timeZone,
	};
}

function formatOffset(offsetMs: number): string {
	const sign = offsetMs < 0 ? '-' : '+';
	const totalSeconds = Math.abs(offsetMs) / 1000;
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	// Only historical local mean times have offsets with seconds; ISO-8601 has no field for them.
	return `${sign}${pad(hours)}:${pad(minutes)}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
}

function getFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
	if (typeof timeZone !== 'string' || timeZone.trim() === '') return undefined;
	const zone = timeZone.trim();
	let formatter = formatters.get(zone);
	if (formatter === undefined) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', {
				timeZone: zone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric',
			});
		} catch {
			return undefined;
		}
		formatters.set(zone, formatter);
	}
	return formatter;
}

function isLuxonLike(value: unknown): value is { toISO: () => unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	);
}

function yearRangeReason(): string {
	return `is out of range: the year must be ${MIN_YEAR} to ${MAX_YEAR}`;
}

function pad(value: number, length = 2): string {
	return String(value).padStart(length, '0');
}

function fail(reason: string): ScheduleResult {
	return { ok: false, reason };
}
