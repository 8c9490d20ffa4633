import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from '../../shared/isPlainObject';

/**
 * Where inSIM API v2 answers put their data and paging fields, and the value checks the reader
 * (contracts/reader.ts) applies to them.
 */

/** Builds the error for an answer outside the declared shapes, given what was expected. */
export type Fail = (expected: string) => Error;

/** Keys that may hold one object wrapped around the data (`{ success, data: { contacts: [] } }`). */
export const WRAPPER_KEYS = ['data', 'result'];

/** Where a paged answer may nest its paging fields. */
const PAGING_CONTAINER_KEYS = ['pagination', 'paging', 'meta', 'page_info', 'pageInfo'];
const HAS_MORE_KEYS = ['has_more', 'hasMore'];
/**
 * Next-page token keys. `cursor` is the vendor's word for the request field (ReachTechnologies/
 * insim-cli cli_anything/insim/skills/SKILL.md tip 7: "parse the `cursor` field"); the others are
 * the usual spellings of the same token.
 */
export const NEXT_PAGE_KEYS = [
	'cursor',
	'next_cursor',
	'nextCursor',
	'next',
	'next_page_token',
	'nextPageToken',
];
/** Counters of a list answer (`count` on searches, `total` on `contacts`). */
const COUNT_KEYS = ['total', 'count'];

/**
 * The next page's token of a paged answer. `has_more: false` ends paging; `has_more: true`
 * without a token this reader recognises is an error, never a silent last page.
 */
export function nextPageOf(
	places: IDataObject[],
	fail: Fail,
	expected: string,
): string | undefined {
	const containers = places.flatMap((place) => [
		place,
		...PAGING_CONTAINER_KEYS.map((key) => place[key]).filter(isPlainObject),
	]);
	let hasMore: boolean | undefined;
	let token: string | undefined;
	for (const container of containers) {
		for (const key of HAS_MORE_KEYS) {
			if (hasMore === undefined && typeof container[key] === 'boolean') {
				hasMore = container[key] as boolean;
			}
		}
		for (const key of NEXT_PAGE_KEYS) {
			const value = container[key];
			if (token !== undefined) break;
			if (typeof value === 'string' && value !== '') token = value;
			else if (typeof value === 'number' && Number.isFinite(value)) token = String(value);
		}
	}
	if (hasMore === false) return undefined;
	if (hasMore === true && token === undefined) {
		throw fail(
			`${expected}, and with "has_more": true a next-page token under ${quoteList(NEXT_PAGE_KEYS)}`,
		);
	}
	return token;
}

/** The answer, then the objects wrapped in it (`data`, `result`), where the data may be. */
export function containersOf(answer: IDataObject): IDataObject[] {
	return [answer, ...WRAPPER_KEYS.map((key) => answer[key]).filter(isPlainObject)];
}

export function countOf(container: IDataObject): number | undefined {
	return COUNT_KEYS.map((key) => countValue(container[key])).find(isNumber);
}

export function countValue(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

export function typedValue(
	value: unknown,
	type: 'boolean' | 'count' | 'text' | 'array',
): IDataObject[string] | undefined {
	if (type === 'boolean') return typeof value === 'boolean' ? value : undefined;
	if (type === 'count') return countValue(value);
	if (type === 'text') return isScalar(value) ? String(value) : undefined;
	return Array.isArray(value) ? (value as IDataObject[string]) : undefined;
}

/**
 * The record with `id` set, as text, whichever key inSIM used: `id`, `_id`, then the
 * endpoint's own id keys (`id_contact`, `list_id` …). The vendor's files disagree on `id` vs
 * `_id` (ReachTechnologies/insim-cli tests/test_campaigns.py reads `campaign.id`,
 * examples/basic/create-campaign.sh `campaign._id`, core/qualifications.py `_id`).
 */
export function withId(record: IDataObject, idKeys: string[]): IDataObject {
	for (const key of ['id', '_id', ...idKeys]) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') {
			return key === 'id' ? record : Object.assign({ id: value }, record, { id: value });
		}
		if (typeof value === 'number' && Number.isFinite(value)) {
			return { ...record, id: String(value) };
		}
	}
	return record;
}

export function quoteList(keys: string[]): string {
	const quoted = keys.map((key) => `"${key}"`);
	return quoted.length <= 1
		? quoted.join('')
		: `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

export function idKeysText(idKeys: string[]): string {
	return ['id', '_id', ...idKeys].join(', ');
}

export { isPlainObject };

export function isScalar(value: unknown): value is string | number {
	return (
		(typeof value === 'string' && value !== '') ||
		(typeof value === 'number' && Number.isFinite(value))
	);
}

/** A statistic: a number, or an object holding one (`{ sms: { sent: 3 } }`). */
export function isCount(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	return isPlainObject(value) && Object.values(value).some(isCount);
}

export function isNumber(value: number | undefined): value is number {
	return value !== undefined;
}
