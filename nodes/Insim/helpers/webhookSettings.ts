import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { InsimFunctions, InsimRequestOptions } from '../transport';
import { insimRequest } from '../transport';

/** The five callback URLs of an inSIM account (API v2 `account/webhooks`). */
export type DashboardKey =
	'incoming_sms' | 'delivery_status' | 'link_clicks' | 'call_events' | 'call_qualifications';

export const DASHBOARD_KEYS: DashboardKey[] = [
	'incoming_sms',
	'delivery_status',
	'link_clicks',
	'call_events',
	'call_qualifications',
];

const WEBHOOKS_PATH = '/v2/account/webhooks';

export async function readDashboardUrls(
	this: InsimFunctions,
	options: InsimRequestOptions = {},
): Promise<Record<DashboardKey, string>> {
	const answer = (await insimRequest.call(
		this,
		WEBHOOKS_PATH,
		{ action: 'get' },
		options,
	)) as IDataObject;
	const webhooks = (answer?.webhooks ?? {}) as IDataObject;
	if (typeof webhooks !== 'object' || webhooks === null) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'unexpected answer' },
			{
				message: 'inSIM answered the webhook settings request in an unexpected format',
				itemIndex: options.itemIndex,
			},
		);
	}
	const urls = {} as Record<DashboardKey, string>;
	for (const key of DASHBOARD_KEYS)
		urls[key] = typeof webhooks[key] === 'string' ? webhooks[key] : '';
	return urls;
}

export async function writeDashboardUrls(
	this: InsimFunctions,
	changes: Partial<Record<DashboardKey, string>>,
	options: InsimRequestOptions = {},
): Promise<void> {
	if (Object.keys(changes).length === 0) return;
	// Only the keys sent are meant to change: whether an omitted key is cleared is undocumented,
	// so the others are sent back with their current value by the caller when needed.
	await insimRequest.call(this, WEBHOOKS_PATH, { webhooks: changes }, options);
}
