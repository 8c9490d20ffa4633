import type { IDataObject } from 'n8n-workflow';

/** Splits `values` into consecutive chunks of at most `size` (size < 1 counts as 1). */
export function chunk<T>(values: T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size) || 1);
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += step) {
		chunks.push(values.slice(start, start + step));
	}
	return chunks;
}

/** Digits only, so that `+33 6 12…` and `33612…` compare equal. */
function phoneKey(phone: unknown): string | undefined {
	if (typeof phone !== 'string' && typeof phone !== 'number') return undefined;
	const digits = String(phone).replace(/\D/g, '');
	return digits === '' ? undefined : digits;
}

/**
 * For each requested phone number, the index of the answer entry that belongs to it.
 * inSIM answers in request order; the phone number in each entry is the check. When the order
 * does not hold (an entry missing, extra or reordered), entries are matched by phone number,
 * first unused first, and a request with no matching entry gets `undefined`.
 */
export function matchAnswersToRequests(
	requestedPhones: string[],
	answerPhones: Array<unknown>,
): Array<number | undefined> {
	const requestedKeys = requestedPhones.map(phoneKey);
	const answerKeys = answerPhones.map(phoneKey);
	const positionalHolds =
		answerKeys.length === requestedKeys.length &&
		answerKeys.every((key, index) => key === undefined || key === requestedKeys[index]);
	if (positionalHolds) return requestedKeys.map((_, index) => index);

	const used = new Set<number>();
	const byKey = new Map<string, number[]>();
	answerKeys.forEach((key, index) => {
		if (key === undefined) return;
		const list = byKey.get(key);
		if (list) list.push(index);
		else byKey.set(key, [index]);
	});
	return requestedKeys.map((key, index) => {
		if (key !== undefined && answerKeys[index] === key && !used.has(index)) {
			used.add(index);
			return index;
		}
		const candidates = key === undefined ? undefined : byKey.get(key);
		const found = candidates?.find((candidate) => !used.has(candidate));
		if (found === undefined) return undefined;
		used.add(found);
		return found;
	});
}

/**
 * Each requested phone's answer entry (see matchAnswersToRequests), undefined when it has none.
 * An entry that is not an object counts as an empty one.
 */
export function entriesForPhones(
	phones: string[],
	entries: unknown[],
	entryPhone: (entry: IDataObject) => unknown,
): Array<IDataObject | undefined> {
	const objects = entries.map((entry) =>
		typeof entry === 'object' && entry !== null && !Array.isArray(entry)
			? (entry as IDataObject)
			: {},
	);
	const matches = matchAnswersToRequests(phones, objects.map(entryPhone));
	return matches.map((index) => (index === undefined ? undefined : objects[index]));
}

/** `[0,1,2,5,7,8]` → `"0–2, 5, 7–8"`: item lists short enough for an error message. */
export function describeItemRanges(indexes: number[], maxRanges = 12): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let i = 0; i < sorted.length;) {
		let end = i;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(end === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[end]}`);
		i = end + 1;
	}
	if (ranges.length <= maxRanges) return ranges.join(', ');
	return `${ranges.slice(0, maxRanges).join(', ')} and ${ranges.length - maxRanges} more ranges`;
}
