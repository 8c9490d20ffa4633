import type { IDataObject, INode } from 'n8n-workflow';

import type { Fail } from './answerParts';
import {
	containersOf,
	countOf,
	countValue,
	idKeysText,
	isCount,
	isNumber,
	isPlainObject,
	isScalar,
	nextPageOf,
	quoteList,
	typedValue,
	withId,
	WRAPPER_KEYS,
} from './answerParts';
import { unrecognisedAnswerError } from './unrecognised';

export { NEXT_PAGE_KEYS, withId } from './answerParts';

/**
 * The one reader of inSIM API v2 answers. Each endpoint declares its contract (contracts/reads.ts):
 * where its data may be, most likely first, and what must be there. An answer in none of the
 * declared shapes is an `unrecognisedAnswerError`, never an empty or blank result.
 */

/** Keys that only frame an answer: they never prove that a flat answer is a record. */
const ENVELOPE_KEYS = new Set(['success', 'message', 'error', 'error_code', 'status_code']);

/** A list of records, e.g. `contacts` → `{ contacts: [...], total, has_more, cursor }`. */
export interface ListContract {
	kind: 'list';
	/** the v2 endpoint as sent, e.g. `contacts` */
	endpoint: string;
	/** keys that may hold the array of records, most likely first */
	listKeys: string[];
	/** keys that may hold a single record instead of a list */
	singleKeys?: string[];
	/**
	 * When given, every record must carry an id: `id`, `_id` or one of these keys. The record's
	 * `id` is then always set, as text.
	 */
	idKeys?: string[];
	/** Entries may be plain text (a custom field's key): each becomes `{ [scalarField]: value }`. */
	scalarField?: string;
	/** The endpoint pages: `has_more: true` needs a next-page token the reader recognises. */
	paged: boolean;
}

/** One object, e.g. `contacts/detail` → `{ contact: {...} }`, or the answer itself when flat. */
export interface RecordContract {
	kind: 'record';
	endpoint: string;
	/** keys that may hold the record, most likely first (also looked for under `data`) */
	recordKeys: string[];
	/**
	 * A flat answer (the record's fields at the top level) is recognised by one of these keys;
	 * `counts`: by a count at the top level (a number, or an object of numbers), for statistics.
	 */
	flatProof: string[] | 'counts';
	/** Fields that must all be present, as text or null (null reads as ''). */
	requiredText?: string[];
	/** When given, the record must carry an id (`id`, `_id` or one of these keys). */
	idKeys?: string[];
	/** Records nested in the record or next to it (a list's members). */
	children?: {
		/** the output field, e.g. `members` */
		field: string;
		/** keys that may hold the array, in the record or in the answer */
		keys: string[];
		/** a count in the record that, when 0, proves the children are none */
		countKeys: string[];
		idKeys: string[];
	};
	/** True for a request that changes something in inSIM (create): see UnrecognisedAnswerSpec. */
	writes: boolean;
}

/**
 * The answer to a write whose shape no vendor file shows. `success: true` is the vendor clients'
 * own test of a write (ReachTechnologies/insim-cli cli_anything/insim/core/api.py), so it is
 * enough; the declared fields are read where present and must then have the declared type.
 */
export interface AckContract {
	kind: 'ack';
	endpoint: string;
	/** fields read when present: at the top level, under `data` or under a record key */
	fields?: Record<string, 'boolean' | 'count' | 'text' | 'array'>;
	/** keys that may hold the changed record */
	recordKeys?: string[];
}

export type AnswerContract = ListContract | RecordContract | AckContract;

export interface ListRead {
	records: IDataObject[];
	/** the next page's token; undefined on the last page (or for an endpoint that does not page) */
	next?: string;
	/** `total` (or `count`) when the answer gives one */
	total?: number;
}

export interface RecordRead {
	record: IDataObject;
	/** for a record with children: the next page of children, when the answer pages them */
	next?: string;
}

export interface AckRead {
	fields: IDataObject;
	record?: IDataObject;
}

export function readAnswer(
	node: INode,
	contract: ListContract,
	answer: unknown,
	itemIndex?: number,
): ListRead;
export function readAnswer(
	node: INode,
	contract: RecordContract,
	answer: unknown,
	itemIndex?: number,
): RecordRead;
export function readAnswer(
	node: INode,
	contract: AckContract,
	answer: unknown,
	itemIndex?: number,
): AckRead;
export function readAnswer(
	node: INode,
	contract: AnswerContract,
	answer: unknown,
	itemIndex?: number,
): ListRead | RecordRead | AckRead {
	const fail = (expected: string) =>
		unrecognisedAnswerError(node, {
			endpoint: contract.endpoint,
			expected,
			answer,
			itemIndex,
			writes: contract.kind !== 'list' && (contract.kind === 'ack' || contract.writes),
		});
	if (!isPlainObject(answer)) throw fail(describeContract(contract));
	if (contract.kind === 'list') return readList(contract, answer, fail);
	if (contract.kind === 'record') return readRecord(contract, answer, fail);
	return readAck(contract, answer, fail);
}

function readList(contract: ListContract, answer: IDataObject, fail: Fail): ListRead {
	const expected = describeContract(contract);
	const found = findList(contract, answer);
	const total = countOf(found?.container ?? answer) ?? countOf(answer);
	if (found === undefined) {
		// No list at all is an empty result only when the answer says so.
		if (total === 0) return { records: [], total };
		throw fail(expected);
	}
	const records = found.entries.map((entry) => {
		if (isPlainObject(entry)) return entry;
		if (contract.scalarField !== undefined && isScalar(entry)) {
			return { [contract.scalarField]: entry } as IDataObject;
		}
		throw fail(`${expected}, each record an object`);
	});
	const withIds = records.map((record) => {
		const identified = withId(record, contract.idKeys ?? []);
		if (contract.idKeys !== undefined && identified.id === undefined) {
			throw fail(`${expected}, each record with an id (${idKeysText(contract.idKeys)})`);
		}
		return identified;
	});
	const next = contract.paged ? nextPageOf([found.container, answer], fail, expected) : undefined;
	return {
		records: withIds,
		...(next !== undefined ? { next } : {}),
		...(total !== undefined ? { total } : {}),
	};
}

function findList(
	contract: ListContract,
	answer: IDataObject,
): { entries: unknown[]; container: IDataObject } | undefined {
	for (const container of containersOf(answer)) {
		for (const key of contract.listKeys) {
			const value = container[key];
			if (Array.isArray(value)) return { entries: value, container };
		}
		for (const key of contract.singleKeys ?? []) {
			const value = container[key];
			if (isPlainObject(value)) return { entries: [value], container };
		}
	}
	return undefined;
}

function readRecord(contract: RecordContract, answer: IDataObject, fail: Fail): RecordRead {
	const expected = describeContract(contract);
	const candidates: IDataObject[] = [];
	for (const container of containersOf(answer)) {
		for (const key of contract.recordKeys) {
			const value = container[key];
			if (isPlainObject(value)) candidates.push(value);
			else if (Array.isArray(value) && value.length === 1 && isPlainObject(value[0])) {
				candidates.push(value[0]);
			}
		}
	}
	// A flat record keeps every field but `success` (an SMS's own `message` is data).
	const flat: IDataObject = {};
	for (const [key, value] of Object.entries(answer)) if (key !== 'success') flat[key] = value;
	const flatKeys = Object.keys(flat);
	const flatProven =
		contract.flatProof === 'counts'
			? flatKeys.some(
					(key) =>
						!ENVELOPE_KEYS.has(key) &&
						!contract.recordKeys.includes(key) &&
						!WRAPPER_KEYS.includes(key) &&
						isCount(flat[key]),
				)
			: contract.flatProof.some((key) => flatKeys.includes(key));
	if (flatProven) candidates.push(flat);

	const record = candidates.find((candidate) => hasRequiredText(candidate, contract.requiredText));
	if (record === undefined) throw fail(expected);
	let read: IDataObject = withId(record, contract.idKeys ?? []);
	if (contract.idKeys !== undefined && read.id === undefined) {
		throw fail(`${expected}, with an id (${idKeysText(contract.idKeys)})`);
	}
	for (const key of contract.requiredText ?? []) {
		if (read[key] === null) read = { ...read, [key]: '' };
	}
	if (contract.children === undefined) return { record: read };
	return readChildren(contract.children, read, answer, fail, expected);
}

function readChildren(
	children: NonNullable<RecordContract['children']>,
	record: IDataObject,
	answer: IDataObject,
	fail: Fail,
	expected: string,
): RecordRead {
	const childExpected = `${expected}, and its ${children.field} as an array under ${quoteList(children.keys)}`;
	let entries: unknown[] | undefined;
	const fields = { ...record };
	for (const key of children.keys) {
		if (Array.isArray(record[key])) {
			entries = record[key] as unknown[];
			// In `lists` answers `contacts` is the member count: an array here is the members.
			if (children.countKeys.includes(key)) fields[key] = entries.length;
			else delete fields[key];
			break;
		}
	}
	if (entries === undefined) {
		for (const container of containersOf(answer)) {
			const key = children.keys.find((candidate) => Array.isArray(container[candidate]));
			if (key !== undefined) {
				entries = container[key] as unknown[];
				break;
			}
		}
	}
	if (entries === undefined) {
		const count = children.countKeys.map((key) => countValue(record[key])).find(isNumber);
		if (count === 0) return { record: { ...fields, [children.field]: [] } };
		throw fail(childExpected);
	}
	const members = entries.map((entry) => {
		if (!isPlainObject(entry)) throw fail(`${childExpected}, each an object`);
		const identified = withId(entry, children.idKeys);
		if (identified.id === undefined) {
			throw fail(`${childExpected}, each with an id (${idKeysText(children.idKeys)})`);
		}
		return identified;
	});
	const next = nextPageOf([answer, ...containersOf(answer)], fail, childExpected);
	return {
		record: { ...fields, [children.field]: members },
		...(next !== undefined ? { next } : {}),
	};
}

function readAck(contract: AckContract, answer: IDataObject, fail: Fail): AckRead {
	const expected = describeContract(contract);
	let record: IDataObject | undefined;
	for (const container of containersOf(answer)) {
		for (const key of contract.recordKeys ?? []) {
			const value = container[key];
			if (value === undefined || value === null) continue;
			if (!isPlainObject(value)) throw fail(expected);
			record ??= value;
		}
	}
	const fields: IDataObject = {};
	const places = [...containersOf(answer), ...(record ? [record] : [])];
	for (const [name, type] of Object.entries(contract.fields ?? {})) {
		const place = places.find((container) => container[name] !== undefined);
		if (place === undefined) continue;
		const value = typedValue(place[name], type);
		if (value === undefined) throw fail(expected);
		fields[name] = value;
	}
	return { fields, ...(record ? { record: withId(record, []) } : {}) };
}

function hasRequiredText(record: IDataObject, keys: string[] | undefined): boolean {
	return (keys ?? []).every((key) => record[key] === null || typeof record[key] === 'string');
}

function describeContract(contract: AnswerContract): string {
	if (contract.kind === 'list') {
		const single = contract.singleKeys?.length
			? ` (or one record under ${quoteList(contract.singleKeys)})`
			: '';
		return `"success": true and the records as an array under ${quoteList(contract.listKeys)}${single}, at the top level or under "data"`;
	}
	if (contract.kind === 'record') {
		const flat =
			contract.flatProof === 'counts'
				? 'or counts (numbers) at the top level'
				: `or its fields (${contract.flatProof.join(', ')}) at the top level`;
		const required = contract.requiredText?.length
			? `, with ${contract.requiredText.join(', ')}`
			: '';
		return `"success": true and an object under ${quoteList(contract.recordKeys)} ${flat}${required}`;
	}
	const fields = Object.entries(contract.fields ?? {})
		.map(
			([name, type]) =>
				`${name} (${type === 'count' ? 'a number' : type === 'array' ? 'a list' : type === 'text' ? 'text' : 'true or false'})`,
		)
		.join(', ');
	return `"success": true${fields ? `, and where given: ${fields}` : ''}${contract.recordKeys?.length ? `; a record under ${quoteList(contract.recordKeys)} as an object` : ''}`;
}
