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

export function batchSizeOption(description: string): INodeProperties {
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		// The bounds the node checks at run time (an expression can bypass the editor's box).
		typeOptions: { minValue: BATCH_SIZE_OPTION.min, maxValue: BATCH_SIZE_OPTION.max },
		default: DEFAULT_BATCH_SIZE,
		description,
	};
}

export function timeoutOption(
	description = 'Seconds to wait for inSIM to answer',
): INodeProperties {
	return {
		// The unit in the label: n8n's own HTTP Request node counts its Timeout in milliseconds.
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: TIMEOUT_OPTION.min, maxValue: TIMEOUT_OPTION.max },
		default: DEFAULT_TIMEOUT_SECONDS,
		description,
	};
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
