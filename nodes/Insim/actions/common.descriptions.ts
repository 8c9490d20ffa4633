import type { INodeProperties } from 'n8n-workflow';

import {
	BATCH_SIZE_OPTION,
	DEFAULT_BATCH_SIZE,
	DEFAULT_TIMEOUT_SECONDS,
	TIMEOUT_OPTION,
} from '../helpers/options';

/** A required one-line text field (a name, an ID) with its example and description. */
export function requiredTextProperty(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
	};
}

/** The recipient or contact number: the same field, wording and cleaning for every operation. */
export function phoneNumberProperty(description: string): INodeProperties {
	return requiredTextProperty('Phone Number', 'phoneNumber', '+33612345678', description);
}

/** A number option with the bounds the node checks at run time (an expression can bypass the editor's box). */
function boundedNumberOption(
	displayName: string,
	name: string,
	bounds: { min: number; max: number },
	defaultValue: number,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: bounds.min, maxValue: bounds.max },
		default: defaultValue,
		description,
	};
}

export function batchSizeOption(description: string): INodeProperties {
	return boundedNumberOption(
		'Batch Size',
		'batchSize',
		BATCH_SIZE_OPTION,
		DEFAULT_BATCH_SIZE,
		description,
	);
}

export function timeoutOption(
	description = 'Seconds to wait for inSIM to answer',
): INodeProperties {
	// The unit in the label: n8n's own HTTP Request node counts its Timeout in milliseconds.
	return boundedNumberOption(
		'Timeout (Seconds)',
		'timeout',
		TIMEOUT_OPTION,
		DEFAULT_TIMEOUT_SECONDS,
		description,
	);
}

/** The SMS text field; each operation adds its own placeholder, hint and description. */
export function messageProperty(
	details: Pick<INodeProperties, 'placeholder' | 'hint' | 'description'>,
): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		...details,
	};
}

export { optionsCollection } from '../../shared/optionsCollection';

/** The Filters collection of a read operation: stored as `filters`, only the filters added. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}
