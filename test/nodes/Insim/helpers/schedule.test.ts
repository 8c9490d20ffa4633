import { runInNewContext } from 'node:vm';

import { DateTime } from 'luxon';

import { formatScheduledDate } from '../../../../nodes/Insim/helpers/schedule';
import {
	formatUtcOffset,
	instantOfWallTime,
	isValidTimeZone,
	parseUtcOffset,
	wallTimeAt,
	wallTimeOfFields,
} from '../../../../nodes/shared/wallTime';
import { seededRandom } from '../../../support/random';
import { WALL_FORMAT, instantsShowing } from '../../../support/zoneOracle';

// Luxon (n8n's own date library, installed with n8n-workflow) is the oracle for zone maths.

function ok(value: unknown, timeZone: string) {
	const result = formatScheduledDate(value, timeZone);
	if (!result.ok)
		throw new Error(`expected ok for ${String(value)} in ${timeZone}: ${result.reason}`);
	return result;
}

function reasonOf(value: unknown, timeZone = 'Europe/Paris'): string {
	const result = formatScheduledDate(value, timeZone);
	if (result.ok) throw new Error(`expected a refusal for ${String(value)}: ${result.dateToSend}`);
	return result.reason;
}

const DAY_MS = 86_400_000;

/** The first instant after `start` (to the minute, within ~a year) where the zone's offset changes. */
function nextOffsetChange(zone: string, start: number): number | undefined {
	const offset = (millis: number) => DateTime.fromMillis(millis, { zone }).offset;
	const initial = offset(start);
	for (let week = 1; week <= 54; week++) {
		let high = start + week * 7 * DAY_MS;
		if (offset(high) === initial) continue;
		let low = high - 7 * DAY_MS;
		while (high - low > 60_000) {
			const middle = Math.floor((low + high) / 120_000) * 60_000;
			if (offset(middle) === initial) low = middle;
			else high = middle;
		}
		return high;
	}
	return undefined;
}

describe('isValidTimeZone', () => {
	test.each(['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'])(
		'%s is valid',
		(zone) => expect(isValidTimeZone(zone)).toBe(true),
	);
	test.each(['', ' ', 'Mars/Olympus', 'Europe/Pariss', 'GMT+25'])('%j is not', (zone) =>
		expect(isValidTimeZone(zone)).toBe(false),
	);
});

describe('formatScheduledDate: a wall time without offset is kept exactly as written', () => {
	test.each([
		['2025-10-29T10:00:00', 'Europe/Paris', '2025-10-29 10:00:00', '2025-10-29T10:00:00+01:00'],
		['2025-10-29 10:00', 'Europe/Paris', '2025-10-29 10:00:00', '2025-10-29T10:00:00+01:00'],
		['2025-10-29T10:00:00.000', 'Europe/Paris', '2025-10-29 10:00:00', '2025-10-29T10:00:00+01:00'],
		['2025-10-29t10:00:59.999', 'Europe/Paris', '2025-10-29 10:00:59', '2025-10-29T10:00:59+01:00'],
		['2025-07-14 10:00:00', 'Europe/Paris', '2025-07-14 10:00:00', '2025-07-14T10:00:00+02:00'],
		['2025-01-15 09:30', 'America/New_York', '2025-01-15 09:30:00', '2025-01-15T09:30:00-05:00'],
		['2025-07-15 09:30', 'America/New_York', '2025-07-15 09:30:00', '2025-07-15T09:30:00-04:00'],
		['2025-10-29 10:00', 'Asia/Kolkata', '2025-10-29 10:00:00', '2025-10-29T10:00:00+05:30'],
		['2025-06-01 12:00', 'Pacific/Chatham', '2025-06-01 12:00:00', '2025-06-01T12:00:00+12:45'],
		['2025-12-01 12:00', 'Pacific/Chatham', '2025-12-01 12:00:00', '2025-12-01T12:00:00+13:45'],
		['2025-10-29 10:00', 'UTC', '2025-10-29 10:00:00', '2025-10-29T10:00:00+00:00'],
		['2025-10-29', 'Europe/Paris', '2025-10-29 00:00:00', '2025-10-29T00:00:00+01:00'],
		[' 2024-02-29 23:59:59 ', 'Europe/Paris', '2024-02-29 23:59:59', '2024-02-29T23:59:59+01:00'],
	])('%j in %s', (value, zone, dateToSend, iso) => {
		expect(formatScheduledDate(value, zone)).toEqual({ ok: true, dateToSend, iso, timeZone: zone });
		expect(DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat(WALL_FORMAT)).toBe(
			dateToSend,
		);
	});
});

describe('formatScheduledDate: an instant is shown as the wall time of the zone', () => {
	const instant = '2025-10-29T09:00:00.000Z';
	test.each([
		['Europe/Paris', '2025-10-29 10:00:00', '+01:00'],
		['America/New_York', '2025-10-29 05:00:00', '-04:00'],
		['Asia/Kolkata', '2025-10-29 14:30:00', '+05:30'],
		['Pacific/Chatham', '2025-10-29 22:45:00', '+13:45'],
		['UTC', '2025-10-29 09:00:00', '+00:00'],
	])('%s', (zone, dateToSend, offset) => {
		const expected = {
			ok: true,
			dateToSend,
			iso: `${dateToSend.replace(' ', 'T')}${offset}`,
			timeZone: zone,
		};
		const millis = Date.parse(instant);
		for (const value of [
			instant,
			'2025-10-29T09:00:00Z',
			'2025-10-29 09:00z',
			'2025-10-29T10:00:00+01:00',
			'2025-10-29T11:00:00+0200',
			'2025-10-29T04:00:00-05',
			'2025-10-29T14:30:00.000+05:30',
			new Date(millis),
			millis,
			millis + 999, // fractional seconds are truncated
			DateTime.fromMillis(millis, { zone: 'Asia/Tokyo' }),
		]) {
			expect([value, formatScheduledDate(value, zone)]).toEqual([value, expected]);
		}
	});

	test('a Luxon DateTime made in another zone keeps its instant', () => {
		const luxon = DateTime.fromISO('2025-10-29T10:00:00', { zone: 'Europe/Paris' });
		expect(ok(luxon, 'America/New_York').dateToSend).toBe('2025-10-29 05:00:00');
	});

	test('any object with toISO() is treated like a Luxon DateTime', () => {
		const fake = { toISO: () => '2025-10-29T09:00:00.000Z' };
		expect(ok(fake, 'Europe/Paris').dateToSend).toBe('2025-10-29 10:00:00');
	});

	test('a Date from another realm (expression sandbox) is still a Date', () => {
		const foreign = runInNewContext('new Date(Date.UTC(2025, 9, 29, 9))') as unknown;
		expect(foreign instanceof Date).toBe(false);
		expect(ok(foreign, 'Europe/Paris').dateToSend).toBe('2025-10-29 10:00:00');
	});
});

describe('formatScheduledDate: daylight saving time changes', () => {
	test.each([
		['2025-03-30 02:30', 'Europe/Paris'],
		['2025-03-30 02:00', 'Europe/Paris'],
		['2025-03-30 02:59:59', 'Europe/Paris'],
		['2025-03-09 02:30', 'America/New_York'],
		['2025-09-28 03:00', 'Pacific/Chatham'], // 02:45 jumps to 03:45
		['2011-12-30 12:00', 'Pacific/Apia'], // Samoa skipped the whole day
	])('%s does not exist in %s', (value, zone) => {
		expect(reasonOf(value, zone)).toBe(
			`does not exist in ${zone}: the clocks jump over it (daylight saving time change)`,
		);
	});

	test('the minutes around a gap exist', () => {
		expect(ok('2025-03-30 01:59:59', 'Europe/Paris').iso).toBe('2025-03-30T01:59:59+01:00');
		expect(ok('2025-03-30 03:00', 'Europe/Paris').iso).toBe('2025-03-30T03:00:00+02:00');
		expect(ok('2025-09-28 02:44:59', 'Pacific/Chatham').iso).toBe('2025-09-28T02:44:59+12:45');
		expect(ok('2025-09-28 03:45', 'Pacific/Chatham').iso).toBe('2025-09-28T03:45:00+13:45');
	});

	test.each([
		['2025-10-26 02:30', 'Europe/Paris', '2025-10-26T02:30:00+02:00'],
		['2025-10-26 02:00', 'Europe/Paris', '2025-10-26T02:00:00+02:00'],
		['2025-11-02 01:30', 'America/New_York', '2025-11-02T01:30:00-04:00'],
		['2025-04-06 03:00', 'Pacific/Chatham', '2025-04-06T03:00:00+13:45'],
	])('%s happens twice in %s: the earlier instant is chosen', (value, zone, iso) => {
		const result = ok(value, zone);
		expect(result.iso).toBe(iso);
		// The same wall time comes back one hour later: that later pass is the one not chosen.
		const laterPass = DateTime.fromMillis(Date.parse(iso) + 3_600_000, { zone });
		expect(laterPass.toFormat(WALL_FORMAT)).toBe(result.dateToSend);
	});

	test('an instant in the second pass of a repeated hour keeps its own offset', () => {
		expect(ok('2025-10-26T01:30:00Z', 'Europe/Paris')).toMatchObject({
			dateToSend: '2025-10-26 02:30:00',
			iso: '2025-10-26T02:30:00+01:00',
		});
	});
});

describe('formatScheduledDate: refusals', () => {
	test.each([
		['2025-02-30 10:00', /^is not a valid date: that month has 28 days$/],
		['2025-02-29', /^is not a valid date: that month has 28 days$/],
		['2025-04-31T10:00', /^is not a valid date: that month has 30 days$/],
		['2025-13-01 10:00', /^is not a valid date: the month must be 01 to 12$/],
		['2025-00-10 10:00', /^is not a valid date: the month must be 01 to 12$/],
		['2025-10-00 10:00', /^is not a valid date: that month has 31 days$/],
		['2025-10-29 25:00', /^is not a valid time: the hour must be 00 to 23$/],
		['2025-10-29 24:00', /^is not a valid time: the hour must be 00 to 23$/],
		['2025-10-29 10:60', /^is not a valid time: the minutes must be 00 to 59$/],
		['2025-10-29 10:00:60', /^is not a valid time: the seconds must be 00 to 59$/],
		['2025-02-30T10:00:00Z', /^is not a valid date: that month has 28 days$/],
		['2025-10-29T10:00:00+25:00', /^has an invalid UTC offset$/],
		['29/10/2025 10:00', /^is not a date: use the form YYYY-MM-DD HH:mm:ss/],
		['tomorrow', /^is not a date: use the form YYYY-MM-DD HH:mm:ss/],
		['2025-10-29 10h00', /^is not a date: use the form YYYY-MM-DD HH:mm:ss/],
		['1969-12-31 23:00', /^is out of range: the year must be 1970 to 9999$/],
		[-86_400_000 * 400, /^is out of range/],
		[1_761_732_000, /^looks like seconds since 1970: milliseconds are expected/],
		[Number.NaN, /^is not a valid date$/],
		[new Date('nonsense'), /^is not a valid date$/],
		[DateTime.invalid('test'), /^is not a valid date$/],
		[
			{
				toISO: () => {
					throw new Error('boom');
				},
			},
			/^is not a valid date$/,
		],
		[{ date: '2025-10-29' }, /^is not a date/],
		[true, /^is not a date/],
		['', /^is empty$/],
		['   ', /^is empty$/],
		[undefined, /^is empty$/],
		[null, /^is empty$/],
	])('%j', (value, reason) => {
		expect(reasonOf(value)).toMatch(reason);
	});

	test('an unknown time zone is named in the reason (it is not the value the caller shows)', () => {
		expect(reasonOf('2025-10-29 10:00', 'Europe/Pariss')).toBe(
			'cannot be placed in the unknown time zone "Europe/Pariss" (use a name like Europe/Paris)',
		);
	});
});

describe('formatScheduledDate: properties against Luxon', () => {
	const zones = [
		'UTC',
		'Europe/Paris',
		'Europe/London',
		'Europe/Dublin', // negative DST in tzdata
		'America/New_York',
		'America/St_Johns', // -03:30 / -02:30
		'America/Sao_Paulo',
		'Asia/Kolkata',
		'Asia/Kathmandu', // +05:45
		'Asia/Tehran',
		'Australia/Lord_Howe', // 30-minute DST
		'Pacific/Chatham',
		'Pacific/Apia',
		'Pacific/Kiritimati', // +14:00
		'Africa/Casablanca', // DST suspended each Ramadan
		'Antarctica/Troll', // 2-hour DST
	];
	// From 1974: smaller epoch numbers are refused as probable seconds.
	const from = Date.UTC(1974, 0, 1);
	const to = Date.UTC(2100, 0, 1);

	test('instant -> wall time matches Luxon, and the wall time parses back to the instant', () => {
		const random = seededRandom(1029);
		let repeatedHour = 0;
		for (let run = 0; run < 3000; run++) {
			const zone = zones[run % zones.length];
			const instant = Math.floor((from + random() * (to - from)) / 1000) * 1000;
			const first = ok(instant, zone);
			const luxon = DateTime.fromMillis(instant, { zone });
			expect([zone, instant, first.dateToSend]).toEqual([
				zone,
				instant,
				luxon.toFormat(WALL_FORMAT),
			]);
			expect([zone, instant, Date.parse(first.iso)]).toEqual([zone, instant, instant]);

			const back = ok(first.dateToSend, zone);
			expect(back.dateToSend).toBe(first.dateToSend);
			if (back.iso !== first.iso) {
				// Only the second pass of a repeated hour: the same wall time resolves to the earlier pass.
				repeatedHour++;
				expect([zone, instant, Date.parse(back.iso) < instant]).toEqual([zone, instant, true]);
			}
		}
		expect(repeatedHour).toBeLessThan(10);
	});

	test('wall times around DST changes: kept, or refused exactly when Luxon says they do not exist', () => {
		const random = seededRandom(2025);
		const tally = { kept: 0, gaps: 0, repeated: 0 };
		for (let run = 0; run < 1500; run++) {
			const zone = zones[run % zones.length];
			const start = from + random() * (to - from - 400 * DAY_MS);
			const change = nextOffsetChange(zone, start);
			// The wall time just before the change, moved by -1 h to +3 h as plain wall arithmetic, so
			// it lands in skipped and repeated wall times as well as ordinary ones.
			const before = DateTime.fromMillis((change ?? start) - 60_000, { zone });
			const wall = DateTime.fromObject(before.toObject(), { zone: 'UTC' })
				.set({ second: 0, millisecond: 0 })
				.plus({ minutes: Math.floor(random() * 240) - 60 })
				.toFormat(WALL_FORMAT);

			const result = formatScheduledDate(wall, zone);
			const instants = instantsShowing(wall, zone);
			expect([zone, wall, result.ok]).toEqual([zone, wall, instants.length > 0]);
			if (!result.ok) {
				tally.gaps++;
				continue;
			}
			tally.kept++;
			if (instants.length > 1) tally.repeated++;
			expect([zone, wall, result.dateToSend, Date.parse(result.iso)]).toEqual([
				zone,
				wall,
				wall,
				instants[0],
			]);
		}
		expect(tally.gaps).toBeGreaterThan(50);
		expect(tally.repeated).toBeGreaterThan(50);
		expect(tally.kept).toBeGreaterThan(1000);
	});
});

describe('the shared wall-time engine (nodes/shared/wallTime.ts), read directly', () => {
	const wall = (text: string) =>
		wallTimeOfFields(/^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(text)!.slice(1));

	test('a DST gap has no instant; a repeated hour gives the earlier one', () => {
		expect(instantOfWallTime(wall('2025-03-30 02:30:00'), 'Europe/Paris')).toBeUndefined();
		expect(instantOfWallTime(wall('2025-10-26 02:30:00'), 'Europe/Paris')).toBe(
			Date.UTC(2025, 9, 26, 0, 30),
		);
		expect(instantOfWallTime(wall('2025-07-01 12:00:00'), ' Europe/Paris ')).toBe(
			Date.UTC(2025, 6, 1, 10, 0),
		);
	});

	test('an unknown zone has neither instants nor wall times', () => {
		expect(instantOfWallTime(wall('2025-07-01 12:00:00'), 'Mars/Olympus')).toBeUndefined();
		expect(wallTimeAt(Date.UTC(2025, 6, 1), 'Mars/Olympus')).toBeUndefined();
		expect(wallTimeAt(Date.UTC(2025, 6, 1, 10, 0, 0, 999), 'Europe/Paris')).toEqual(
			wall('2025-07-01 12:00:00'),
		);
	});

	test('offsets: minutes east of UTC in, ISO text out (seconds only where a zone had them)', () => {
		expect(['Z', '+0530', '-03', '+01:00', '+24:00', '+01:60'].map(parseUtcOffset)).toEqual([
			0,
			330,
			-180,
			60,
			undefined,
			undefined,
		]);
		expect([3_600_000, -12_600_000, 0, -2_670_000].map(formatUtcOffset)).toEqual([
			'+01:00',
			'-03:30',
			'+00:00',
			'-00:44:30',
		]);
		expect(instantOfWallTime(wall('1971-06-01 12:00:00'), 'Africa/Monrovia')).toBe(
			Date.UTC(1971, 5, 1, 12, 44, 30),
		);
	});
});
