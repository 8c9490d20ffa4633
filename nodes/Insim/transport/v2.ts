import type { IDataObject } from 'n8n-workflow';

import type { InsimFunctions } from './credentials';
import { isPlainObject } from '../../shared/isPlainObject';
import { insimError, UNKNOWN_OUTCOME_ADVICE } from './errors';
import { insimRequest } from './request';
import type { InsimRequestOptions } from './scope';

/**
 * API v2: POSTs `{ ...body, login, accessKey }` to `/v2/<endpoint>` and returns the answer, which
 * must carry `success: true` (a 200 with `success:false` is thrown as its error, never returned).
 * Top-level empty values are dropped first: inSIM reads an empty string as a real filter.
 */
export async function insimV2Request(
	this: InsimFunctions,
	endpoint: string,
	body: IDataObject = {},
	options: InsimRequestOptions = {},
): Promise<IDataObject> {
	const path = `/v2/${endpoint}`;
	const answer = await insimRequest.call(this, path, withoutEmptyValues(body), options);
	if (isPlainObject(answer) && answer.success === true) return answer;
	throw insimError(
		{ ctx: this, itemIndex: options.itemIndex },
		{
			message: `inSIM answered ${path} without "success": true`,
			description:
				'The answer does not look like inSIM API v2: check the API Base URL in the inSIM credential. ' +
				UNKNOWN_OUTCOME_ADVICE,
			certainty: 'unknown',
		},
	);
}

function withoutEmptyValues(body: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		kept[key] = value;
	}
	return kept;
}
