/**
 * The operations the built action node defines, read from dist/ (what n8n loads), so that the
 * browser suite follows the node as it grows instead of a copied list.
 */
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { REPO_ROOT } from '../../scripts/n8n';

export interface OperationPanel {
	resource: { value: string; name: string };
	operation: { value: string; name: string };
	/** top-level parameters shown for this operation whatever the other parameters say */
	parameters: Array<{ name: string; displayName: string; type: string }>;
}

export function actionNodeDescription(): INodeTypeDescription {
	const file = join(REPO_ROOT, 'dist', 'nodes', 'Insim', 'Insim.node.js');
	const { Insim } = require(file) as { Insim: new () => { description: INodeTypeDescription } };
	return new Insim().description;
}

const shownFor = (property: INodeProperties, values: Record<string, string>): boolean => {
	const show = property.displayOptions?.show ?? {};
	if (property.displayOptions?.hide) return false;
	return Object.entries(show).every(
		([key, allowed]) => key in values && (allowed as unknown[]).includes(values[key]),
	);
};

export function operationPanels(description = actionNodeDescription()): OperationPanel[] {
	const resourceProperty = description.properties.find((property) => property.name === 'resource');
	if (!resourceProperty) throw new Error('the node has no Resource parameter');
	const panels: OperationPanel[] = [];
	for (const resource of resourceProperty.options as INodePropertyOptions[]) {
		const operationProperty = description.properties.find(
			(property) =>
				property.name === 'operation' && shownFor(property, { resource: String(resource.value) }),
		);
		if (!operationProperty) continue;
		for (const operation of operationProperty.options as INodePropertyOptions[]) {
			const values = { resource: String(resource.value), operation: String(operation.value) };
			const parameters = description.properties
				.filter(
					(property) =>
						!['resource', 'operation'].includes(property.name) &&
						property.type !== 'notice' &&
						property.displayOptions?.show !== undefined &&
						Object.keys(property.displayOptions.show).every((key) => key in values) &&
						shownFor(property, values),
				)
				.map(({ name, displayName, type }) => ({ name, displayName, type }));
			panels.push({
				resource: { value: values.resource, name: resource.name },
				operation: { value: values.operation, name: operation.name },
				parameters,
			});
		}
	}
	return panels;
}
