import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { TIMEOUT_OPTION, readNumericOption } from '../../helpers/options';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import {
	deliveryCertaintyOf,
	errorCodeOf,
	insimRequest,
	insimV2Request,
	isFatalError,
} from '../../transport';
import { phoneNumberProperty, timeoutOption } from '../common.descriptions';
import type { ItemOutcome } from '../types';

export const CALL_CODES: Record<string, string> = {
	'#001': "inSIM's servers are unavailable. Try again in a moment.",
	'#002':
		'The phone is not connected or the inSIM app is not running on it. Open inSIM on the phone and try again.',
};

const properties: INodeProperties[] = [
	phoneNumberProperty(
		'Number the connected phone should dial, in international format: + then country code and number',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				options: [
					{ name: 'V1', value: 'v1' },
					{
						name: 'V2',
						value: 'v2',
						description: 'The newer API (premium plans), with its error codes',
					},
				],
				default: 'v1',
				description: 'Which inSIM API starts the call',
			},
			timeoutOption(),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['clickToCall'] } },
	properties,
);

/** Click-to-call carries its parameters in `header`, one number per request: it cannot batch. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const node = this.getNode();
	const stopOnFirstError = !this.continueOnFail();
	const outcomes: ItemOutcome[] = [];
	// A failure that proves inSIM cannot be used (credentials, plan, unreachable) ends the calls.
	let fatal: NodeApiError | undefined;
	const readParameter = itemParameterReader(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const rawPhone = readParameter('phoneNumber', itemIndex, '');
		const phone = normalizePhoneNumber(rawPhone);
		if (!phone.ok) {
			outcomes.push({
				itemIndex,
				error: invalidFieldError(node, itemIndex, 'Phone Number', rawPhone, phone.reason),
			});
			if (stopOnFirstError) return outcomes;
			continue;
		}
		if (fatal) {
			const skipped = new NodeApiError(
				node,
				{ message: fatal.message },
				{
					message: `Not called, because an earlier request failed: ${fatal.message}`,
					description: fatal.description ?? undefined,
					itemIndex,
				},
			);
			skipped.context.deliveryCertainty = 'notSent';
			outcomes.push({
				itemIndex,
				error: skipped,
				json: { phone_number: phone.e164, mayHaveBeenProcessed: false },
			});
			continue;
		}
		let timeoutSeconds: number;
		try {
			timeoutSeconds = readNumericOption(this, 'timeout', itemIndex, TIMEOUT_OPTION);
		} catch (error) {
			outcomes.push({
				itemIndex,
				error: error as NodeApiError,
				json: { phone_number: phone.e164, mayHaveBeenProcessed: false },
			});
			if (stopOnFirstError) return outcomes;
			continue;
		}
		if (
			String(this.getNodeParameter('options.apiVersion', itemIndex, 'v1')).toLowerCase() === 'v2'
		) {
			const outcome = await clickToCallV2(this, itemIndex, phone.e164, timeoutSeconds);
			outcomes.push(outcome);
			if ('error' in outcome) {
				if (stopOnFirstError) return outcomes;
				if (endsTheCalls(outcome.error)) fatal = outcome.error as NodeApiError;
			}
			continue;
		}
		let answer: unknown;
		try {
			answer = await insimRequest.call(
				this,
				'/v1/clictocall',
				{ header: { type: 'clicToCall', phone_number: phone.e164 } },
				{ timeoutSeconds, itemIndex },
			);
		} catch (error) {
			const mayHaveBeenProcessed = deliveryCertaintyOf(error) === 'unknown';
			outcomes.push({
				itemIndex,
				error: error as NodeApiError,
				json: { phone_number: phone.e164, mayHaveBeenProcessed },
			});
			if (stopOnFirstError) return outcomes;
			if (!mayHaveBeenProcessed) fatal = error as NodeApiError;
			continue;
		}
		const outcome = callOutcome(this, itemIndex, phone.e164, answer);
		outcomes.push(outcome);
		if ('error' in outcome && stopOnFirstError) return outcomes;
	}
	return outcomes;
}

/**
 * API v2 `clictocall`: a flat `{ phone_number }`, answered `{ success: true }` or a v2 error
 * envelope (LICENSE_REQUIRED on a free plan; a not-connected code when the phone is offline).
 */
async function clickToCallV2(
	ctx: IExecuteFunctions,
	itemIndex: number,
	phoneNumber: string,
	timeoutSeconds: number,
): Promise<ItemOutcome> {
	try {
		const answer = await insimV2Request.call(
			ctx,
			'clictocall',
			{ phone_number: phoneNumber },
			{ timeoutSeconds, itemIndex, fieldLabels: { phone_number: 'Phone Number' } },
		);
		const { success: _success, ...rest } = answer;
		return {
			itemIndex,
			json: { success: true, phone_number: phoneNumber, ...rest },
			accepted: true,
		};
	} catch (caught) {
		const error = caught as NodeApiError;
		const code = errorCodeOf(error);
		if (code !== undefined && isPhoneOfflineCode(code)) {
			const reason = error.message.replace(/^Item \d+: /, '');
			error.message = `Item ${itemIndex}: inSIM could not start the call to ${phoneNumber}: ${reason}`;
			error.description = CALL_CODES['#002'];
		}
		return {
			itemIndex,
			error,
			json: {
				phone_number: phoneNumber,
				mayHaveBeenProcessed: deliveryCertaintyOf(error) === 'unknown',
			},
		};
	}
}

/** No vendor file shows v2's code for an offline phone: any code that says so counts. */
function isPhoneOfflineCode(code: string): boolean {
	return /NOT_CONNECTED|OFFLINE|DEVICE/i.test(code);
}

/** The next v2 call would fail the same way: credentials, plan, unreachable host, phone offline. */
function endsTheCalls(error: NodeApiError | NodeOperationError): boolean {
	const code = errorCodeOf(error);
	return isFatalError(error) || (code !== undefined && isPhoneOfflineCode(code));
}

/** inSIM's `error_code` of a failed v2 request (the transport keeps it in the error's response). */

function callOutcome(
	ctx: IExecuteFunctions,
	itemIndex: number,
	phoneNumber: string,
	answer: unknown,
): ItemOutcome {
	const entry = (Array.isArray(answer) ? answer[0] : answer) as IDataObject | undefined;
	const result = String(entry?.result ?? '').toLowerCase();
	const codes = (Array.isArray(entry?.errors) ? entry.errors : []).map((code) => String(code));
	const json: IDataObject = {
		success: result === 'success',
		phone_number: phoneNumber,
		result: entry?.result,
	};
	// A started call shows no error-looking field (inSIM's `errors: []` and its `info` text).
	if (json.success) return { itemIndex, json, accepted: true };
	json.info = entry?.info;
	json.errors = codes;
	json.mayHaveBeenProcessed = false;

	const explained = codes.map((code) => CALL_CODES[code] ?? `inSIM error ${code}.`);
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: 'click-to-call failed' },
		{
			message: `inSIM could not start the call to ${phoneNumber}${codes.length ? ` (${codes.join(', ')})` : ''}`,
			description:
				explained.join(' ') ||
				`inSIM answered result "${String(entry?.result ?? 'missing')}". Check that the phone is connected and the inSIM app is running.`,
			itemIndex,
		},
	);
	error.context.deliveryCertainty = 'notSent';
	return { itemIndex, error, json };
}
