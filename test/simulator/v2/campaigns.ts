// v2 campaign endpoints (insim-api-v2.md §2, endpoints 34–38).
//
// Answer shapes the facts sheet does not show, as picked here:
// - `campaigns`: `{ campaigns: [...], total, has_more, cursor? }`, newest first, default limit 10;
// - `campaigns/detail`: `{ campaign: { id, name, message, url, priority, status, recipients
//   (count), sent, created } }`;
// - `campaigns/start`: `{ campaign: { id, status: 3, recipients, sent } }` (only `success` is
//   confirmed). The simulator sends every recipient at once, so a started campaign is completed;
// - a cancelled campaign gets status 4 (the facts sheet lists 0–3 only).
import type { SentMessage } from '../types';
import {
	type V2Handler,
	V2Error,
	invalid,
	licenseRequired,
	notFound,
	ok,
	optionalString,
	requireString,
	stringArray,
	cursorPage,
} from './common';
import { isDialable } from './numbering';
import { sendFromPhone } from './outbox';
import { type SimCampaign, type V2Store, insimNow, newId, phoneKey } from './store';

function findCampaign(store: V2Store, body: Record<string, unknown>): SimCampaign {
	const id = requireString(body, 'campaign_id');
	const campaign = store.campaigns.find((candidate) => candidate.id === id);
	if (!campaign) throw notFound('Campaign', 'campaign_id');
	return campaign;
}

function campaignRecord(campaign: SimCampaign) {
	return {
		id: campaign.id,
		name: campaign.name,
		message: campaign.message,
		url: campaign.url,
		priority: campaign.priority,
		status: campaign.status,
		recipients: campaign.recipients.length,
		sent: campaign.sent,
		created: campaign.created,
	};
}

function invalidState(campaign: SimCampaign, action: string): V2Error {
	return new V2Error('INVALID_STATE', `Campaign cannot be ${action} in status ${campaign.status}`, {
		field: 'campaign_id',
		status: campaign.status,
	});
}

const campaigns: V2Handler = ({ store, body }) => {
	const newestFirst = [...store.campaigns].reverse().map(campaignRecord);
	const { page, ...paging } = cursorPage(newestFirst, body, 10);
	return ok({ campaigns: page, ...paging });
};

/** Recipients are resolved now, from list members, contact ids and numbers, without repeats. */
const create: V2Handler = ({ account, store, body }) => {
	const name = requireString(body, 'name');
	const message = requireString(body, 'message');
	const url = optionalString(body, 'url') ?? '';
	const priority = body.priority ?? 1;
	if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0) {
		throw invalid('priority', 'must be a whole number');
	}
	const listId = optionalString(body, 'list_id');
	const contactIds = stringArray(body, 'contact_ids', false);
	const phoneNumbers = stringArray(body, 'phone_numbers', false);

	const live = new Map(store.liveContacts().map((contact) => [contact.id, contact]));
	const phones: string[] = [];
	if (listId !== undefined) {
		const list = store.lists.find((candidate) => candidate.id === listId && !candidate.deleted);
		if (!list) throw notFound('List', 'list_id');
		for (const id of list.contactIds) {
			const contact = live.get(id);
			if (contact) phones.push(contact.phone_number);
		}
	}
	for (const id of contactIds) {
		const contact = live.get(id);
		if (!contact) throw notFound(`Contact ${id}`, 'contact_ids');
		phones.push(contact.phone_number);
	}
	for (const phone of phoneNumbers) {
		// Local numbers of the account's country too (numbering.ts): no vendor file refuses them.
		if (!isDialable(phone, account.countryCode)) {
			throw invalid('phone_numbers', `${phone} is not a phone number`);
		}
		phones.push(phone);
	}
	const seen = new Set<string>();
	const recipients = phones.filter((phone) => {
		const key = phoneKey(phone);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});

	const campaign: SimCampaign = {
		id: newId(),
		name,
		message,
		url,
		priority,
		recipients,
		status: recipients.length > 0 ? 0 : 2,
		sent: 0,
		created: insimNow(),
	};
	store.campaigns.push(campaign);
	return ok({
		campaign: { id: campaign.id, status: campaign.status, recipients: recipients.length },
	});
};

const detail: V2Handler = ({ store, body }) =>
	ok({ campaign: campaignRecord(findCampaign(store, body)) });

const cancel: V2Handler = ({ store, body }) => {
	const campaign = findCampaign(store, body);
	if (campaign.status !== 0 && campaign.status !== 2) throw invalidState(campaign, 'cancelled');
	campaign.status = 4;
	return ok({ cancelled: true });
};

/** Premium. Sends every recipient through the phone, like `sendsms`, then the campaign is done. */
const start: V2Handler = (ctx) => {
	const { account, store, body } = ctx;
	if (account.plan !== 'premium') throw licenseRequired(account, 'campaigns');
	const campaign = findCampaign(store, body);
	if (campaign.status !== 0) throw invalidState(campaign, 'started');
	campaign.status = 1;
	const accepted: SentMessage[] = [];
	for (const phone of campaign.recipients) {
		const result = sendFromPhone(ctx, {
			phone_number: phone,
			message: campaign.message,
			url: campaign.url,
			priority: campaign.priority,
		});
		if (result.sent) accepted.push(result.message);
	}
	campaign.sent = accepted.length;
	campaign.status = 3;
	return {
		...ok({
			campaign: {
				id: campaign.id,
				status: campaign.status,
				recipients: campaign.recipients.length,
				sent: campaign.sent,
			},
		}),
		accepted,
	};
};

export const routes: Record<string, V2Handler> = {
	campaigns,
	'campaigns/create': create,
	'campaigns/detail': detail,
	'campaigns/cancel': cancel,
	'campaigns/start': start,
};
