/**
 * The account every contract case runs against: enough records that every Return All needs a
 * second page (the node asks 100 a page), and one named record of each kind for the operations
 * that act on one.
 */
import type { Simulator } from '../simulator';
import { insimNow, newId, type SimCall, type V2Store } from '../simulator/v2/store';

/** Records per paged list: more than one page of 100. */
export const PAGED_COUNT = 120;
export const QUALIFIED_COUNT = 110;
export const CLICKED_SMS = 12;
export const CLICKS_PER_SMS = 10;

export const ALICE_PHONE = '+33612345601';
export const BRUNO_PHONE = '+33612345602';
export const NEW_PHONE = '+33699999901';

/** Five distinct callback URLs: a blanked one cannot pass for the real one. */
export const SEEDED_WEBHOOKS = {
	incoming_sms: 'https://crm.example.com/hooks/incoming',
	delivery_status: 'https://crm.example.com/hooks/delivery',
	link_clicks: 'https://crm.example.com/hooks/clicks',
	call_events: 'https://crm.example.com/hooks/calls',
	call_qualifications: 'https://crm.example.com/hooks/qualifications',
};

export interface World {
	store: V2Store;
	alice: string;
	bruno: string;
	/** a contact in no list */
	carol: string;
	list: string;
	otherList: string;
	template: string;
	option: string;
	/** a call with no qualification */
	openCall: string;
	/** the newest SMS to Alice */
	aliceSms: string;
	/** status 0, two recipients */
	readyCampaign: string;
	/** status 2 (no recipients): can be cancelled */
	emptyCampaign: string;
}

function at(minutesAgo: number): string {
	return insimNow(new Date(Date.UTC(2026, 10, 1, 12) - minutesAgo * 60_000));
}

export function seedWorld(sim: Simulator): World {
	sim.reset();
	Object.assign(sim.webhooks, SEEDED_WEBHOOKS);
	const store = sim.store();

	const alice = store.upsertContact({
		phone_number: ALICE_PHONE,
		firstname: 'Alice',
		lastname: 'Martin',
		email: 'alice@example.com',
	}).contact;
	alice.tags = ['customer'];
	const bruno = store.upsertContact({
		phone_number: BRUNO_PHONE,
		firstname: 'Bruno',
		lastname: 'Lefevre',
	}).contact;
	const others = Array.from(
		{ length: PAGED_COUNT - 2 },
		(_, index) =>
			store.upsertContact({
				phone_number: `+3361000${String(index).padStart(4, '0')}`,
				firstname: 'Member',
				lastname: `Number ${index}`,
			}).contact,
	);
	store.contacts.forEach((contact, index) => (contact.date_add = at(10_000 - index)));
	store.customFields.push(
		{ key: 'customer_number', label: 'Customer number', type: 'text' },
		{ key: 'next_visit', label: 'Next visit', type: 'date' },
	);

	const options = ['Interested', 'Call back later', 'Not interested'].map((label) => ({
		id: newId(),
		label,
		deleted: false,
	}));
	store.qualificationOptions.push(...options);

	for (let index = 0; index < PAGED_COUNT; index++) {
		const call: SimCall = {
			id: newId(),
			type: index % 3 === 0 ? 'missed' : 'incoming',
			phone_number: others[index % others.length].phone_number,
			duration_seconds: index,
			call_time: at(5_000 - index),
		};
		if (index < QUALIFIED_COUNT) {
			call.qualification = {
				option_id: options[index % 3].id,
				label: options[index % 3].label,
				notes: `note ${index}`,
				qualified_at: at(4_000 - index),
			};
		}
		store.calls.push(call);
	}

	for (let index = 0; index < PAGED_COUNT - 3; index++) {
		const sms = store.recordSms({
			direction: index % 2 === 0 ? 'outbound' : 'inbound',
			phone_number: others[index % others.length].phone_number,
			message: `Message ${index}`,
			date: at(3_000 - index),
			...(index % 2 === 0 ? { status: 'delivered' } : {}),
		});
		if (index < CLICKED_SMS * 2 && index % 2 === 0) {
			sms.url = 'https://example.com/offer';
			sms.short_url = 'https://arsms.co/abcdefghijkl';
			for (let click = 0; click < CLICKS_PER_SMS; click++) {
				sms.clicks.push({ clicked_at: at(2_000 - index * 10 - click), link: sms.short_url });
			}
		}
	}
	const aliceThread = [0, 1, 2].map((index) =>
		store.recordSms({
			direction: index === 1 ? 'inbound' : 'outbound',
			phone_number: ALICE_PHONE,
			message: `Alice ${index}`,
			date: at(100 - index),
			...(index !== 1 ? { status: 'sent' } : {}),
		}),
	);

	const list = {
		id: newId(),
		name: 'Customers',
		description: 'Bought from us',
		contactIds: [alice.id, bruno.id],
		created: at(900),
		deleted: false,
	};
	const otherList = { ...list, id: newId(), name: 'Prospects', contactIds: [], created: at(800) };
	store.lists.push(list, otherList);

	store.templates.push(
		...['Reminder', 'Thank you', 'Welcome'].map((name, index) => ({
			id: newId(),
			name,
			message: `${name} {firstname}`,
			created: at(700 - index),
			deleted: false,
		})),
	);

	for (let index = 0; index < PAGED_COUNT; index++) {
		store.campaigns.push({
			id: newId(),
			name: `Campaign ${index}`,
			message: 'Hello',
			url: '',
			priority: 1,
			recipients: [],
			status: 2,
			sent: 0,
			created: at(600 - index),
		});
	}
	const ready = {
		...store.campaigns[PAGED_COUNT - 1],
		id: newId(),
		name: 'Ready campaign',
		recipients: [ALICE_PHONE, BRUNO_PHONE],
		status: 0 as const,
	};
	store.campaigns.push(ready);

	return {
		store,
		alice: alice.id,
		bruno: bruno.id,
		carol: others[0].id,
		list: list.id,
		otherList: otherList.id,
		template: store.templates[0].id,
		option: options[1].id,
		openCall: store.calls[PAGED_COUNT - 1].id,
		aliceSms: aliceThread[2].id,
		readyCampaign: ready.id,
		emptyCampaign: store.campaigns[0].id,
	};
}
