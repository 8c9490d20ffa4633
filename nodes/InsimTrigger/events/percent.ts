/**
 * Percent-decoding that never throws, for URLs and payloads as inSIM and proxies send them.
 */

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** decodeURIComponent that keeps malformed escapes (`%zz`, a lone `%C3`) as they were. */
export function safeDecode(text: string): string {
	if (!text.includes('%')) return text;
	try {
		return decodeURIComponent(text);
	} catch {
		// Decode what is valid, escape run by escape run, character by character.
		return text.replace(PERCENT_RUN, decodeEscapeRun);
	}
}

/**
 * Split `a=b&c=d` on `separators`, each name and value percent-decoded without ever throwing.
 * Empty segments and empty names are skipped.
 */
export function splitPairs(
	text: string,
	separators: RegExp,
	formEncoded: boolean,
): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const segment of text.split(separators)) {
		if (segment === '') continue;
		const equals = segment.indexOf('=');
		const name = safeDecode(equals === -1 ? segment : segment.slice(0, equals));
		if (name === '' || (formEncoded && name.trim() === '')) continue;
		pairs.push([name, equals === -1 ? '' : safeDecode(segment.slice(equals + 1))]);
	}
	return pairs;
}

function decodeEscapeRun(run: string): string {
	let decoded = '';
	let index = 0;
	while (index < run.length) {
		const lead = parseInt(run.slice(index + 1, index + 3), 16);
		// Bytes in the UTF-8 sequence this lead byte starts (invalid leads: try one, keep it raw).
		const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
		const sequence = run.slice(index, index + length * 3);
		try {
			decoded += decodeURIComponent(sequence);
			index += sequence.length;
		} catch {
			decoded += run.slice(index, index + 3);
			index += 3;
		}
	}
	return decoded;
}
