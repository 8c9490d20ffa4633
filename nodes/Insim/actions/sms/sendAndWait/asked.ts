import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * Who was asked and the SMS's facts, carried from the send to the answer. n8n drops the waiting
 * node's own output before it calls the resume webhook, so they travel in the execution's custom
 * data (`$execution.customData`, saved with the execution, also in queue mode). n8n keeps values
 * up to 255 characters: the facts are few and short.
 */
const CUSTOM_DATA_KEY = 'insimSendAndWait';

/**
 * The same essentials in the resume URL's query, which n8n signs (a changed value is refused):
 * they reach the answer even where the custom data does not.
 */
export const ASKED_QUERY = { phone: 'to', askedAt: 'at', messageId: 'sms' } as const;
const MAX_VALUE_LENGTH = 255;

export function rememberAskedFacts(ctx: IExecuteFunctions, facts: IDataObject): void {
	const customData = ctx.getWorkflowDataProxy(0).$execution?.customData;
	if (customData === undefined) return;
	let value = JSON.stringify(facts);
	if (value.length > MAX_VALUE_LENGTH) {
		value = JSON.stringify({ phoneNumber: facts.phoneNumber, askedAt: facts.askedAt });
	}
	customData.set(CUSTOM_DATA_KEY, value);
}

export function askedFacts(ctx: IWebhookFunctions): IDataObject {
	const query = ctx.getQueryData() as Record<string, unknown>;
	const fromQuery: IDataObject = {};
	if (typeof query[ASKED_QUERY.phone] === 'string')
		fromQuery.phoneNumber = String(query[ASKED_QUERY.phone]);
	if (typeof query[ASKED_QUERY.askedAt] === 'string')
		fromQuery.askedAt = String(query[ASKED_QUERY.askedAt]);
	if (typeof query[ASKED_QUERY.messageId] === 'string') {
		fromQuery.sms = { id_sms_api: String(query[ASKED_QUERY.messageId]) };
	}
	const fromCustomData = customDataFacts(ctx);
	return {
		...fromQuery,
		...fromCustomData,
		sms: {
			...((fromQuery.sms as IDataObject) ?? {}),
			...((fromCustomData.sms as IDataObject) ?? {}),
		},
	};
}

function customDataFacts(ctx: IWebhookFunctions): IDataObject {
	try {
		const value = ctx.evaluateExpression(
			`{{ $execution.customData.get(${JSON.stringify(CUSTOM_DATA_KEY)}) }}`,
			0,
		);
		if (typeof value !== 'string' || value === '') return {};
		const facts = JSON.parse(value) as unknown;
		return typeof facts === 'object' && facts !== null && !Array.isArray(facts)
			? (facts as IDataObject)
			: {};
	} catch {
		return {};
	}
}
