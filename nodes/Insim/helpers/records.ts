import type { IDataObject } from 'n8n-workflow';

/**
 * An object's id, as text: `id`, else `_id` (the vendor's files disagree: ReachTechnologies/
 * insim-cli tests/test_campaigns.py reads `campaign.id`, core/qualifications.py reads `_id`).
 * Records read through contracts/reader.ts always carry `id`.
 */
export function recordId(record: IDataObject): string | undefined {
	const id = record.id ?? record._id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Only the listed fields, in that order (the Simplify option). */
export function pickFields(record: IDataObject, fields: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) picked[field] = record[field];
	return picked;
}

/** The record with `id` always present, whichever spelling inSIM used. */
export function withId(record: IDataObject): IDataObject {
	if (record.id !== undefined || record._id === undefined) return record;
	return { id: record._id, ...record };
}

/**
 * The array under `key` in an answer, as records with `id` (non-objects are dropped). Kept for
 * the sending operations; every other read goes through contracts/reader.ts.
 */
export function recordsOf(answer: IDataObject, key: string): IDataObject[] {
	const value = answer[key];
	if (!Array.isArray(value)) return [];
	return value
		.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null)
		.map(withId);
}

/**
 * The object under `key` in an answer (with `id`), or the answer minus `success` when absent.
 * Kept for the sending operations; every other read goes through contracts/reader.ts.
 */
export function recordOf(answer: IDataObject, key: string): IDataObject {
	const value = answer[key];
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return withId(value as IDataObject);
	}
	const rest: IDataObject = {};
	for (const [field, fieldValue] of Object.entries(answer)) {
		if (field !== 'success') rest[field] = fieldValue;
	}
	return rest;
}
