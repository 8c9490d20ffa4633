import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import { TIMEOUT_OPTION, readNumericOption } from '../../helpers/options';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../helpers/phone';
import { deliveryCertaintyOf, insimRequest } from '../../transport';
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
		options: [timeoutOption()],
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
		info: entry?.info,
		errors: codes,
	};
	if (json.success) return { itemIndex, json, accepted: true };
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
