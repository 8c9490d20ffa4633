import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidFieldError } from './itemErrors';
import { normalizePhoneNumber } from '../../shared/phone';

/**
 * Readers for API v2 parameters. Each one validates its value and throws an error that names the
 * item and the field, before anything is sent.
 */

/** A required text value (an ID, a name …), trimmed. */
export function requiredText(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw invalidFieldError(ctx.getNode(), itemIndex, label, value, 'is required');
	}
	return text;
}

/** A required text parameter of the item, trimmed; blank is an error naming its field. */
export function requiredTextParameter(
	ctx: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	label: string,
): string {
	return requiredText(ctx, ctx.getNodeParameter(parameter, itemIndex, ''), itemIndex, label);
}

/** A resource locator's value (From List or By ID), required. */
export function locatorId(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requiredText(ctx, value, itemIndex, label);
}

/** A number to send: E.164 when it reads as international, else the local form inSIM accepts. */
export function phoneForApi(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
	{ localAllowed }: { localAllowed: boolean },
): string {
	const checked = normalizePhoneNumber(value);
	if (checked.ok) return checked.e164;
	if (localAllowed && typeof value === 'string') {
		// inSIM v2 also finds numbers in their national form (ReachTechnologies/insim-mcp
		// src/insim_mcp/server.py find_contact): keep the digits as typed. Not only 0…: some
		// numbering plans (Tunisia's 8 digits) have no trunk 0. A leading 00 is international.
		const compact = value.replace(/[\s./()-]/g, '');
		if (/^\d{6,15}$/.test(compact) && !compact.startsWith('00')) return compact;
	}
	throw invalidFieldError(ctx.getNode(), itemIndex, label, value, checked.reason);
}

/** A date picker or text value → `YYYY-MM-DD`; undefined when empty. */
export function apiDate(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text =
		typeof value === 'string'
			? value.trim()
			: value instanceof Date
				? value.toISOString()
				: typeof (value as { toISO?: () => string }).toISO === 'function'
					? String((value as { toISO: () => string }).toISO())
					: String(value);
	const day = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text)?.[1];
	if (day === undefined || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
		throw invalidFieldError(
			ctx.getNode(),
			itemIndex,
			label,
			value,
			'is not a date: use the date picker or YYYY-MM-DD',
		);
	}
	return day;
}

/**
 * The `From Date` / `To Date` fields of `source` (a Filters or Options collection) as inSIM's
 * `date_from` / `date_to`; a To Date before the From Date is an item error.
 */
export function apiDateRange(
	ctx: IExecuteFunctions,
	source: IDataObject,
	itemIndex: number,
): { date_from?: string; date_to?: string } {
	const dateFrom = apiDate(ctx, source.dateFrom, itemIndex, 'From Date');
	const dateTo = apiDate(ctx, source.dateTo, itemIndex, 'To Date');
	if (dateFrom !== undefined && dateTo !== undefined && dateTo < dateFrom) {
		throw invalidFieldError(
			ctx.getNode(),
			itemIndex,
			'To Date',
			dateTo,
			`is before From Date ${dateFrom}`,
		);
	}
	return { date_from: dateFrom, date_to: dateTo };
}

/**
 * `Return All` and `Limit`: undefined means every record. A limit must be a whole number ≥ 1
 * (an expression giving text or 0 is an item error, not a silent default).
 */
export function wantedCount(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50);
	return positiveWholeNumber(ctx, limit, itemIndex, 'Limit');
}

export function positiveWholeNumber(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
	max?: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw invalidFieldError(
			ctx.getNode(),
			itemIndex,
			label,
			value,
			'must be a whole number of 1 or more',
		);
	}
	if (max !== undefined && number > max) {
		throw invalidFieldError(ctx.getNode(), itemIndex, label, value, `must be at most ${max}`);
	}
	return number;
}

/** Comma-separated text or an array → trimmed, non-empty strings. */
export function textList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map(String)
		: typeof value === 'string'
			? value.split(',')
			: [];
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** A JSON object given as text (or already an object); an item error when it is not one. */
export function jsonObject(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw invalidFieldError(ctx.getNode(), itemIndex, label, value, 'is not valid JSON');
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw invalidFieldError(ctx.getNode(), itemIndex, label, value, 'must be a JSON object');
	}
	return parsed as IDataObject;
}
