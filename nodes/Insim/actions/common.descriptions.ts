import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS } from '../transport';

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 1000;

/** The recipient or contact number: the same field, wording and cleaning for every operation. */
export function phoneNumberProperty(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+33612345678',
		description,
	};
}

export function batchSizeOption(description: string): INodeProperties {
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
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
		typeOptions: { minValue: 1 },
		default: DEFAULT_TIMEOUT_SECONDS,
		description,
	};
}
