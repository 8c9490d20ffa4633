/**
 * The identity of one delivery, the same on every n8n process: what both repeat checks (this
 * process's memory and n8n's database) compare.
 */
import { createHash, randomUUID } from 'crypto';

/**
 * Identity of a delivery: SHA-256 of the parameter name and the payload as canonical JSON (keys
 * sorted at every level), so the same payload gives the same key whether it came as query text or
 * as a parsed POST body, whatever its key order.
 */
export function deliveryKey(param: string, value: unknown): string {
	try {
		let payload = value;
		if (typeof value === 'string') {
			try {
				payload = JSON.parse(value) as unknown;
			} catch {
				// Not JSON: the text itself is the identity.
				payload = value;
			}
		}
		const name = typeof param === 'string' ? param.toLowerCase() : '';
		return createHash('sha256')
			.update(`${name}\n${canonicalJson(payload)}`, 'utf8')
			.digest('hex');
	} catch {
		// Unreadable (a throwing getter): a unique key, so the delivery is never wrongly dropped.
		return `unreadable-${randomUUID()}`;
	}
}

type Work = { value: unknown } | { text: string } | { leave: object };

/** JSON with sorted keys, iterative so that deep nesting cannot overflow the stack. */
function canonicalJson(root: unknown): string {
	const out: string[] = [];
	const work: Work[] = [{ value: root }];
	const open = new Set<object>();
	while (work.length > 0) {
		const item = work.pop() as Work;
		if ('text' in item) {
			out.push(item.text);
			continue;
		}
		if ('leave' in item) {
			open.delete(item.leave);
			continue;
		}
		const value = item.value;
		if (typeof value !== 'object' || value === null) {
			out.push(primitiveJson(value));
		} else if (open.has(value)) {
			out.push('"[circular]"');
		} else {
			open.add(value);
			work.push({ leave: value });
			if (Array.isArray(value)) {
				out.push('[');
				work.push({ text: ']' });
				for (let index = value.length - 1; index >= 0; index--) {
					work.push({ value: value[index] as unknown });
					if (index > 0) work.push({ text: ',' });
				}
			} else {
				out.push('{');
				work.push({ text: '}' });
				const record = value as Record<string, unknown>;
				const keys = Object.keys(record).sort();
				for (let index = keys.length - 1; index >= 0; index--) {
					work.push({ value: record[keys[index]] });
					work.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(keys[index])}:` });
				}
			}
		}
	}
	return out.join('');
}

function primitiveJson(value: unknown): string {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? JSON.stringify(value) : 'null';
		case 'bigint':
			return JSON.stringify(`${String(value)}n`);
		default:
			return 'null';
	}
}
