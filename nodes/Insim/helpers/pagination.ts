import type { IDataObject } from 'n8n-workflow';

/** inSIM's largest page (every client bounds `limit` to 1..100). */
export const MAX_PAGE_SIZE = 100;

/**
 * The next-page token of a list answer, or undefined on the last page. No vendor file shows the
 * key (insim-api-v2.md §1: "most likely `cursor`"), so the likely spellings are read here, and
 * only here; `has_more: false` always ends the paging.
 */
export function nextCursorOf(answer: IDataObject): string | undefined {
	if (answer.has_more === false) return undefined;
	for (const key of ['cursor', 'next_cursor', 'nextCursor']) {
		const value = answer[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

export interface PageRequest {
	/** how many records this page should hold (≤ MAX_PAGE_SIZE) */
	limit: number;
	cursor?: string;
}

/**
 * Collects records page by page: `fetchPage` asks for one page, and paging follows the cursor
 * until `wanted` records are in (undefined = all), the answer has no next cursor, a page is empty
 * or a cursor comes back twice (a server loop would otherwise never end).
 */
export async function collectPages(
	wanted: number | undefined,
	fetchPage: (request: PageRequest) => Promise<{ records: IDataObject[]; answer: IDataObject }>,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const remaining = wanted === undefined ? MAX_PAGE_SIZE : wanted - records.length;
		const page = await fetchPage({ limit: Math.min(MAX_PAGE_SIZE, remaining), cursor });
		records.push(...page.records);
		if (wanted !== undefined && records.length >= wanted) return records.slice(0, wanted);
		const next = nextCursorOf(page.answer);
		if (next === undefined || page.records.length === 0 || seenCursors.has(next)) return records;
		seenCursors.add(next);
		cursor = next;
	}
}
