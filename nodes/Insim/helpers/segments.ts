/**
 * Local estimate of how many SMS parts a text needs. The phone and inSIM's server have the last
 * word (`sms_per_message` in the send response); this is for warnings and previews.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentEstimate {
	encoding: SmsEncoding;
	/** SMS parts needed; 0 for an empty text (nothing to send: the caller rejects it). */
	segments: number;
	/** User-perceived length, counted in Unicode code points (an emoji counts 1). */
	characters: number;
	/** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
	units: number;
	/** 160 / 70 for a single part, 153 / 67 per part once split (the rest holds the UDH). */
	unitsPerSegment: number;
}

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

// GSM 03.38 default alphabet (3GPP TS 23.038), in code order 0x00-0x7F; 0x1B is the escape to the
// extension table and is not a character of its own. 0x09 is 'Ç' (capital): 'ç' is not GSM-7.
const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ' +
	'ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Extension table characters: sent as escape + code, so 2 septets each.
const GSM_EXTENSION = '\f^{}\\[~]|€';

// Septet cost per UTF-16 code unit (0 = not GSM-7). A flat table keeps the hot loop to one array
// read per character; every GSM-7 character is below U+20AD ('€').
const GSM_SEPTETS = buildSeptetTable();

export function estimateSmsSegments(text: string): SmsSegmentEstimate {
	// One pass fills both GSM-7 and UCS-2 parts greedily, so switching encoding mid-text needs no
	// second pass. A character that does not fit in the current part moves whole to the next one:
	// that is how an escape pair or a surrogate pair is never split.
	let isGsm = true;
	let septets = 0;
	let gsmParts = 1;
	let gsmPartUsed = 0;
	let codeUnits = 0;
	let ucsParts = 1;
	let ucsPartUsed = 0;
	let characters = 0;

	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		let width = 1;
		if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
			const next = text.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				width = 2;
				index++;
			}
		}
		characters++;
		codeUnits += width;
		if (ucsPartUsed + width > UCS2_PART) {
			ucsParts++;
			ucsPartUsed = width;
		} else {
			ucsPartUsed += width;
		}

		if (isGsm) {
			const cost = width === 1 && code < GSM_SEPTETS.length ? GSM_SEPTETS[code] : 0;
			if (cost === 0) {
				isGsm = false;
			} else {
				septets += cost;
				if (gsmPartUsed + cost > GSM_PART) {
					gsmParts++;
					gsmPartUsed = cost;
				} else {
					gsmPartUsed += cost;
				}
			}
		}
	}

	if (isGsm) {
		const single = septets <= GSM_SINGLE;
		return {
			encoding: 'GSM-7',
			segments: text.length === 0 ? 0 : single ? 1 : gsmParts,
			characters,
			units: septets,
			unitsPerSegment: single ? GSM_SINGLE : GSM_PART,
		};
	}
	const single = codeUnits <= UCS2_SINGLE;
	return {
		encoding: 'UCS-2',
		segments: single ? 1 : ucsParts,
		characters,
		units: codeUnits,
		unitsPerSegment: single ? UCS2_SINGLE : UCS2_PART,
	};
}

function buildSeptetTable(): Uint8Array {
	const table = new Uint8Array(0x20ad);
	for (const char of GSM_BASIC) table[char.charCodeAt(0)] = 1;
	for (const char of GSM_EXTENSION) table[char.charCodeAt(0)] = 2;
	return table;
}
