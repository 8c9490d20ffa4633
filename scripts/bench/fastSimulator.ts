// The simulator counts the SMS parts of every message it accepts with sms-segments-calculator,
// which costs about 0.3 ms of CPU per message (grapheme splitting): 30 ms per 100-message request,
// more than the latency under test. This fast path gives the same count for the plain GSM-7 texts
// the benchmark sends and hands anything else to the library, so that the simulator's latency is
// the fixed figure the benchmark sets. The simulator itself is not changed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const segmentedMessageModule = require('sms-segments-calculator/dist/libs/SegmentedMessage') as {
	SegmentedMessage: new (text: string) => { segmentsCount: number };
};

/** Printable ASCII and newlines without the GSM-7 extension characters (which cost 2 septets). */
const PLAIN_GSM7 = /^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z]*$/;

const LibrarySegmentedMessage = segmentedMessageModule.SegmentedMessage;
let installed = false;

export function installFastSmsPartCount(): void {
	if (installed) return;
	installed = true;
	const Library = LibrarySegmentedMessage;
	function FastSegmentedMessage(text: string): { segmentsCount: number } {
		if (!PLAIN_GSM7.test(text)) return new Library(text);
		return { segmentsCount: text.length <= 160 ? 1 : Math.ceil(text.length / 153) };
	}
	segmentedMessageModule.SegmentedMessage =
		FastSegmentedMessage as unknown as typeof segmentedMessageModule.SegmentedMessage;
}

/** Texts like the benchmark's, short and long, and some the fast path must leave to the library. */
const CHECK_SAMPLES = [
	'',
	'Hello customer 0, your appointment is confirmed for tomorrow at 10:00.',
	'Hello customer 99999, your appointment is confirmed for tomorrow at 10:00.',
	'x'.repeat(160),
	'x'.repeat(161),
	'y'.repeat(306),
	'y'.repeat(307),
	'Price: 10€ [link] {x} ~ ^ | \\',
	'Ça coûte 50% – merci 👍',
];

/** Installs the fast path after checking that it counts like the library. */
export function installCheckedFastSmsPartCount(): void {
	installFastSmsPartCount();
	for (const text of CHECK_SAMPLES) {
		const fast = new segmentedMessageModule.SegmentedMessage(text).segmentsCount;
		const slow = new LibrarySegmentedMessage(text).segmentsCount;
		if (fast !== slow) throw new Error(`SMS part count differs for ${JSON.stringify(text)}`);
	}
}
