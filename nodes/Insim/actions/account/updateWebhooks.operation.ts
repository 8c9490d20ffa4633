import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidFieldError } from '../../helpers/itemErrors';
import {
	DASHBOARD_KEYS,
	readDashboardUrls,
	writeDashboardUrls,
	type DashboardKey,
} from '../../helpers/webhookSettings';
import { perItemOperation } from '../perItem';

const LABELS: Record<DashboardKey, string> = {
	incoming_sms: 'Incoming SMS URL',
	delivery_status: 'Delivery Status URL',
	link_clicks: 'Link Clicks URL',
	call_events: 'Call Events URL',
	call_qualifications: 'Call Qualifications URL',
};

const FIELD_NAMES: Record<DashboardKey, string> = {
	incoming_sms: 'incomingSms',
	delivery_status: 'deliveryStatus',
	link_clicks: 'linkClicks',
	call_events: 'callEvents',
	call_qualifications: 'callQualifications',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'The inSIM Trigger node can set these for you (Register Automatically). Only the URLs added below change; an added URL left empty removes that callback.',
		name: 'webhooksNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Callback URLs',
		name: 'webhookUrls',
		type: 'collection',
		placeholder: 'Add URL',
		default: {},
		options: DASHBOARD_KEYS.map((key) => ({
			displayName: LABELS[key],
			name: FIELD_NAMES[key],
			type: 'string' as const,
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…',
			description: `Where inSIM calls for ${LABELS[key].replace(/ URL$/, '').toLowerCase()} events`,
		})),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['updateWebhooks'] } },
	properties,
);

/**
 * API v2 `account/webhooks` write. Whether inSIM clears a key that a write leaves out is not
 * documented, so the current URLs are read first (a recognised read, else an error and no write)
 * and all five are written back, only the ones asked for changed.
 */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const given = this.getNodeParameter('webhookUrls', itemIndex, {}) as IDataObject;
		const changes: Partial<Record<DashboardKey, string>> = {};
		for (const key of DASHBOARD_KEYS) {
			const value = given[FIELD_NAMES[key]];
			if (value === undefined) continue;
			const url = String(value ?? '').trim();
			if (url !== '' && !/^https?:\/\/[^\s/?#]+/i.test(url)) {
				throw invalidFieldError(
					this.getNode(),
					itemIndex,
					LABELS[key],
					value,
					'must be an http:// or https:// URL',
				);
			}
			changes[key] = url;
		}
		// An unrecognised read throws here: nothing is written after it.
		const current = await readDashboardUrls.call(this, { itemIndex });
		const next = { ...current, ...changes };
		if (DASHBOARD_KEYS.some((key) => next[key] !== current[key])) {
			await writeDashboardUrls.call(this, next, { itemIndex });
		}
		// The five URLs as written (inSIM answered the write with success).
		return { ...next };
	},
);
