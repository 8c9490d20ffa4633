import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { ItemOutcome } from '../actions/types';
import { invalidFieldError } from './itemErrors';

/**
 * The numeric options of both nodes, checked in one place. n8n's `minValue` / `maxValue` only
 * bind the editor's number box: an expression, an imported workflow or the public API can put
 * anything there (`0`, `-1`, `"abc"`, `1e9`), and `Number()` of that would silently mean "wait
 * forever", "no request" or NaN.
 */
export interface NumericOptionSpec {
	/** the name the user sees, e.g. `Timeout` */
	field: string;
	min: number;
	max: number;
	integer: boolean;
	/** used when the option is not set (or set to an empty value) */
	fallback: number;
	/** e.g. `seconds`, for the message */
	unit?: string;
}

/** Defaults also shown in the editor (n8n's lint wants a plain name in a property's default). */
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_BATCH_SIZE = 100;

/** Seconds, fractions allowed (2.5 s is a real wait); 3600 is the transport's own bound. */
export const TIMEOUT_OPTION: NumericOptionSpec = {
	field: 'Timeout',
	min: 1,
	max: 3600,
	integer: false,
	fallback: DEFAULT_TIMEOUT_SECONDS,
	unit: 'seconds',
};

export const BATCH_SIZE_OPTION: NumericOptionSpec = {
	field: 'Batch Size',
	min: 1,
	max: 1000,
	integer: true,
	fallback: DEFAULT_BATCH_SIZE,
};

export const REPEAT_WINDOW_OPTION: NumericOptionSpec = {
	field: 'Repeat Window (Seconds)',
	min: 1,
	max: 86400,
	integer: true,
	fallback: 300,
	unit: 'seconds',
};

export const TRUSTED_PROXY_HOPS_OPTION: NumericOptionSpec = {
	field: 'Trusted Proxy Hops',
	min: 0,
	max: 20,
	integer: true,
	fallback: 0,
};

/** A decimal number written as text, as an expression may give it: `30`, ` 2.5 `, `-1`. */
const NUMERIC_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

export type NumericCheck = { ok: true; value: number } | { ok: false; reason: string };

/** The option's value, or why it is not acceptable. Never throws. */
export function checkNumericOption(value: unknown, spec: NumericOptionSpec): NumericCheck {
	if (value === undefined || value === null || value === '') {
		return { ok: true, value: spec.fallback };
	}
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && NUMERIC_TEXT.test(value)) number = Number(value);
	else return { ok: false, reason: `must be a number (${describe(spec)})` };

	if (!Number.isFinite(number))
		return { ok: false, reason: `must be a finite number (${describe(spec)})` };
	if (spec.integer && !Number.isInteger(number)) {
		return { ok: false, reason: `must be a whole number (${describe(spec)})` };
	}
	if (number < spec.min || number > spec.max) {
		return { ok: false, reason: `is out of range (${describe(spec)})` };
	}
	return { ok: true, value: number };
}

function describe(spec: NumericOptionSpec): string {
	const unit = spec.unit ? ` ${spec.unit}` : '';
	return `${spec.integer ? 'a whole number ' : ''}from ${spec.min} to ${spec.max}${unit}`;
}

/** The checked value, or an item error naming the item and the field. */
export function numericOption(
	node: INode,
	itemIndex: number,
	value: unknown,
	spec: NumericOptionSpec,
): number {
	const checked = checkNumericOption(value, spec);
	if (!checked.ok) throw invalidFieldError(node, itemIndex, spec.field, value, checked.reason);
	return checked.value;
}

/** Reads `options.<name>` for one item and checks it (see numericOption). */
export function readNumericOption(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	spec: NumericOptionSpec,
): number {
	const value = ctx.getNodeParameter(`options.${name}`, itemIndex, spec.fallback) as unknown;
	return numericOption(ctx.getNode(), itemIndex, value, spec);
}

/** The checked values of options, or an error outcome for every item that got one. */
export type OptionsRead<Name extends string> =
	{ ok: true; values: Record<Name, number> } | { ok: false; outcomes: ItemOutcome[] };

/**
 * Options that shape requests carrying several items (Batch Size, Timeout), read once from the
 * first item. An invalid value is an error on every item, before anything is sent: returned as
 * outcomes, not thrown, so that "Continue (regular output)" does not pass the items on unsent.
 */
export function readRunOptions<Name extends string>(
	ctx: IExecuteFunctions,
	itemCount: number,
	specs: Record<Name, NumericOptionSpec>,
	writes: boolean,
): OptionsRead<Name> {
	const values = {} as Record<Name, number>;
	for (const name of Object.keys(specs) as Name[]) {
		const spec = specs[name];
		const value = ctx.getNodeParameter(`options.${name}`, 0, spec.fallback) as unknown;
		const checked = checkNumericOption(value, spec);
		if (!checked.ok) {
			const outcomes = Array.from({ length: itemCount }, (_, itemIndex): ItemOutcome => {
				const error = invalidFieldError(
					ctx.getNode(),
					itemIndex,
					spec.field,
					value,
					checked.reason,
				);
				return writes
					? { itemIndex, error, json: { mayHaveBeenProcessed: false } }
					: { itemIndex, error };
			});
			return { ok: false, outcomes };
		}
		values[name] = checked.value;
	}
	return { ok: true, values };
}

/**
 * An option read for each item (one request per item), every item checked before anything is
 * sent: the values of the valid items, and an error outcome for each invalid one.
 */
export function readItemOptions(
	ctx: IExecuteFunctions,
	itemCount: number,
	name: string,
	spec: NumericOptionSpec,
): { values: Map<number, number>; outcomes: ItemOutcome[] } {
	const values = new Map<number, number>();
	const outcomes: ItemOutcome[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			values.set(itemIndex, readNumericOption(ctx, name, itemIndex, spec));
		} catch (error) {
			outcomes.push({
				itemIndex,
				error: error as ReturnType<typeof invalidFieldError>,
				json: { mayHaveBeenProcessed: false },
			});
		}
	}
	return { values, outcomes };
}
