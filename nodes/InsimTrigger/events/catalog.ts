/**
 * The inSIM webhook events (section 2 of the API notes): their names, the query parameters that
 * carry them, the titles inside their payloads, and the dashboard callback each one is set under.
 *
 * inSIM calls `callback_url + "?" + PARAM + "=" + encodeURIComponent(JSON.stringify(payload))`,
 * by GET (sometimes POST). Parameters: `message` (SMS received), `calls` (legacy `call`), `status`
 * (delivery status), `clics` (legacy `click`), `qualification`.
 */

export type InsimEventName =
	| 'sms.received'
	| 'call.incoming'
	| 'call.outgoing'
	| 'call.missed'
	| 'sms.sent'
	| 'sms.delivered'
	| 'link.clicked'
	| 'call.qualified';

export type InsimDashboardEventKey =
	'incoming_sms' | 'delivery_status' | 'link_clicks' | 'call_events' | 'call_qualifications';

/** Lower-case query parameters that carry an event; the last two are legacy names. */
export type EventParamName =
	'message' | 'calls' | 'status' | 'clics' | 'qualification' | 'call' | 'click';

export const EVENT_PARAMS: readonly EventParamName[] = [
	'message',
	'calls',
	'status',
	'clics',
	'qualification',
	'call',
	'click',
];

const EVENT_PARAM_SET: ReadonlySet<string> = new Set(EVENT_PARAMS);

export function isEventParam(name: string): name is EventParamName {
	return EVENT_PARAM_SET.has(name);
}

/** Call titles → direction. */
export const CALL_DIRECTIONS: Readonly<Record<string, 'incoming' | 'outgoing' | 'missed'>> = {
	incoming_call: 'incoming',
	outgoing_call: 'outgoing',
	missed_call: 'missed',
};

/** Qualification titles → where the call was qualified. */
export const QUALIFICATION_SOURCES: Readonly<Record<string, 'mobile' | 'web'>> = {
	call_qualification_from_mobile: 'mobile',
	call_qualification_from_interface: 'web',
};

/**
 * `action` is the name n8n's node panel lists under the trigger; without it n8n writes
 * "On " + the lower-cased option name ("On sms received").
 */
export const EVENT_OPTIONS: Array<{
	name: string;
	value: InsimEventName;
	action: string;
	description: string;
}> = [
	{
		name: 'Call Incoming',
		value: 'call.incoming',
		action: 'On incoming call',
		description: 'A call was received and answered on the phone',
	},
	{
		name: 'Call Missed',
		value: 'call.missed',
		action: 'On missed call',
		description: 'A call to the phone was not answered',
	},
	{
		name: 'Call Outgoing',
		value: 'call.outgoing',
		action: 'On outgoing call',
		description: 'The phone placed a call',
	},
	{
		name: 'Call Qualified',
		value: 'call.qualified',
		action: 'On call qualified',
		description: 'A call was qualified in the inSIM app or web interface',
	},
	{
		name: 'Delivery Status: Delivered',
		value: 'sms.delivered',
		action: 'On SMS delivered',
		description: "An SMS reached the recipient's phone",
	},
	{
		name: 'Delivery Status: Sent',
		value: 'sms.sent',
		action: 'On SMS sent',
		description: 'The phone sent an SMS',
	},
	{
		name: 'Link Clicked',
		value: 'link.clicked',
		action: 'On link clicked',
		description: 'A recipient opened a tracked link from an SMS',
	},
	{
		name: 'SMS Received',
		value: 'sms.received',
		action: 'On SMS received',
		description: 'The phone received an SMS',
	},
];

export const DASHBOARD_EVENT_KEYS: Record<InsimEventName, InsimDashboardEventKey> = {
	'sms.received': 'incoming_sms',
	'call.incoming': 'call_events',
	'call.outgoing': 'call_events',
	'call.missed': 'call_events',
	'sms.sent': 'delivery_status',
	'sms.delivered': 'delivery_status',
	'link.clicked': 'link_clicks',
	'call.qualified': 'call_qualifications',
};
