import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Longest part of a rejected value quoted back in a message. */
const MAX_QUOTED_LENGTH = 60;

/**
 * A validation error for one item that names the item, the field and the value, e.g.
 * `Item 3: "Phone Number" "+33 6" is not valid: must start with …`.
 */
export function invalidFieldError(
	node: INode,
	itemIndex: number,
	fieldName: string,
	value: unknown,
	reason: string,
): NodeOperationError {
	const quoted = quoteValue(value);
	return new NodeOperationError(
		node,
		`Item ${itemIndex}: "${fieldName}" ${quoted} is not valid: ${reason}`,
		{
			itemIndex,
			description: `Fix the "${fieldName}" value of item ${itemIndex} (counting from 0). Nothing was sent for this item.`,
		},
	);
}

function quoteValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return '(empty)';
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	const short = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
	return `"${short}"`;
}
