import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	REPEAT_WINDOW_OPTION,
	TRUSTED_PROXY_HOPS_OPTION,
	checkNumericOption,
} from '../Insim/helpers/options';
import { optionsCollection } from '../shared/optionsCollection';
import { getTimeZones, timeZoneOption } from '../shared/timeZoneOptions';
import { isValidTimeZone } from '../shared/wallTime';
import type { InsimEventName } from './events';
import {
	DASHBOARD_EVENT_KEYS,
	EVENT_OPTIONS,
	decodeEventParam,
	extractEventParams,
} from './events';
import { clientIpOf, isIpAllowed, parseAllowedRanges } from './guard/ipAllowList';
import { isValidSecret, secretMatches } from './guard/secret';
import { dropRecordedRepeats } from './repeats/database';
import { deliveryKey } from './repeats/deliveryKey';
import { dropRepeatsSeenHere, releaseRepeatFilter } from './repeats/memory';
import type { DashboardKey } from './registration';
import { isRegistered, register, unregister } from './registration';

/** Larger requests are refused: an inSIM event is a few hundred bytes. */
const MAX_REQUEST_BYTES = 64 * 1024;

export class InsimTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'inSIM Trigger',
		name: 'insimTrigger',
		icon: { light: 'file:insim.svg', dark: 'file:insim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		// n8n's node panel merges "inSIM" and "inSIM Trigger" into one entry and shows this text for
		// both (editor-ui useActionsGeneration.ts, generateMergedNodesAndActions): it describes both.
		description:
			'Send SMS, manage contacts and start calls from your own phone, and start workflows when inSIM reports an SMS received, a call, a delivery status, a link click or a call qualification',
		defaults: { name: 'inSIM Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Only Register Automatically talks to inSIM; a URL pasted by hand needs no credential.
		credentials: [
			{
				name: 'insimApi',
				required: true,
				displayOptions: { show: { registerAutomatically: [true] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"In the inSIM web app, paste this node's Production URL (shown above) as the callback URL of each selected event — or turn on Register Automatically. With a Secret set, paste the Production URL followed by ?secret= and your secret instead (…/webhook?secret=YOUR_SECRET).",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: [
					'call.incoming',
					'call.missed',
					'call.outgoing',
					'call.qualified',
					'sms.delivered',
					'sms.sent',
					'link.clicked',
					'sms.received',
				],
				description:
					'The inSIM events that start this workflow. Others are acknowledged and ignored.',
			},
			{
				displayName: 'Register Automatically',
				name: 'registerAutomatically',
				type: 'boolean',
				default: false,
				description:
					"Whether to set this node's URL as inSIM's callback for the selected events when the workflow is activated, and to restore the previous URLs when it is deactivated (needs a premium inSIM plan)",
			},
			optionsCollection([
				{
					displayName: 'Allowed IP Ranges',
					name: 'allowedIps',
					type: 'string',
					default: '',
					placeholder: '203.0.113.0/24, 2001:db8::/32',
					description:
						'Comma-separated IPs or CIDR ranges (IPv4 and IPv6) allowed to call this webhook. Others get 403 and start nothing. Empty: everyone.',
				},
				{
					displayName: 'Drop Repeated Deliveries',
					name: 'dropRepeats',
					type: 'boolean',
					default: false,
					description:
						"Whether to ignore an event identical to one received within the repeat window (inSIM may retry a delivery). Checked by the n8n process that received it, then against n8n's database where the execution runs, so a repeat sent to another webhook process or after a restart is dropped too; test executions are not checked.",
				},
				{
					displayName: 'Include Raw Payload',
					name: 'includeRaw',
					type: 'boolean',
					default: true,
					description: 'Whether to add the payload exactly as inSIM sent it under "raw"',
				},
				{
					displayName: 'Repeat Window (Seconds)',
					name: 'repeatWindowSeconds',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 300,
					description: 'How long an event is remembered by Drop Repeated Deliveries',
				},
				{
					displayName: 'Secret',
					name: 'secret',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description:
						'If set, a request must carry ?secret=… in its URL (401 otherwise). Use 8–128 letters, digits, ".", "_", "~" or "-".',
				},
				timeZoneOption(
					'Time zone of the dates inSIM sends without one (call time, click and qualification dates).',
				),
				{
					displayName: 'Trusted Proxy Hops',
					name: 'trustProxyHops',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						"Number of reverse proxies in front of n8n. The caller's IP is then read from X-Forwarded-For that many hops back.",
				},
			]),
		],
	};

	methods = { loadOptions: { getTimeZones } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerAutomatically', false)) return true;
				return await isRegistered.call(this, selectedDashboardKeys(this), callbackUrl(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerAutomatically', false)) return true;
				await register.call(this, selectedDashboardKeys(this), callbackUrl(this));
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// n8n calls this when the workflow is deactivated (and before it is re-activated).
				releaseRepeatFilter(this);
				if (!this.getNodeParameter('registerAutomatically', false)) return true;
				await unregister.call(this, callbackUrl(this));
				return true;
			},
		},
	};

	/**
	 * n8n runs this with the items webhook() produced, where the execution runs (a worker in queue
	 * mode): the place where its database-backed repeat check is offered (repeats/database.ts).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData().map((item, index) => ({
			...item,
			pairedItem: { item: index },
		}));
		return [await dropRecordedRepeats.call(this, items)];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			this.getResponseObject().status(status).json({ accepted: false, reason });
			return { noWebhookResponse: true };
		};

		const allowed = parseAllowedRanges(String(options.allowedIps ?? ''));
		if (!allowed.ok) return refuse(500, `Allowed IP Ranges is invalid: ${allowed.reason}`);
		// Misconfigured numbers refuse every request rather than meaning "forever" or NaN.
		const proxyHops = checkNumericOption(options.trustProxyHops, TRUSTED_PROXY_HOPS_OPTION);
		if (!proxyHops.ok) return refuse(500, `Trusted Proxy Hops ${proxyHops.reason}`);
		const repeatWindow = checkNumericOption(options.repeatWindowSeconds, REPEAT_WINDOW_OPTION);
		if (!repeatWindow.ok) return refuse(500, `Repeat Window (Seconds) ${repeatWindow.reason}`);
		if (allowed.ranges.length > 0) {
			const ip = clientIpOf({
				remoteAddress: request.socket?.remoteAddress ?? request.ip,
				forwardedFor: request.headers['x-forwarded-for'],
				trustProxyHops: proxyHops.value,
			});
			if (!isIpAllowed(ip, allowed.ranges)) return refuse(403, 'caller not allowed');
		}

		const rawUrl = String(request.originalUrl ?? request.url ?? '');
		const body = request.method === 'POST' ? this.getBodyData() : undefined;
		if (rawUrl.length + approximateSize(body) > MAX_REQUEST_BYTES) {
			return refuse(413, 'request too large');
		}
		const extracted = extractEventParams(rawUrl, body);

		const secret = String(options.secret ?? '');
		if (secret !== '' && !secretMatches(secret, extracted.secret)) {
			return refuse(401, 'missing or wrong secret');
		}
		if (extracted.params.length === 0) {
			return refuse(400, 'no inSIM event parameter (message, calls, status, clics, qualification)');
		}

		const timeZone = String(options.timeZone ?? '').trim() || this.getTimezone();
		if (!isValidTimeZone(timeZone)) return refuse(500, `unknown time zone ${timeZone}`);
		const includeRaw = options.includeRaw !== false;
		const decoded = [];
		for (const { param, value } of extracted.params) {
			const result = decodeEventParam(param, value, { timeZone, includeRaw });
			// Half-decoded data never starts an execution: one bad event refuses the request.
			if (!result.ok) return refuse(400, `${param}: ${result.reason}`);
			// The same payload gives the same id on every n8n process: the key of the shared check.
			decoded.push({ ...result, param, value, deliveryId: deliveryKey(param, value) });
		}

		const selected = new Set(this.getNodeParameter('events', []) as InsimEventName[]);
		let wanted = decoded.filter((event) => selected.has(event.event));
		if (options.dropRepeats === true && wanted.length > 0) {
			// Fast first line, in this process only; execute() checks n8n's shared database.
			wanted = dropRepeatsSeenHere(this, wanted, repeatWindow.value);
		}
		// Answered here, as JSON: with responseMode onReceived n8n would send the webhook's
		// responseData setting itself (the text "firstEntryJson") as the body.
		this.getResponseObject()
			.status(200)
			.json({ accepted: true, started: wanted.length > 0, events: wanted.length });
		if (wanted.length === 0) return { noWebhookResponse: true };
		const items: INodeExecutionData[] = wanted.map((event) => ({
			json: { ...event.json, deliveryId: event.deliveryId },
		}));
		return { workflowData: [items], noWebhookResponse: true };
	}
}

function selectedDashboardKeys(ctx: IHookFunctions): DashboardKey[] {
	const events = ctx.getNodeParameter('events', []) as InsimEventName[];
	return [...new Set(events.map((event) => DASHBOARD_EVENT_KEYS[event]))];
}

/** The URL inSIM must call: the production webhook URL, plus the secret when one is set. */
function callbackUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL');
	const secret = String(ctx.getNodeParameter('options.secret', '') ?? '');
	if (secret === '') return url;
	if (!isValidSecret(secret)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The Secret may only use 8–128 letters, digits, ".", "_", "~" or "-"',
			{ description: 'It travels in the callback URL, which inSIM extends with "?".' },
		);
	}
	return `${url}?secret=${secret}`;
}

function approximateSize(body: unknown): number {
	if (body === undefined || body === null) return 0;
	if (typeof body === 'string') return body.length;
	try {
		return JSON.stringify(body).length;
	} catch {
		return MAX_REQUEST_BYTES + 1;
	}
}
