/**
 * Normalise and validate a phone number into E.164 (`+` then at most 15 digits), which is what
 * inSIM expects in `phone_number`. Reasons describe the problem only: the caller adds the item
 * index, the field name and the value.
 */

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

const E164_MAX_DIGITS = 15;

// The shortest national number in libphonenumber's metadata has 4 digits (e.g. Austria, Niue).
const MIN_NATIONAL_DIGITS = 4;

/**
 * Assigned ITU-T E.164 country calling codes (those libphonenumber-js knows: geographic and
 * non-geographic such as +800 and +882), one line per world zone; `a-b` is a range of codes of the
 * same length. Codes are prefix-free, so a number starts with at most one of them.
 */
const ASSIGNED_COUNTRY_CODES = [
	'1',
	'20 27 211-213 216 218 220-258 260-269 290-291 297-299',
	'30-34 36 39 350-359 370-378 380-383 385-387 389',
	'40-41 43-49 420-421 423',
	'51-58 500-509 590-599',
	'60-66 670 672-683 685-692',
	'7',
	'81-82 84 86 800 808 850 852-853 855-856 870 878 880-883 886 888',
	'90-95 98 960-968 970-977 979 992-996 998',
];

/**
 * Country codes after which a real number may begin with 0, so `+CC0…` is not necessarily the
 * national trunk 0 kept by mistake. From libphonenumber-js metadata (fixed, mobile, VoIP, personal,
 * pager, UAN and voicemail ranges starting with 0; toll-free and premium ranges are left out as
 * they cannot receive SMS), plus the non-geographic codes, which have no trunk prefix at all.
 */
const CODES_WITH_NATIONAL_ZERO = new Set([
	'39', // Italy and Vatican: fixed lines 0x…
	'47', // Norway: 5-digit 0x… numbers
	'225', // Côte d'Ivoire: 01, 05, 07… since 2021
	'226', // Burkina Faso
	'229', // Benin: 01… since 2024
	'241', // Gabon
	'242', // Congo
	'247', // Ascension Island
	'250', // Rwanda
	'378', // San Marino: 0549…
	'992', // Tajikistan
	'800',
	'808',
	'870',
	'878',
	'881',
	'882',
	'883',
	'888',
	'979',
]);

const COUNTRY_CODES = expandCodeRanges(ASSIGNED_COUNTRY_CODES);

// Spaces of every width (\s covers NBSP, thin and narrow spaces, BOM), invisible marks pasted from
// web pages (zero-width, direction marks), dots, slashes, parentheses and every kind of dash.
const SEPARATORS = /[\s\u200b-\u200f\u202a-\u202e\u2060./()\-\u2010-\u2015\u2212]/g;

// "+44 (0)20…": the bracketed 0 is the national trunk prefix, written to be skipped abroad.
const BRACKETED_TRUNK_ZERO = /^(?:\+|00)(\d{1,3})\D*\(0\)/;

const EXAMPLE = '+33612345678';

export function normalizePhoneNumber(input: unknown): PhoneCheck {
	if (typeof input === 'number' || typeof input === 'bigint') {
		// A spreadsheet or JSON number has lost its leading '+' (and any leading 0). Guessing it back
		// could dial the wrong country, so ask for text instead.
		return fail(
			`is a number, so its leading + was lost: enter it as text with + and the country code (e.g. ${EXAMPLE})`,
		);
	}
	if (input === undefined || input === null) return fail('is empty');
	if (typeof input !== 'string') return fail('is not text');

	let text = input.trim().replace(/^tel:/i, '');
	const bracketed = BRACKETED_TRUNK_ZERO.exec(text);
	if (bracketed && !CODES_WITH_NATIONAL_ZERO.has(findCountryCode(bracketed[1]) ?? '')) {
		text = text.replace('(0)', '');
	}
	let compact = text.replace(SEPARATORS, '');
	if (compact === '') return fail('is empty');
	if (compact.startsWith('00')) compact = '+' + compact.slice(2);

	if (!/^\+?\d+$/.test(compact)) return fail('contains letters or symbols');
	if (!compact.startsWith('+')) {
		return fail(`must start with + and the country code (e.g. ${EXAMPLE})`);
	}

	const digits = compact.slice(1);
	if (digits.startsWith('0')) return fail('the country code cannot start with 0');
	if (digits.length > E164_MAX_DIGITS) {
		return fail(`is too long: at most ${E164_MAX_DIGITS} digits after the +`);
	}

	const countryCode = findCountryCode(digits);
	if (countryCode === undefined) return fail('does not start with an existing country code');

	const national = digits.slice(countryCode.length);
	if (national.length < MIN_NATIONAL_DIGITS) return fail('is too short');
	if (national.startsWith('0') && !CODES_WITH_NATIONAL_ZERO.has(countryCode)) {
		return fail(
			`has a 0 right after the country code +${countryCode}: drop that 0, it is only dialed inside the country`,
		);
	}

	return { ok: true, e164: compact };
}

function findCountryCode(digits: string): string | undefined {
	for (let length = 1; length <= 3 && length <= digits.length; length++) {
		const prefix = digits.slice(0, length);
		if (COUNTRY_CODES.has(prefix)) return prefix;
	}
	return undefined;
}

function expandCodeRanges(zones: string[]): Set<string> {
	const codes = new Set<string>();
	for (const token of zones.join(' ').split(' ')) {
		const [first, last = first] = token.split('-');
		for (let code = Number(first); code <= Number(last); code++) codes.add(String(code));
	}
	return codes;
}

function fail(reason: string): PhoneCheck {
	return { ok: false, reason };
}
