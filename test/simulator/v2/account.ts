// v2 `account` and `account/webhooks` (insim-api-v2.md §2 endpoints 1–2, §3).
import { WEBHOOK_KEYS } from '../state';
import type { WebhookKey } from '../types';
import { type V2Handler, invalid, isRecord, licenseRequired, missing, ok } from './common';

const account: V2Handler = ({ account: live, store }) =>
	ok({
		account: {
			login: live.login,
			email: live.login,
			plan: live.plan,
			subscription_type: live.plan,
			product: 'inSIM',
			country_code: live.countryCode,
			sms_credits: live.smsCredits,
			credits: live.smsCredits,
			active: live.active,
			devices_connected: 1,
			contacts: store.liveContacts().length,
			options: { webhooks: live.plan === 'premium', click_to_call: live.plan === 'premium' },
		},
	});

/**
 * `{action:'get'}` reads; `{webhooks:{...}}` sets. A set changes ONLY the keys present in the
 * call (omitted keys are kept, an empty string or null clears that one): the real behaviour is
 * unknown, and this is the reading that lets a client touch its own keys without wiping others.
 */
const webhooks: V2Handler = ({ account: live, body }) => {
	if (live.plan !== 'premium') throw licenseRequired(live, 'webhooks');
	const current = () => ok({ webhooks: { ...live.webhooks } });
	if (body.action === 'get') return current();
	if (body.webhooks === undefined) throw missing('webhooks');
	if (!isRecord(body.webhooks)) throw invalid('webhooks', 'must be an object');
	const changes: Partial<Record<WebhookKey, string>> = {};
	for (const [key, value] of Object.entries(body.webhooks)) {
		const field = `webhooks.${key}`;
		if (!WEBHOOK_KEYS.includes(key as WebhookKey)) throw invalid(field, `unknown webhook ${key}`);
		if (value === null || value === '') {
			changes[key as WebhookKey] = '';
			continue;
		}
		if (typeof value !== 'string' || !/^https?:\/\/[^\s/?#]+/i.test(value)) {
			throw invalid(field, 'must be an http(s) URL');
		}
		changes[key as WebhookKey] = value;
	}
	// Validate everything first so a bad key changes nothing.
	Object.assign(live.webhooks, changes);
	return current();
};

export const routes: Record<string, V2Handler> = {
	account,
	'account/webhooks': webhooks,
};
