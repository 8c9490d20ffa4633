import type { IDataObject } from 'n8n-workflow';

/**
 * inSIM names an object's id `id` in some answers and `_id` in others (the vendor's own files
 * disagree, see insim-api-v2.md §1): this is the one place that reads it.
 */
export function recordId(record: IDataObject): string | undefined {
	const id = record.id ?? record._id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The record with `id` always present, whichever spelling inSIM used. */
export function withId(record: IDataObject): IDataObject {
	if (record.id !== undefined || record._id === undefined) return record;
	return { id: record._id, ...record };
}

/** The array under `key` in an answer, as records with `id` (non-objects are dropped). */
export function recordsOf(answer: IDataObject, key: string): IDataObject[] {
	const value = answer[key];
	if (!Array.isArray(value)) return [];
	return value
		.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null)
		.map(withId);
}

/** The object under `key` in an answer (with `id`), or the answer minus `success` when absent. */
export function recordOf(answer: IDataObject, key: string): IDataObject {
	const value = answer[key];
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return withId(value as IDataObject);
	}
	const { success: _success, ...rest } = answer;
	return rest;
}

/** Only the listed fields, in that order (the Simplify option). */
export function pickFields(record: IDataObject, fields: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) picked[field] = record[field];
	return picked;
}
