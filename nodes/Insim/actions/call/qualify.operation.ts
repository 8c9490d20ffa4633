import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CALL_QUALIFY } from '../../contracts/reads';
import { locatorId, requiredTextParameter } from '../../helpers/v2Parameters';
import { resourceLocatorProperty } from '../v2.descriptions';
import { callAndRead } from '../v2Call';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6',
		description: 'ID of the call, as Get Many lists it',
	},
	resourceLocatorProperty('qualificationOption', {
		description: 'The qualification category to attach to the call',
	}),
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		description: 'Free text kept with the qualification',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['qualify'] } },
	properties,
);

const FIELD_LABELS = {
	call_id: 'Call ID',
	option_id: 'Qualification Option',
	notes: 'Notes',
};

/** API v2 `calls/qualify`: attach a qualification option and a note to a call. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const callId = requiredTextParameter(this, 'callId', itemIndex, 'Call ID');
		const optionId = locatorId(this, 'qualificationOptionId', itemIndex, 'Qualification Option');
		const notes = String(this.getNodeParameter('notes', itemIndex, '') ?? '');
		// The answer's shape is not shown by any vendor file: what was asked (the call's id even
		// when inSIM answers with `success` alone), then what came back.
		return {
			id: callId,
			call_id: callId,
			option_id: optionId,
			...(notes !== '' ? { notes } : {}),
			...(
				await callAndRead(
					this,
					CALL_QUALIFY,
					{ call_id: callId, option_id: optionId, notes },
					itemIndex,
					FIELD_LABELS,
				)
			).record,
		};
	},
);
