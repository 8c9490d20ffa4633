// v2 stats (insim-api-v2.md §2 endpoints 44–45). Both answers are described in words only: the
// key names below are the simulator's pick, computed from the account's v2 store.
import { type V2Handler, cursorPage, inDateRange, ok, readDate } from './common';

const overview: V2Handler = ({ store, body }) => {
	const from = readDate(body, 'date_from');
	const to = readDate(body, 'date_to');
	const sms = store.sms.filter((entry) => inDateRange(entry.date, from, to));
	const outbound = sms.filter((entry) => entry.direction === 'outbound');
	const calls = store.calls.filter((call) => inDateRange(call.call_time, from, to));
	const clicks = store.sms.flatMap((entry) =>
		entry.clicks.filter((click) => inDateRange(click.clicked_at, from, to)),
	);
	const count = (type: string) => calls.filter((call) => call.type === type).length;
	return ok({
		stats: {
			date_from: from ?? null,
			date_to: to ?? null,
			sms: {
				sent: outbound.filter((entry) => entry.status !== 'failed').length,
				received: sms.length - outbound.length,
				delivered: outbound.filter((entry) => entry.status === 'delivered').length,
			},
			calls: {
				incoming: count('incoming'),
				outgoing: count('outgoing'),
				missed: count('missed'),
				qualified: calls.filter((call) => call.qualification !== undefined).length,
			},
			link_clicks: clicks.length,
			contacts: store.liveContacts().length,
		},
	});
};

/** One record per click on a tracked link, newest first. */
const clicks: V2Handler = ({ store, body }) => {
	const all = store.sms
		.flatMap((sms) =>
			sms.clicks.map((click) => ({
				sms_id: sms.id,
				phone_number: sms.phone_number,
				contact_name:
					[store.findContactByPhone(sms.phone_number)]
						.filter((contact) => contact !== undefined)
						.map((contact) => `${contact.firstname} ${contact.lastname}`.trim())[0] ?? '',
				url: sms.url ?? '',
				link: click.link,
				clicked_at: click.clicked_at,
			})),
		)
		.sort((a, b) => b.clicked_at.localeCompare(a.clicked_at));
	const { page, ...paging } = cursorPage(all, body, 10);
	return ok({ clicks: page, ...paging });
};

export const routes: Record<string, V2Handler> = {
	'stats/overview': overview,
	'stats/clicks': clicks,
};
