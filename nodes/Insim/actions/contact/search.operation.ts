import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { CONTACTS_SEARCH } from '../../contracts/reads';
import { positiveWholeNumber, requiredTextParameter } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';
import { requiredTextProperty } from '../common.descriptions';

const MODES = ['smart', 'exact', 'starts_with'];
const MAX_RESULTS = 100;

const properties: INodeProperties[] = [
	requiredTextProperty(
		'Name',
		'name',
		'e.g. Jean Dupont',
		'The name to look for. First and last names may be in either order; accents and case are ignored.',
	),
	{
		displayName: 'Match Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Smart',
				value: 'smart',
				description: 'Whole words, word beginnings and (with Tolerate Typos) near misses',
			},
			{ name: 'Exact', value: 'exact', description: 'The full name only' },
			{ name: 'Starts With', value: 'starts_with', description: 'Names that begin with the text' },
		],
		default: 'smart',
	},
	{
		displayName: 'Tolerate Typos',
		name: 'fuzzy',
		type: 'boolean',
		default: true,
		description: 'Whether to also find names that differ by a letter or two',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RESULTS },
		default: 50,
		description: 'Max number of results to return',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['search'] } },
	properties,
);

/**
 * API v2 `contacts/search`: contacts ranked by how well their name matches, best first, one output
 * item each with inSIM's `score` (0–100) and `match_type`.
 */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const name = requiredTextParameter(this, 'name', itemIndex, 'Name');
		const mode = this.getNodeParameter('mode', itemIndex, 'smart');
		if (typeof mode !== 'string' || !MODES.includes(mode)) {
			throw invalidFieldError(
				this.getNode(),
				itemIndex,
				'Match Mode',
				mode,
				`must be one of ${MODES.join(', ')}`,
			);
		}
		const fuzzy = this.getNodeParameter('fuzzy', itemIndex, true);
		if (typeof fuzzy !== 'boolean') {
			throw invalidFieldError(
				this.getNode(),
				itemIndex,
				'Tolerate Typos',
				fuzzy,
				'must be true or false',
			);
		}
		const limit = positiveWholeNumber(
			this,
			this.getNodeParameter('limit', itemIndex, 50),
			itemIndex,
			'Limit',
			MAX_RESULTS,
		);
		return (
			await callAndRead(this, CONTACTS_SEARCH, { name, mode, fuzzy, limit }, itemIndex, {
				name: 'Name',
				mode: 'Match Mode',
				fuzzy: 'Tolerate Typos',
				limit: 'Limit',
			})
		).records;
	},
);
