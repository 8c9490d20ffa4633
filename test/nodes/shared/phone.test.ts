import {
	getCountries,
	getCountryCallingCode,
	getExampleNumber,
	isValidPhoneNumber,
	parsePhoneNumber,
} from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';

import { normalizePhoneNumber } from '../../../nodes/shared/phone';

const UNKNOWN_CODE = 'does not start with an existing country code';

function reasonOf(input: unknown): string | undefined {
	const result = normalizePhoneNumber(input);
	return result.ok ? undefined : result.reason;
}

describe('normalizePhoneNumber: accepted forms', () => {
	test.each([
		['+33612345678', '+33612345678'],
		['  +33 6 12 34 56 78  ', '+33612345678'],
		['+33.6.12.34.56.78', '+33612345678'],
		['+33-6-12-34-56-78', '+33612345678'],
		['+33/6/12/34/56/78', '+33612345678'],
		['+1 (212) 555-0100', '+12125550100'],
		['0033 6 12 34 56 78', '+33612345678'],
		['+33\u00a06\u00a012\u00a034\u00a056\u00a078', '+33612345678'], // no-break spaces
		['+33\u20096\u202f12\u200934\u202f56\u200978', '+33612345678'], // thin and narrow spaces
		['\u200e+33 6 12 34 56 78\u200f', '+33612345678'], // direction marks from a web page
		['+33 6\u201312\u201434\u221256\u201078', '+33612345678'], // typographic dashes
		['tel:+33612345678', '+33612345678'],
		['+44 (0)20 7946 0958', '+442079460958'], // bracketed trunk 0 means "skip abroad"
		['0044 (0) 20 7946 0958', '+442079460958'],
		['+33 (0)6 12 34 56 78', '+33612345678'],
		['+39 06 1234 5678', '+390612345678'], // Italy: the 0 belongs to the number
		['+39 (0)6 1234 5678', '+390612345678'], // and is kept even when bracketed
		['+378 0549 912345', '+3780549912345'], // San Marino
		['+225 07 12 34 56 78', '+2250712345678'], // Côte d'Ivoire since 2021
		['+229 01 90 12 34 56', '+2290190123456'], // Benin since 2024
		['+241 06 03 12 34', '+24106031234'], // Gabon
		['+242 06 123 4567', '+242061234567'], // Congo
		['+7 912 345 67 89', '+79123456789'],
		['+683 7290', '+6837290'], // Niue: 4-digit national numbers
		['+882 3421 2345', '+88234212345'], // non-geographic
		['+123456789012345', '+123456789012345'], // 15 digits: the E.164 maximum
	])('%j -> %s', (input, e164) => {
		expect(normalizePhoneNumber(input)).toEqual({ ok: true, e164 });
	});
});

describe('normalizePhoneNumber: refused forms and their reasons', () => {
	test.each([
		[33612345678, /^is a number, so its leading \+ was lost/],
		[undefined, /^is empty$/],
		[null, /^is empty$/],
		['', /^is empty$/],
		['  - . ', /^is empty$/],
		[{ phone: '+33612345678' }, /^is not text$/],
		[true, /^is not text$/],
		['0612345678', /^must start with \+ and the country code \(e\.g\. \+33612345678\)$/],
		['33612345678', /^must start with \+/],
		['+33 6 12 34 56 7B', /^contains letters or symbols$/],
		['+33 6 12 34 56 78 ext 12', /^contains letters or symbols$/],
		['+33+612345678', /^contains letters or symbols$/],
		['+33_612345678', /^contains letters or symbols$/],
		['+0612345678', /^the country code cannot start with 0$/],
		['000612345678', /^the country code cannot start with 0$/],
		['+1234567890123456', /^is too long: at most 15 digits after the \+$/],
		['+33 6', /^is too short$/],
		['+33 612', /^is too short$/],
		['+999 123 456 789', new RegExp(`^${UNKNOWN_CODE}$`)],
		['+210 123 456 789', new RegExp(`^${UNKNOWN_CODE}$`)],
		['+801 123 456 789', new RegExp(`^${UNKNOWN_CODE}$`)],
		['+330612345678', /^has a 0 right after the country code \+33: drop that 0/],
	] as [unknown, RegExp][])('%j is refused', (input, reason) => {
		expect(reasonOf(input)).toMatch(reason);
	});

	test.each([
		['+44 07911 123456', '+44'],
		['+49 0151 23456789', '+49'],
		['+81 090 1234 5678', '+81'], // Japan: trunk 0 mistakes are common, +81 0… has no SMS range
		['+91 09876543210', '+91'],
		['+7 0912 345 67 89', '+7'],
		['+1 0212 555 0100', '+1'],
	])('trunk 0 kept after the country code: %s', (input, code) => {
		expect(reasonOf(input)).toBe(
			`has a 0 right after the country code ${code}: drop that 0, it is only dialed inside the country`,
		);
	});

	test('reasons never echo the value (the caller adds it)', () => {
		for (const input of ['+33 6 98 76 54 3B', '+999987654321', '0698765432', '+330698765432']) {
			const reason = reasonOf(input) ?? '';
			expect(reason).not.toContain('98765');
		}
	});
});

describe('normalizePhoneNumber against libphonenumber-js', () => {
	const knownCodes = new Set<string>([
		...getCountries().map((country) => getCountryCallingCode(country) as string),
		...Object.keys(metadata.nonGeographic),
	]);

	test('the country code table is exactly the set libphonenumber-js knows', () => {
		// Codes have 1 to 3 digits, so every 3-digit start tells whether a known code begins it.
		for (let start = 100; start <= 999; start++) {
			const digits = String(start);
			const assigned = [1, 2, 3].some((length) => knownCodes.has(digits.slice(0, length)));
			const input = `+${digits}123456789`;
			expect([digits, reasonOf(input) === UNKNOWN_CODE]).toEqual([digits, !assigned]);
		}
	});

	test('every mobile example number of every country is accepted unchanged', () => {
		for (const country of getCountries()) {
			const example = getExampleNumber(country, mobileExamples);
			if (example === undefined) continue;
			expect([country, normalizePhoneNumber(example.number)]).toEqual([
				country,
				{ ok: true, e164: example.number },
			]);
			// and in the national-style spacing people paste
			expect(normalizePhoneNumber(example.formatInternational())).toEqual({
				ok: true,
				e164: example.number,
			});
		}
	});

	test('a 0 inserted after the country code is refused only where libphonenumber drops it too', () => {
		let refused = 0;
		for (const country of getCountries()) {
			const example = getExampleNumber(country, mobileExamples);
			if (example === undefined || example.nationalNumber.startsWith('0')) continue;
			const withTrunkZero = `+${example.countryCallingCode}0${example.nationalNumber}`;
			const result = normalizePhoneNumber(withTrunkZero);
			if (result.ok) continue;
			refused++;
			expect(result.reason).toMatch(/^has a 0 right after the country code/);
			// libphonenumber-js either strips that 0 as a national prefix or finds the number invalid.
			const parsed = parsePhoneNumber(withTrunkZero);
			expect([country, parsed.number !== withTrunkZero || !parsed.isValid()]).toEqual([
				country,
				true,
			]);
		}
		expect(refused).toBeGreaterThan(200);
	});

	test('where a leading 0 is part of real numbers, libphonenumber-js calls them valid', () => {
		for (const input of [
			'+390612345678',
			'+3780549912345',
			'+2250712345678',
			'+2290190123456',
			'+24106031234',
			'+242061234567',
		]) {
			expect([input, isValidPhoneNumber(input)]).toEqual([input, true]);
			expect(normalizePhoneNumber(input)).toEqual({ ok: true, e164: input });
		}
	});
});
