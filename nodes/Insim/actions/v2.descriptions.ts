import type { INodeProperties } from 'n8n-workflow';

/** The field shapes every API v2 operation shares, written once so they read the same everywhere. */

export function returnAllProperty(): INodeProperties {
	return {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	};
}

export function limitProperty(maxValue?: number): INodeProperties {
	return {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, ...(maxValue ? { maxValue } : {}) },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	};
}

export function simplifyProperty(): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}

export function dateFromOption(): INodeProperties {
	return {
		displayName: 'From Date',
		name: 'dateFrom',
		type: 'dateTime',
		default: '',
		description: 'Only records on or after this day',
	};
}

export function dateToOption(): INodeProperties {
	return {
		displayName: 'To Date',
		name: 'dateTo',
		type: 'dateTime',
		default: '',
		description: 'Only records on or before this day',
	};
}

export type LocatorKind = 'list' | 'template' | 'campaign' | 'qualificationOption';

const LOCATORS: Record<LocatorKind, { noun: string; method: string }> = {
	list: { noun: 'List', method: 'searchLists' },
	template: { noun: 'Template', method: 'searchTemplates' },
	campaign: { noun: 'Campaign', method: 'searchCampaigns' },
	qualificationOption: { noun: 'Qualification Option', method: 'searchQualificationOptions' },
};

/** A picker: "From List" (searchable, loaded from inSIM) or "By ID". */
export function resourceLocatorProperty(
	kind: LocatorKind,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const { noun, method } = LOCATORS[kind];
	return {
		displayName: noun,
		name: `${kind}Id`,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${noun.toLowerCase()} to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun.toLowerCase()}...`,
				typeOptions: { searchListMethod: method, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
			},
		],
		...overrides,
	};
}
