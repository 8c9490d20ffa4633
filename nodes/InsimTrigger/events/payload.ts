/**
 * Reading an inSIM payload: parsing it, viewing its keys in lower case, and reading the fields
 * every event shares (phone number, titles, texts, ids, durations). Pure; nothing here throws.
 */
import type { IDataObject } from 'n8n-workflow';

import { normalizePhoneNumber } from '../../shared/phone';
import { safeDecode } from './percent';

/** Lower-case keys of a payload. A Map, so keys like `__proto__` stay plain data. */
export type Payload = Map<string, unknown>;
export type Refusal = { reason: string };

const PHONE_KEYS = ['phone_number', 'phonenumber', 'from'];
const MAX_WORD_LENGTH = 100;

/**
 * A value as received: an object is the payload; text is JSON.parse'd, and only if that fails,
 * percent-decoded once more and parsed again. The framework has already decoded the query once:
 * decoding first would break any text with a bare `%` ("50% off").
 */
export function parsePayload(value: unknown): { object: object } | Refusal {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return refusal('is empty');
		parsed = tryParseJson(value);
		if (parsed === undefined) {
			const decoded = safeDecode(value);
			if (decoded !== value) parsed = tryParseJson(decoded);
			if (parsed === undefined) return refusal('is not JSON');
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return refusal(`is not a JSON object (got ${kindOf(parsed)})`);
	}
	return { object: parsed };
}

export function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// Not JSON: the caller tries something else.
		return undefined;
	}
}

export function entriesOf(fields: unknown): Array<[string, unknown]> | undefined {
	if (fields instanceof Map) return [...(fields as Payload).entries()];
	if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
	return Object.entries(fields);
}

export function payloadObjectOf(fields: unknown): unknown {
	return fields instanceof Map ? Object.fromEntries(fields) : fields;
}

/** Keys in lower case (older payloads use TITLE, PHONE_NUMBER); a key already lower case wins. */
export function lowerCaseView(entries: Array<[string, unknown]>): Payload {
	const view: Payload = new Map();
	for (const [key, value] of entries) {
		const lower = key.toLowerCase();
		if (lower === key || !view.has(lower)) view.set(lower, value);
	}
	return view;
}

export function phoneOf(payload: Payload): { number: string; valid: boolean } {
	for (const key of PHONE_KEYS) {
		const value = payload.get(key);
		if (value === undefined || value === null) continue;
		const text = typeof value === 'string' ? value.trim() : scalarText(value).trim();
		if (text === '') continue;
		const check = normalizePhoneNumber(text);
		return check.ok ? { number: check.e164, valid: true } : { number: text, valid: false };
	}
	return { number: '', valid: false };
}

export function linkOf(payload: Payload): string {
	const link = firstText(payload, ['link', 'url']);
	if (link !== undefined) return link;
	// Some payloads carry the URL itself in `clicked_link` rather than the word "clicked_link".
	const clicked = payload.get('clicked_link');
	return typeof clicked === 'string' && /^https?:\/\//i.test(clicked.trim()) ? clicked.trim() : '';
}

/** First of `keys` holding non-empty text (or a number), trimmed. */
export function firstText(payload: Payload, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const text = scalarText(payload.get(key)).trim();
		if (text !== '') return text;
	}
	return undefined;
}

export function hasAny(payload: Payload, keys: readonly string[]): boolean {
	return keys.some((key) => payload.get(key) !== undefined && payload.get(key) !== null);
}

export function titleOf(payload: Payload): string | undefined {
	return normaliseWord(payload.get('title'));
}

/** 'Clicked Link', 'clicked-link', ' CLICKED_LINK ' → 'clicked_link'; undefined if no text. */
export function normaliseWord(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const word = value
		.trim()
		.slice(0, MAX_WORD_LENGTH)
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return word === '' ? undefined : word;
}

export function textOf(value: unknown): string {
	return typeof value === 'string' ? value : scalarText(value);
}

export function idOf(value: unknown): string {
	return scalarText(value).trim();
}

function scalarText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return '';
}

/** Own keys only: a title like "constructor" must not find Object.prototype.constructor. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

// "00:05:23", "5:23", "0", "323". Hours may exceed 24; minutes and seconds after a colon may not
// exceed 59.
const CLOCK_DURATION = /^(?:(\d{1,6}):)?(\d{1,6}):(\d{1,2})$/;
const PLAIN_SECONDS = /^\d{1,9}$/;

export function parseDurationSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value) && value >= 0 && value < 1e9 ? Math.round(value) : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (PLAIN_SECONDS.test(text)) return Number(text);
	const match = CLOCK_DURATION.exec(text);
	if (match === null) return undefined;
	const [, hours, minutes, seconds] = match;
	if (Number(seconds) > 59 || (hours !== undefined && Number(minutes) > 59)) return undefined;
	return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/** A payload value kept as sent in the item (it came from JSON, so it is item data). */
export function asItemValue(value: unknown): IDataObject[string] {
	return value as IDataObject[string];
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function quote(text: string | undefined): string {
	const shown = (text ?? '').slice(0, 60);
	return JSON.stringify(shown);
}

export function refusal(reason: string): Refusal {
	return { reason };
}
