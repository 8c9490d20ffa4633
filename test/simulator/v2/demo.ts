// A small, believable address book and history, so that the pickers and Get Many operations of
// `npm start` show something before the user has created anything (option `demoData`).
import { insimNow, newId, type V2Store } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

export function seedDemoData(store: V2Store, now = Date.now()): void {
	const at = (daysAgo: number, hour: number) =>
		insimNow(new Date(now - daysAgo * DAY_MS)).slice(0, 11) +
		`${String(hour).padStart(2, '0')}:15:00`;

	const people = [
		['Alice', 'Martin', '+33612345601', 'alice.martin@example.com', 'Boulangerie Martin'],
		['Bruno', 'Lefèvre', '+33612345602', 'bruno@lefevre-immo.example', 'Lefèvre Immobilier'],
		['Chloé', 'Dubois', '+33612345603', 'chloe.dubois@example.com', ''],
		['David', 'Moreau', '+33612345604', 'd.moreau@example.com', 'Garage Moreau'],
		['Emma', 'Laurent', '+33612345605', 'emma.laurent@example.com', ''],
	];
	const contacts = people.map(([firstname, lastname, phone_number, email, company], index) => {
		const { contact } = store.upsertContact({ firstname, lastname, phone_number, email, company });
		contact.tags = index % 2 === 0 ? ['customer'] : ['prospect'];
		contact.pro = index < 2;
		contact.date_add = at(30 - index, 9);
		return contact;
	});
	store.customFields.push(
		{ key: 'customer_number', label: 'Customer number', type: 'text' },
		{ key: 'next_visit', label: 'Next visit', type: 'date' },
	);

	store.lists.push(
		{
			id: newId(),
			name: 'Customers',
			description: 'Everyone who bought from us',
			contactIds: contacts.filter((contact) => contact.tags.includes('customer')).map((c) => c.id),
			created: at(20, 10),
			deleted: false,
		},
		{
			id: newId(),
			name: 'Prospects',
			description: 'To call back this month',
			contactIds: contacts.filter((contact) => contact.tags.includes('prospect')).map((c) => c.id),
			created: at(18, 11),
			deleted: false,
		},
	);
	store.templates.push(
		{
			id: newId(),
			name: 'Appointment reminder',
			message: 'Hello {firstname}, see you tomorrow at {time}. Reply STOP to cancel.',
			created: at(15, 14),
			deleted: false,
		},
		{
			id: newId(),
			name: 'Thank you',
			message: 'Thank you {firstname} for your visit! Your opinion: [link]',
			created: at(12, 16),
			deleted: false,
		},
	);
	const options = ['Interested', 'Call back later', 'Not interested'].map((label) => ({
		id: newId(),
		label,
		deleted: false,
	}));
	store.qualificationOptions.push(...options);

	store.calls.push(
		{
			id: newId(),
			type: 'incoming',
			phone_number: contacts[0].phone_number,
			duration_seconds: 184,
			call_time: at(3, 10),
		},
		{
			id: newId(),
			type: 'missed',
			phone_number: contacts[2].phone_number,
			duration_seconds: 0,
			call_time: at(2, 15),
		},
		{
			id: newId(),
			type: 'outgoing',
			phone_number: contacts[1].phone_number,
			duration_seconds: 312,
			call_time: at(1, 11),
			qualification: {
				option_id: options[0].id,
				label: options[0].label,
				notes: 'Wants a quote for the spring',
				qualified_at: at(1, 12),
			},
		},
	);
	store.recordSms({
		direction: 'inbound',
		phone_number: contacts[0].phone_number,
		message: 'Hello, is the shop open on Sunday?',
		date: at(1, 9),
	});
	store.recordSms({
		direction: 'outbound',
		phone_number: contacts[0].phone_number,
		message: 'Hello Alice, yes from 9 am to 1 pm.',
		date: at(1, 10),
		status: 'delivered',
	});
}
