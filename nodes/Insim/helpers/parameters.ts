import type { IExecuteFunctions } from 'n8n-workflow';

/** What a user gets by dragging an input field onto a parameter: `{{ $json.phone }}`. */
const PLAIN_FIELD_EXPRESSION = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

export type ItemParameterReader = (name: string, itemIndex: number, fallback: unknown) => unknown;

/**
 * Reads a top-level parameter for one item. n8n 2.x evaluates every expression in an isolated V8
 * (about half a millisecond each), which made two expressions per item cost more than the batched
 * requests saved. For a parameter that is exactly `{{ $json.<field> }}` and an item whose own
 * field holds a string, number or boolean, that value is what n8n would return, so it is read
 * from the item; anything else (other expressions, `$fromAI()`, missing or object fields) is
 * left to n8n, with its usual semantics and errors.
 */
export function itemParameterReader(context: IExecuteFunctions): ItemParameterReader {
	const parameters = context.getNode().parameters;
	const items = context.getInputData();
	const fieldOf = new Map<string, string | undefined>();

	return (name, itemIndex, fallback) => {
		if (!fieldOf.has(name)) {
			const raw = parameters[name];
			fieldOf.set(
				name,
				typeof raw === 'string' ? PLAIN_FIELD_EXPRESSION.exec(raw)?.[1] : undefined,
			);
		}
		const field = fieldOf.get(name);
		const json = items[itemIndex]?.json;
		if (field !== undefined && json && Object.prototype.hasOwnProperty.call(json, field)) {
			const value = json[field];
			if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
				return value;
			}
		}
		return context.getNodeParameter(name, itemIndex, fallback);
	};
}
