/**
 * The five callback URLs of an inSIM account, as API v2 `account/webhooks` names them
 * (ReachTechnologies/insim-cli cli_anything/insim/core/account.py; ReachTechnologies/n8n-nodes-insim
 * nodes/Insim/resources/account/index.ts). Shared by the inSIM node and the inSIM Trigger.
 */
export type DashboardKey =
	'incoming_sms' | 'delivery_status' | 'link_clicks' | 'call_events' | 'call_qualifications';

export const DASHBOARD_KEYS: DashboardKey[] = [
	'incoming_sms',
	'delivery_status',
	'link_clicks',
	'call_events',
	'call_qualifications',
];
