import { SegmentedMessage } from 'sms-segments-calculator';
import unicodeToGsm from 'sms-segments-calculator/dist/libs/UnicodeToGSM';

import { estimateSmsSegments } from '../../../../nodes/Insim/helpers/segments';
import { seededRandom } from '../../../support/random';

/*
 * Oracle: sms-segments-calculator (Twilio's Messaging Segment Calculator). What it does, read from
 * its source and checked below:
 * - It splits the text into grapheme clusters and never splits a cluster across parts; it moves
 *   whole characters to the next part, so an escape pair or a surrogate pair is never split: same
 *   as our rule.
 * - Differences by design (asserted with hand-made cases, excluded from the random comparison):
 *   1. An empty text is 1 segment for the oracle, 0 for us (nothing to send; rejected elsewhere).
 *   2. In UCS-2 it keeps a whole multi-code-point grapheme (ZWJ emoji sequence, flag, skin tone,
 *      combining accent) in one part; we only keep surrogate pairs together, as our rules say. On a
 *      text where such a cluster straddles a part boundary it counts one part more than we do.
 *   3. Its numberOfCharacters counts septets (GSM-7) or graphemes (UCS-2); our `characters` is code
 *      points, which is its numberOfUnicodeScalars.
 */

function oracle(text: string) {
	const message = new SegmentedMessage(text);
	return {
		encoding: message.encodingName,
		segments: message.segmentsCount,
		codePoints: message.numberOfUnicodeScalars,
		hasMultiCodePointGrapheme: message.graphemes.some((grapheme) => [...grapheme].length > 1),
	};
}

/** Plain restatement of the rules over code points, independent of the helper's single pass. */
function reference(text: string): { encoding: string; segments: number } {
	const codePoints = [...text];
	const gsmCosts = codePoints.map((char) =>
		char.length === 1 ? (unicodeToGsm[char.charCodeAt(0)]?.length ?? 0) : 0,
	);
	const isGsm = gsmCosts.every((cost) => cost > 0);
	const costs = isGsm ? gsmCosts : codePoints.map((char) => char.length);
	const [single, part] = isGsm ? [160, 153] : [70, 67];
	const total = costs.reduce((sum, cost) => sum + cost, 0);
	if (text === '') return { encoding: 'GSM-7', segments: 0 };
	if (total <= single) return { encoding: isGsm ? 'GSM-7' : 'UCS-2', segments: 1 };
	let parts = 1;
	let used = 0;
	for (const cost of costs) {
		if (used + cost > part) {
			parts++;
			used = 0;
		}
		used += cost;
	}
	return { encoding: isGsm ? 'GSM-7' : 'UCS-2', segments: parts };
}

const a = (count: number) => 'a'.repeat(count);

describe('estimateSmsSegments: hand-made cases', () => {
	test('empty text: 0 segments (oracle says 1: an empty SMS is refused before sending)', () => {
		expect(estimateSmsSegments('')).toEqual({
			encoding: 'GSM-7',
			segments: 0,
			characters: 0,
			units: 0,
			unitsPerSegment: 160,
		});
		expect(oracle('').segments).toBe(1);
	});

	test.each([
		[1, 'GSM-7', 1, 160],
		[160, 'GSM-7', 1, 160],
		[161, 'GSM-7', 2, 153],
		[306, 'GSM-7', 2, 153],
		[307, 'GSM-7', 3, 153],
		[459, 'GSM-7', 3, 153],
		[460, 'GSM-7', 4, 153],
		[70, 'UCS-2', 1, 70],
		[71, 'UCS-2', 2, 67],
		[134, 'UCS-2', 2, 67],
		[135, 'UCS-2', 3, 67],
		[201, 'UCS-2', 3, 67],
		[202, 'UCS-2', 4, 67],
	])('%i units in %s: %i segment(s) of %i', (units, encoding, segments, unitsPerSegment) => {
		const text = encoding === 'GSM-7' ? a(units) : 'ç' + a(units - 1);
		expect(estimateSmsSegments(text)).toMatchObject({ encoding, segments, units, unitsPerSegment });
		expect(oracle(text)).toMatchObject({ encoding, segments });
	});

	test('extension characters cost 2 septets each', () => {
		expect(estimateSmsSegments('^{}\\[~]|€\f')).toMatchObject({
			encoding: 'GSM-7',
			characters: 10,
			units: 20,
		});
		expect(estimateSmsSegments(a(158) + '€')).toMatchObject({ segments: 1, units: 160 });
		expect(estimateSmsSegments(a(159) + '€')).toMatchObject({ segments: 2, units: 161 });
	});

	test('an escape pair is never split across parts', () => {
		// 152 + [2] + 152 = 306 septets: two full parts if the pair could be split, three when not.
		const text = a(152) + '[' + a(152);
		expect(estimateSmsSegments(text)).toMatchObject({ segments: 3, units: 306 });
		expect(oracle(text).segments).toBe(3);
		// The pair fits exactly at the end of the first part: no extra part.
		expect(estimateSmsSegments(a(151) + '[' + a(153)).segments).toBe(2);
	});

	test('a surrogate pair is never split across parts', () => {
		// 1 + 65 + [2] + 66 = 134 units: two parts if the pair could be split, three when not.
		const text = 'ç' + a(65) + '😀' + a(66);
		expect(estimateSmsSegments(text)).toMatchObject({ segments: 3, units: 134, characters: 133 });
		expect(oracle(text).segments).toBe(3);
		expect(estimateSmsSegments('😀'.repeat(35))).toMatchObject({ segments: 1, units: 70 });
		expect(estimateSmsSegments('😀'.repeat(36))).toMatchObject({ segments: 2, units: 72 });
	});

	test('documented difference: the oracle keeps a ZWJ sequence whole, we keep only pairs', () => {
		// 👨‍👩‍👧 is 5 code points, 8 units. 61 + 8 + 65 = 134 units, the cluster straddling unit 67.
		const family = '👨\u200d👩\u200d👧';
		const text = 'ç' + a(60) + family + a(65);
		expect(estimateSmsSegments(text)).toMatchObject({ segments: 2, units: 134, characters: 131 });
		expect(oracle(text).segments).toBe(3);
		// Away from a boundary both agree.
		expect(estimateSmsSegments(family + a(10)).segments).toBe(oracle(family + a(10)).segments);
	});

	test('French text: é è à ù Ç are GSM-7; ç â ê î ô û ë ï œ ’ « … are not', () => {
		expect(estimateSmsSegments('Café à Noël? Non: été, où, Ç').encoding).toBe('UCS-2'); // ë
		expect(estimateSmsSegments('Cafe a la mer: ete, ou, deja vu, Ç, à, è, é, ù').encoding).toBe(
			'GSM-7',
		);
		for (const char of ['ç', 'â', 'ê', 'î', 'ô', 'û', 'ë', 'ï', 'œ', '’', '«', '…', '\u00a0']) {
			expect([char, estimateSmsSegments(`Bonjour ${char}`).encoding]).toEqual([char, 'UCS-2']);
		}
	});

	test('line breaks are GSM-7 and CRLF costs 2', () => {
		expect(estimateSmsSegments('a\r\nb\nc')).toMatchObject({ encoding: 'GSM-7', units: 6 });
	});

	test('a lone surrogate is one UCS-2 unit', () => {
		expect(estimateSmsSegments('a\ud83d')).toMatchObject({ encoding: 'UCS-2', units: 2 });
	});
});

describe('estimateSmsSegments against sms-segments-calculator', () => {
	test('every BMP character: same encoding and the same septet cost', () => {
		for (let code = 0; code <= 0xffff; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const char = String.fromCharCode(code);
			const ours = estimateSmsSegments(char);
			const gsm = unicodeToGsm[code];
			const expected = gsm === undefined ? ['UCS-2', 1] : ['GSM-7', gsm.length];
			if (ours.encoding !== expected[0] || ours.units !== expected[1]) {
				throw new Error(`U+${code.toString(16)}: ${JSON.stringify(ours)} vs ${expected}`);
			}
		}
		// The table itself is the oracle's, and the oracle agrees with it on a sample.
		for (const char of ['@', '`', '¤', '$', 'Ç', 'ç', 'Δ', 'Α', '€', '\f', '\t']) {
			expect(estimateSmsSegments(char).encoding).toBe(oracle(char).encoding);
		}
	});

	const gsmBasic =
		'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ' +
		'ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
	const gsmExtension = '^{}\\[~]|€\f';
	const frenchNonGsm = 'çâêîôûëïœ’«»…';
	const emoji = ['😀', '👍', '🇫🇷', '👍🏽', '👨\u200d👩\u200d👧', '❤️', '✅', 'e\u0301'];
	const boundaries = [70, 67, 134, 160, 153, 201, 306, 459];

	function generate(random: () => number): string {
		const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(random() * items.length)];
		const mode = Math.floor(random() * 5);
		const target = pick(boundaries) + Math.floor(random() * 9) - 4;
		const pieces: string[] = [];
		let length = 0;
		while (length < target) {
			const roll = random();
			let piece: string;
			if (mode >= 1 && roll < 0.08) piece = pick(gsmExtension);
			else if (mode >= 2 && roll < 0.12) piece = pick(frenchNonGsm);
			else if (mode >= 3 && roll < 0.16) piece = pick(emoji);
			else if (roll < 0.2) piece = pick(['\n', '\r\n', ' ']);
			else piece = pick(gsmBasic);
			// Mode 4 puts one non-GSM character at a random place in an otherwise GSM text.
			if (mode === 4 && pieces.length === 0) piece = pick([...frenchNonGsm, ...emoji]);
			pieces.splice(Math.floor(random() * (pieces.length + 1)), 0, piece);
			length += piece.length;
		}
		return pieces.join('');
	}

	test('4000 seeded random texts around the part boundaries', () => {
		const random = seededRandom(20251029);
		const tally = { compared: 0, graphemeClusters: 0, clusterExtraPart: 0, multiPart: 0 };
		const mismatches: object[] = [];
		for (let run = 0; run < 4000; run++) {
			const text = generate(random);
			const ours = estimateSmsSegments(text);
			const theirs = oracle(text);
			const expected = reference(text);
			const agrees =
				ours.encoding === theirs.encoding &&
				ours.characters === theirs.codePoints &&
				ours.encoding === expected.encoding &&
				ours.segments === expected.segments;
			if (ours.segments > 1) tally.multiPart++;
			let segmentsAgree: boolean;
			if (!theirs.hasMultiCodePointGrapheme) {
				tally.compared++;
				segmentsAgree = ours.segments === theirs.segments;
			} else {
				// Difference 2: keeping a cluster whole can only push text to a later part.
				tally.graphemeClusters++;
				segmentsAgree = theirs.segments >= ours.segments;
				if (theirs.segments > ours.segments) tally.clusterExtraPart++;
			}
			if (!agrees || !segmentsAgree) mismatches.push({ run, text, ours, theirs, expected });
		}
		expect(mismatches).toEqual([]);
		// The generator must really exercise both sides of the comparison.
		expect(tally.compared).toBeGreaterThan(2000);
		expect(tally.graphemeClusters).toBeGreaterThan(1000);
		expect(tally.clusterExtraPart).toBeGreaterThan(0);
		expect(tally.multiPart).toBeGreaterThan(2000);
	});
});
