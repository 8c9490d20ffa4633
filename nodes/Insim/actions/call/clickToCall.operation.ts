import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { withoutSuccess } from '../../contracts/sending';
import type { ItemError } from '../../helpers/itemErrors';
import { asItemError, invalidFieldError } from '../../helpers/itemErrors';
import { TIMEOUT_OPTION, readItemOptions } from '../../helpers/options';
import { itemParameterReader } from '../../helpers/parameters';
import { normalizePhoneNumber } from '../../../shared/phone';
import { errorCodeOf, insimRequest, insimV2Request, isFatalError } from '../../transport';
import { runBatches } from '../batchRunner';
import { optionsCollection, phoneNumberProperty, timeoutOption } from '../common.descriptions';
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
	optionsCollection([
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
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['clickToCall'] } },
	properties,
);

interface CallRow {
	itemIndex: number;
	phone: string;
	timeoutSeconds: number;
	useApiV2: boolean;
}

/**
 * Click-to-call carries its parameters in `header`, one number per request: it cannot batch.
 * Every item is checked before the first call; the calls go through the batch runner, which
 * stops calling after a failure every further call would share (see endsTheCalls).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const node = this.getNode();
	const outcomes: ItemOutcome[] = [];
	const calls: CallRow[] = [];
	const readParameter = itemParameterReader(this);
	const timeouts = readItemOptions(this, items.length, 'timeout', TIMEOUT_OPTION);
	const badTimeout = new Map(timeouts.outcomes.map((outcome) => [outcome.itemIndex, outcome]));

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const rawPhone = readParameter('phoneNumber', itemIndex, '');
		const phone = normalizePhoneNumber(rawPhone);
		if (!phone.ok) {
			const error = invalidFieldError(node, itemIndex, 'Phone Number', rawPhone, phone.reason);
			outcomes.push({ itemIndex, error, json: { mayHaveBeenProcessed: false } });
			continue;
		}
		const timeoutOutcome = badTimeout.get(itemIndex);
		if (timeoutOutcome && 'error' in timeoutOutcome) {
			const json = { phone_number: phone.e164, mayHaveBeenProcessed: false };
			outcomes.push({ itemIndex, error: timeoutOutcome.error, json });
			continue;
		}
		const apiVersion = String(this.getNodeParameter('options.apiVersion', itemIndex, 'v1'));
		calls.push({
			itemIndex,
			phone: phone.e164,
			timeoutSeconds: timeouts.values.get(itemIndex) as number,
			useApiV2: apiVersion.toLowerCase() === 'v2',
		});
	}
	// Continue On Fail off: a bad item stops the node before anything is called.
	if (!this.continueOnFail() && outcomes.length > 0) return outcomes;

	const phoneOf = new Map(calls.map((call) => [call.itemIndex, call.phone]));
	const called = await runBatches(this, {
		batches: calls,
		itemsOf: (call) => [call.itemIndex],
		send: async (call) => [
			call.useApiV2 ? await clickToCallV2(this, call) : await clickToCallV1(this, call),
		],
		skipRestAfter: endsTheCalls,
		writes: true,
		itemJson: (itemIndex) => ({ phone_number: phoneOf.get(itemIndex) }),
	});
	return [...outcomes, ...called];
}

/**
 * Every further call would fail the same way: a shared failure (credentials, plan, unreachable
 * host), or the one phone that makes every call is not connected, or inSIM's servers are down.
 */
function endsTheCalls(error: ItemError): boolean {
	return isFatalError(error) || error.context.everyCallFails === true;
}

/**
 * API v2 `clictocall`: a flat `{ phone_number }`, answered `{ success: true }` or a v2 error
 * envelope (LICENSE_REQUIRED on a free plan; a not-connected code when the phone is offline).
 */
async function clickToCallV2(ctx: IExecuteFunctions, call: CallRow): Promise<ItemOutcome> {
	let answer: IDataObject;
	try {
		answer = await insimV2Request.call(
			ctx,
			'clictocall',
			{ phone_number: call.phone },
			{
				timeoutSeconds: call.timeoutSeconds,
				itemIndex: call.itemIndex,
				fieldLabels: { phone_number: 'Phone Number' },
			},
		);
	} catch (caught) {
		const code = errorCodeOf(caught);
		if (caught instanceof NodeApiError && code !== undefined && isPhoneOfflineCode(code)) {
			caught.message = `inSIM could not start the call to ${call.phone}: ${caught.message}`;
			caught.description = CALL_CODES['#002'];
			caught.context.everyCallFails = true;
		}
		throw asItemError(ctx.getNode(), caught, call.itemIndex);
	}
	return {
		itemIndex: call.itemIndex,
		json: { success: true, phone_number: call.phone, ...withoutSuccess(answer) },
		accepted: true,
	};
}

/** No vendor file shows v2's code for an offline phone: any code that says so counts. */
function isPhoneOfflineCode(code: string): boolean {
	return /NOT_CONNECTED|OFFLINE|DEVICE/i.test(code);
}

/** API v1 `clictocall`: `{ result, errors[], info }`, in an array or alone. */
async function clickToCallV1(ctx: IExecuteFunctions, call: CallRow): Promise<ItemOutcome> {
	const answer = await insimRequest.call(
		ctx,
		'/v1/clictocall',
		{ header: { type: 'clicToCall', phone_number: call.phone } },
		{ timeoutSeconds: call.timeoutSeconds, itemIndex: call.itemIndex },
	);
	const { itemIndex, phone: phoneNumber } = call;
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
	// #001 (servers down) and #002 (phone not connected) would answer every further call.
	if (codes.some((code) => code in CALL_CODES)) error.context.everyCallFails = true;
	return { itemIndex, error, json };
}
