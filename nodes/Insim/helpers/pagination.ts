import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** inSIM's largest page (every client bounds `limit` to 1..100). */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
	/** how many records this page should hold (≤ MAX_PAGE_SIZE) */
	limit: number;
	cursor?: string;
}

export interface Page {
	records: IDataObject[];
	/** the next page's token, as the endpoint's contract read it (contracts/reader.ts) */
	next?: string;
}

/**
 * Collects records page by page: `fetchPage` asks for one page, and paging follows the next-page
 * token until `wanted` records are in (undefined = all) or the answer has no next page. A token
 * that comes back twice is an error (a server loop would otherwise never end, and stopping there
 * would return part of the records as if they were all).
 */
export async function collectPages(
	node: INode,
	endpoint: string,
	itemIndex: number,
	wanted: number | undefined,
	fetchPage: (request: PageRequest) => Promise<Page>,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const remaining = wanted === undefined ? MAX_PAGE_SIZE : wanted - records.length;
		const page = await fetchPage({ limit: Math.min(MAX_PAGE_SIZE, remaining), cursor });
		records.push(...page.records);
		if (wanted !== undefined && records.length >= wanted) return records.slice(0, wanted);
		if (page.next === undefined) return records;
		if (seenCursors.has(page.next)) {
			throw new NodeApiError(
				node,
				{ message: 'repeated next-page token', endpoint },
				{
					message: `inSIM answered v2/${endpoint} with the same next-page token twice`,
					description: `Paging stopped after ${records.length} records so as not to loop forever; the list is incomplete. Nothing was changed in inSIM.`,
					itemIndex,
				},
			);
		}
		seenCursors.add(page.next);
		cursor = page.next;
	}
}
