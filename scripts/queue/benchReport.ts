// The queue-mode section of BENCHMARKS.md lives between these markers: `npm run bench:queue`
// replaces it, and `npm run bench`, which rewrites the rest of the file, keeps it.
const START = '<!-- queue-bench:start -->';
const END = '<!-- queue-bench:end -->';

/** The marked section of `text` (markers included), or '' when it has none. */
export function queueSectionOf(text: string): string {
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	return start === -1 || end < start ? '' : text.slice(start, end + END.length);
}

/** `text` with its marked section replaced by `section` (appended when missing). */
export function replaceQueueSection(text: string, section: string): string {
	const marked = `${START}\n${section.trim()}\n${END}`;
	const existing = queueSectionOf(text);
	if (existing) return text.replace(existing, marked);
	return `${text.trimEnd()}\n\n${marked}\n`;
}

/** A freshly rendered BENCHMARKS.md that keeps the queue-mode section of the previous one. */
export function keepQueueSection(previous: string, rendered: string): string {
	const section = queueSectionOf(previous);
	return section ? `${rendered.trimEnd()}\n\n${section}\n` : rendered;
}
