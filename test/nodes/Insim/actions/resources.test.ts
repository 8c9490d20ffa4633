import { readFileSync } from 'node:fs';

import { README_PATH, nodeOperations, readmeWithTable } from '../../../../scripts/operationsTable';
import { OPERATION_ENDPOINTS, V2_ENDPOINTS } from '../../../support/endpoints';

const operations = nodeOperations();
const keys = operations.map((row) => `${row.resource}.${row.operation}`);

test('every endpoint of insim-api-v2.md is called by at least one operation', () => {
	const called = new Set(Object.values(OPERATION_ENDPOINTS).flat());
	expect(V2_ENDPOINTS.filter((endpoint) => !called.has(endpoint))).toEqual([]);
	expect(V2_ENDPOINTS).toHaveLength(45);
});

test('the endpoint map names exactly the operations of the node', () => {
	expect(keys.filter((key) => !(key in OPERATION_ENDPOINTS))).toEqual([]);
	expect(Object.keys(OPERATION_ENDPOINTS).filter((key) => !keys.includes(key))).toEqual([]);
	const known = new Set<string>([...V2_ENDPOINTS, 'v1/sendsms', 'v1/contact', 'v1/clictocall']);
	expect(
		Object.values(OPERATION_ENDPOINTS)
			.flat()
			.filter((endpoint) => !known.has(endpoint)),
	).toEqual([]);
});

test('operation names are unique within a resource and every one has a description', () => {
	expect(new Set(keys).size).toBe(keys.length);
	expect(operations.filter((row) => row.description.trim() === '')).toEqual([]);
});

test('the README table is current (npm run docs:operations)', () => {
	const readme = readFileSync(README_PATH, 'utf8');
	expect(readmeWithTable(readme)).toBe(readme);
});
