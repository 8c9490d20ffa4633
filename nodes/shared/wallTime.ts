/**
 * The one wall-time engine of both nodes: the wall time an IANA time zone shows at an instant, and
 * the instant at which it shows a wall time. The action node places its Scheduled Date with it
 * (Insim/helpers/schedule.ts), the trigger the dates inSIM sends without an offset
 * (InsimTrigger/events/dates.ts). Only Intl.DateTimeFormat: no date library is shipped.
 *
 * - A wall time skipped by a DST change has no instant; one repeated by a DST change resolves to
 *   the earlier instant (the first pass of the clock).
 * - Whole seconds only: fractions are dropped (truncated) by the callers.
 * - Nothing here reads the clock or throws.
 */

export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Offsets span -12 h to +14 h: every instant whose wall time falls in a day is within 14 h of it.
const OFFSET_SPAN_MS = 14 * HOUR_MS;
const GMT_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/**
 * What is known of a zone on a day: the one offset it has (minutes east of UTC), or the two it
 * switches between (a DST day), or null (unknown zone, offset with seconds).
 */
type DayOffsets = { fixed: number } | { between: [number, number] } | null;

// Creating an Intl formatter is costly: one per zone, reused. Bounded caches: a rare full clear
// is cheaper than tracking the least recently used entry. null remembers an unknown zone.
const MAX_CACHED_ZONES = 100;
const MAX_CACHED_DAYS = 1000;
const wallFormatters = new Map<string, Intl.DateTimeFormat | null>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat | null>();
const dayOffsets = new Map<string, DayOffsets>();

export function isValidTimeZone(timeZone: string): boolean {
	return typeof timeZone === 'string' && wallFormatterOf(timeZone.trim()) !== undefined;
}

/** The wall time `timeZone` shows at `instant` (whole seconds), or undefined for an unknown zone. */
export function wallTimeAt(instant: number, timeZone: string): WallTime | undefined {
	const formatter = wallFormatterOf(timeZone.trim());
	if (formatter === undefined || !Number.isFinite(instant)) return undefined;
	return readWallTime(Math.floor(instant / 1000) * 1000, formatter);
}

/**
 * The instant at which `timeZone` shows `wall`, or undefined in a DST gap or an unknown zone.
 * The zone's offsets are read once per zone and day, at both ends of the span of instants the day
 * covers (one cheap Intl call each). Equal: no change in between, every time of the day has that
 * offset. Different (a DST day): each is kept if the zone really has it at the instant it gives,
 * and the larger offset (the earlier instant) wins. Unreadable (offsets with seconds) or no
 * candidate left (a gap): the exact search decides.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number | undefined {
	const zone = timeZone.trim();
	const wallMs = wallAsUtc(wall);
	const midnight = Date.UTC(wall.year, wall.month - 1, wall.day);
	const key = `${zone}|${midnight}`;
	let known = dayOffsets.get(key);
	if (known === undefined) {
		known = offsetsOfDay(midnight, zone);
		if (dayOffsets.size >= MAX_CACHED_DAYS) dayOffsets.clear();
		dayOffsets.set(key, known);
	}
	let offset: number | undefined;
	if (known !== null && 'fixed' in known) {
		offset = known.fixed;
	} else if (known !== null) {
		for (const candidate of known.between) {
			const actual = offsetMinutesAt(wallMs - candidate * MINUTE_MS, zone);
			if (actual === candidate && (offset === undefined || candidate > offset)) offset = candidate;
		}
	}
	if (offset !== undefined) return wallMs - offset * MINUTE_MS;
	const formatter = wallFormatterOf(zone);
	return formatter === undefined ? undefined : exactInstantOf(wallMs, formatter);
}

/** A wall time from its fields as text, year first; a missing field (time of day) is 0. */
export function wallTimeOfFields(fields: ReadonlyArray<string | undefined>): WallTime {
	const [year, month, day, hour, minute, second] = [0, 1, 2, 3, 4, 5].map((index) =>
		Number(fields[index] ?? 0),
	);
	return { year, month, day, hour, minute, second };
}

/** A wall time's fields read as if it were UTC, in milliseconds. */
export function wallAsUtc(wall: WallTime): number {
	return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Why `wall` is not a real date and time in the supported years, or undefined when it is. */
export function checkWallTime(wall: WallTime): string | undefined {
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

export function yearRangeReason(): string {
	return `is out of range: the year must be ${MIN_YEAR} to ${MAX_YEAR}`;
}

/** 'Z', '+01:00', '-0530', '+01' → minutes east of UTC; undefined past 23 h or 59 min. */
export function parseUtcOffset(offset: string): number | undefined {
	if (offset.toUpperCase() === 'Z') return 0;
	const digits = offset.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	if (hours > 23 || minutes > 59) return undefined;
	return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** 'YYYY-MM-DD' + separator + 'HH:mm:ss'. */
export function formatWallTime(wall: WallTime, separator: ' ' | 'T'): string {
	const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
	return `${date}${separator}${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** '+01:00', '-03:30'; with ':ss' only for the historical offsets that have seconds. */
export function formatUtcOffset(offsetMs: number): string {
	const sign = offsetMs < 0 ? '-' : '+';
	const totalSeconds = Math.abs(offsetMs) / 1000;
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	// ISO-8601 has no field for seconds: they are written only where the zone really had them.
	return `${sign}${pad(hours)}:${pad(minutes)}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
}

/**
 * The exact search: each candidate offset (a day either side, and at the instants those lead to)
 * is kept if the zone really has that offset then; in a DST overlap two are kept and the earlier
 * instant wins; none in a DST gap.
 */
function exactInstantOf(wallMs: number, formatter: Intl.DateTimeFormat): number | undefined {
	const probes = [wallMs - DAY_MS, wallMs, wallMs + DAY_MS];
	const candidates = new Set(probes.map((probe) => offsetMsAt(probe, formatter)));
	// Same offset all around (most of the year): no change nearby, no need to look closer.
	if (candidates.size > 1) {
		for (const offset of [...candidates]) candidates.add(offsetMsAt(wallMs - offset, formatter));
	}
	let earliest: number | undefined;
	for (const offset of candidates) {
		const instant = wallMs - offset;
		if (offsetMsAt(instant, formatter) !== offset) continue;
		if (earliest === undefined || instant < earliest) earliest = instant;
	}
	return earliest;
}

/** Zone offset at an instant, in milliseconds (wall time read as UTC minus the instant). */
function offsetMsAt(instant: number, formatter: Intl.DateTimeFormat): number {
	const wholeSeconds = Math.floor(instant / 1000) * 1000;
	return wallAsUtc(readWallTime(wholeSeconds, formatter)) - wholeSeconds;
}

function readWallTime(instant: number, formatter: Intl.DateTimeFormat): WallTime {
	const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const part of formatter.formatToParts(instant)) {
		if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
	}
	// Some engines still print midnight as 24 despite hourCycle 'h23'.
	if (wall.hour === 24) wall.hour = 0;
	return wall;
}

function offsetsOfDay(midnight: number, zone: string): DayOffsets {
	const before = offsetMinutesAt(midnight - OFFSET_SPAN_MS, zone);
	const after = offsetMinutesAt(midnight + DAY_MS + OFFSET_SPAN_MS, zone);
	if (before === undefined || after === undefined) return null;
	return before === after ? { fixed: before } : { between: [before, after] };
}

/** The zone's offset at an instant in minutes, or undefined (unknown zone, offset with seconds). */
function offsetMinutesAt(instant: number, zone: string): number | undefined {
	const formatter = cachedFormatter(offsetFormatters, zone, {
		timeZone: zone,
		timeZoneName: 'longOffset',
	});
	if (formatter === undefined || !Number.isFinite(instant)) return undefined;
	// e.g. '1/15/2025, GMT+01:00'; plain 'GMT' for a zero offset.
	const match = GMT_OFFSET.exec(formatter.format(instant));
	if (match === null) return undefined;
	const [, sign, hours, minutes] = match;
	if (sign === undefined) return 0;
	return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

function wallFormatterOf(zone: string): Intl.DateTimeFormat | undefined {
	if (zone === '') return undefined;
	return cachedFormatter(wallFormatters, zone, {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
}

function cachedFormatter(
	cache: Map<string, Intl.DateTimeFormat | null>,
	zone: string,
	options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat | undefined {
	let formatter = cache.get(zone);
	if (formatter === undefined) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', options);
		} catch {
			// An unknown zone: remembered as such.
			formatter = null;
		}
		if (cache.size >= MAX_CACHED_ZONES) cache.clear();
		cache.set(zone, formatter);
	}
	return formatter ?? undefined;
}

function pad(value: number, length = 2): string {
	return String(value).padStart(length, '0');
}
