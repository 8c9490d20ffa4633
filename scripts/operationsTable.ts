// Writes the README's table of every inSIM node operation, from the node's own description and
// test/support/endpoints.ts. `npm run docs:operations`; test/nodes/Insim/actions/resources.test.ts keeps it current.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';

import { RESOURCES } from '../nodes/Insim/actions/resources';
import { OPERATION_BATCHING, OPERATION_ENDPOINTS } from '../test/support/endpoints';

export const README_PATH = join(__dirname, '..', 'README.md');
const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

export interface OperationRow {
	resource: string;
	resourceName: string;
	operation: string;
	name: string;
	description: string;
}

/** Every operation the node offers, resource by resource as in the Resource picker. */
export function nodeOperations(): OperationRow[] {
	// The node's own properties are these (Insim.node.ts spreads them): the class itself is not
	// imported, as Node's require would find Insim.node.json (the codex) before the .ts file.
	const properties = Object.values(RESOURCES).flatMap(({ module }) => module.description);
	return Object.entries(RESOURCES).flatMap(([resource, { name: resourceName }]) => {
		const picker = properties.find(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
		);
		return ((picker?.options ?? []) as INodePropertyOptions[]).map((option) => ({
			resource,
			resourceName,
			operation: String(option.value),
			name: option.name,
			description: option.description ?? '',
		}));
	});
}

function endpointCell(endpoints: string[]): string {
	return endpoints
		.map((endpoint) => (endpoint.startsWith('v1/') ? `\`/${endpoint}\`` : `\`/v2/${endpoint}\``))
		.join(', ');
}

export function operationsTable(): string {
	const rows = nodeOperations().map((row) => {
		const key = `${row.resource}.${row.operation}`;
		return `| ${row.resourceName} | **${row.name}** | ${row.description} | ${endpointCell(OPERATION_ENDPOINTS[key] ?? [])} | ${OPERATION_BATCHING[key] ?? 'one request per item'} |`;
	});
	return [
		'| Resource | Operation | What it does | inSIM endpoint | Requests |',
		'| --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

/** The README with the table between its markers replaced by the current one. */
export function readmeWithTable(readme: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
	return `${readme.slice(0, start + START.length)}\n${operationsTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
	const readme = readFileSync(README_PATH, 'utf8');
	writeFileSync(README_PATH, readmeWithTable(readme));
	process.stdout.write(`README.md: ${nodeOperations().length} operations\n`);
}
