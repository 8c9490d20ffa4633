import type { INodeProperties } from 'n8n-workflow';

/**
 * The "Options" collection, as n8n nodes show their optional settings: stored as `options`, an
 * object holding only the options the user added.
 */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
