// v2 contact endpoints (insim-api-v2.md §2 endpoints 3–11). Deleted contacts are kept in the store
// (soft delete) but vanish from every read.
import {
	type V2Handler,
	V2Error,
	cursorPage,
	invalid,
	isRecord,
	missing,
	notFound,
	ok,
	optionalBoolean,
	optionalString,
	readLimit,
	requireString,
	stringArray,
} from './common';
import { isDialable, isLocalNumber, localNumberHint, toInternational } from './numbering';
import { type SimContact, type V2Store, phoneKey } from './store';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The most contacts one `addcontacts` call takes here (the real limit is not stated). */
export const MAX_ADDCONTACTS = 1000;
const MAX_NAME_LENGTH = 100;
const MAX_ADDRESS_LENGTH = 255;

/** A contact as the answers show it: no `deleted` flag, custom values under `custom_fields`. */
export function publicContact(contact: SimContact): Record<string, unknown> {
	const { deleted: _deleted, custom, ...shown } = contact;
	return { ...shown, tags: [...contact.tags], custom_fields: { ...custom } };
}

/** Lower case, accents and punctuation gone, single spaces: how names are compared. */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9@.+]+/g, ' ')
		.trim();
}

function liveContactById(store: V2Store, body: Record<string, unknown>): SimContact {
	const id = requireString(body, 'id_contact');
	const contact = store.liveContacts().find((candidate) => candidate.id === id);
	if (!contact) throw notFound('contact', 'id_contact');
	return contact;
}

const findContact: V2Handler = ({ account, store, body }) => {
	const phone = requireString(body, 'phone_number');
	const digits = phone.replace(/\D/g, '');
	if (!/^\+?[\d\s.()-]+$/.test(phone.trim()) || digits.length < 6 || digits.length > 15) {
		throw invalid('phone_number', 'expected a phone number like +33612345678 or 0612345678');
	}
	// A local number is read in the account's country (see numbering.ts): any country's plan.
	const local = !phone.trim().startsWith('+');
	if (local && !isLocalNumber(phone, account.countryCode)) {
		throw invalid('phone_number', localNumberHint(account.countryCode));
	}
	const international = local ? toInternational(phone, account.countryCode) : phone;
	const matches = (contact: SimContact) =>
		international === undefined
			? // no known plan: the local digits end the stored international number
				contact.phone_number.replace(/\D/g, '').endsWith(digits.replace(/^0/, ''))
			: phoneKey(contact.phone_number) === phoneKey(international);
	const hits = store.liveContacts().filter(matches);
	return ok({ count: hits.length, contacts: hits.map(publicContact) });
};

const SORT_KEYS = ['date_add', 'lastname', 'firstname'] as const;

const listContacts: V2Handler = ({ store, body }) => {
	const search = optionalString(body, 'search');
	const sort = optionalString(body, 'sort') ?? 'date_add';
	const order = optionalString(body, 'order') ?? 'desc';
	if (!SORT_KEYS.includes(sort as (typeof SORT_KEYS)[number])) {
		throw invalid('sort', `must be one of ${SORT_KEYS.join(', ')}`);
	}
	if (order !== 'asc' && order !== 'desc') throw invalid('order', 'must be asc or desc');

	let records = store.liveContacts().map((contact, position) => ({ contact, position }));
	if (search !== undefined) records = records.filter(({ contact }) => matches(contact, search));
	const sortValue = (contact: SimContact) =>
		sort === 'date_add' ? contact.date_add : foldText(contact[sort as 'lastname' | 'firstname']);
	const direction = order === 'asc' ? 1 : -1;
	records.sort((a, b) => {
		const byValue = sortValue(a.contact).localeCompare(sortValue(b.contact));
		return direction * (byValue !== 0 ? byValue : a.position - b.position);
	});
	const { page, ...paging } = cursorPage(
		records.map(({ contact }) => contact),
		body,
		50,
	);
	return ok({ contacts: page.map(publicContact), ...paging });
};

/** `search` of `contacts`: name, phone, e-mail or company, ignoring case and accents. */
function matches(contact: SimContact, search: string): boolean {
	const wanted = foldText(search);
	const digits = search.replace(/\D/g, '');
	if (digits.length >= 3 && /^[\d\s+.()-]+$/.test(search.trim())) {
		const wantedKey = phoneKey(search);
		const contactKey = phoneKey(contact.phone_number);
		if (contactKey.includes(wantedKey) || contact.phone_number.replace(/\D/g, '').includes(digits))
			return true;
	}
	if (wanted === '') return false;
	return [
		`${contact.firstname} ${contact.lastname}`,
		`${contact.lastname} ${contact.firstname}`,
		contact.email,
		contact.company,
	].some((text) => foldText(text).includes(wanted));
}

const contactDetail: V2Handler = ({ store, body }) =>
	ok({ contact: publicContact(liveContactById(store, body)) });

type SearchMode = 'smart' | 'exact' | 'starts_with';

interface SearchHit {
	score: number;
	match_type: string;
}

const searchContacts: V2Handler = ({ store, body }) => {
	const name = requireString(body, 'name');
	const mode = (optionalString(body, 'mode') ?? 'smart') as SearchMode;
	if (!['smart', 'exact', 'starts_with'].includes(mode)) {
		throw invalid('mode', 'must be smart, exact or starts_with');
	}
	const fuzzy = optionalBoolean(body, 'fuzzy') ?? true;
	const limit = readLimit(body, 20);
	const query = foldText(name);
	if (query === '') throw invalid('name', 'must contain letters or digits');

	const hits = store
		.liveContacts()
		.map((contact, position) => ({
			contact,
			position,
			hit: scoreName(contact, query, mode, fuzzy),
		}))
		.filter((entry): entry is typeof entry & { hit: SearchHit } => entry.hit !== undefined)
		.sort((a, b) => b.hit.score - a.hit.score || a.position - b.position)
		.slice(0, limit);
	return ok({
		count: hits.length,
		contacts: hits.map(({ contact, hit }) => ({ ...publicContact(contact), ...hit })),
	});
};

/**
 * How well a folded query names a contact: 100 for the full name as written, a bit less with
 * first and last names swapped, then word prefixes and, with `fuzzy`, words within a small typo
 * distance. Every query word must match one of the contact's name words.
 */
export function scoreName(
	contact: SimContact,
	query: string,
	mode: SearchMode,
	fuzzy: boolean,
): SearchHit | undefined {
	const first = foldText(contact.firstname);
	const last = foldText(contact.lastname);
	const full = [first, last].filter(Boolean).join(' ');
	const reversed = [last, first].filter(Boolean).join(' ');
	if (full === '') return undefined;
	if (query === full) return { score: 100, match_type: 'exact' };
	if (query === reversed) {
		return mode === 'starts_with' ? undefined : { score: 95, match_type: 'reversed' };
	}
	if (mode === 'exact') return undefined;
	if (mode === 'starts_with') {
		if (full.startsWith(query))
			return { score: prefixScore(query, full), match_type: 'starts_with' };
		if (reversed.startsWith(query)) {
			return { score: prefixScore(query, full) - 5, match_type: 'starts_with' };
		}
		return undefined;
	}

	const nameWords = full.split(' ');
	const used = new Set<number>();
	let total = 0;
	let kind: WordMatch = 'partial';
	for (const word of query.split(' ')) {
		let best: { index: number; value: number; kind: WordMatch } | undefined;
		for (const [index, nameWord] of nameWords.entries()) {
			if (used.has(index)) continue;
			const candidate = matchWord(word, nameWord, fuzzy);
			if (candidate && (!best || candidate.value > best.value)) best = { index, ...candidate };
		}
		if (!best) return undefined;
		used.add(best.index);
		total += best.value;
		if (best.kind === 'fuzzy' || (best.kind === 'starts_with' && kind === 'partial')) {
			kind = best.kind;
		}
	}
	const queryWords = query.split(' ').length;
	const coverage = 0.7 + 0.3 * Math.min(1, used.size / nameWords.length);
	const score = Math.round(100 * (total / queryWords) * coverage);
	const allWordsExact = kind === 'partial' && used.size === nameWords.length;
	return {
		score: Math.max(1, Math.min(allWordsExact ? 95 : 94, score)),
		match_type: kind,
	};
}

type WordMatch = 'partial' | 'starts_with' | 'fuzzy';

function matchWord(
	word: string,
	nameWord: string,
	fuzzy: boolean,
): { value: number; kind: WordMatch } | undefined {
	if (nameWord === word) return { value: 1, kind: 'partial' };
	if (word.length >= 2 && nameWord.startsWith(word)) {
		return { value: 0.6 + 0.3 * (word.length / nameWord.length), kind: 'starts_with' };
	}
	if (!fuzzy) return undefined;
	const distance = editDistance(word, nameWord);
	return distance <= allowedTypos(nameWord)
		? { value: 1 - 0.15 * distance, kind: 'fuzzy' }
		: undefined;
}

function prefixScore(query: string, full: string): number {
	return Math.round(60 + 35 * (query.length / full.length));
}

/** Typos tolerated in a name word: none in very short words, one in short ones, two beyond. */
function allowedTypos(word: string): number {
	return word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
}

/** Levenshtein distance (insert, delete, replace one letter). */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				previous[j] + 1,
				current[j - 1] + 1,
				previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}
		previous = current;
	}
	return previous[b.length];
}

const switchPro: V2Handler = ({ store, body }) => {
	if (body.pro === undefined || body.pro === null) {
		requireString(body, 'id_contact');
		throw missing('pro');
	}
	const pro = optionalBoolean(body, 'pro') as boolean;
	const contact = liveContactById(store, body);
	contact.pro = pro;
	return ok({ id_contact: contact.id, pro: contact.pro });
};

const deleteContact: V2Handler = ({ store, body }) => {
	const contact = liveContactById(store, body);
	contact.deleted = true;
	return ok({ id_contact: contact.id, deleted: true });
};

const manageTags: V2Handler = ({ store, body }) => {
	const add = stringArray(body, 'add', false).map((tag) => tag.trim());
	const remove = stringArray(body, 'remove', false).map((tag) => tag.trim());
	if (add.length === 0 && remove.length === 0) {
		requireString(body, 'id_contact');
		throw invalid('add', 'give tags to add or to remove');
	}
	if ([...add, ...remove].some((tag) => tag === '')) throw invalid('add', 'a tag is empty');
	const contact = liveContactById(store, body);
	for (const tag of add) if (!contact.tags.includes(tag)) contact.tags.push(tag);
	contact.tags = contact.tags.filter((tag) => !remove.includes(tag));
	return ok({ id_contact: contact.id, tags: [...contact.tags] });
};

const customFields: V2Handler = ({ store }) =>
	ok({
		count: store.customFields.length,
		custom_fields: store.customFields.map((field) => ({ ...field })),
	});

/**
 * Upsert on phone number. A bad entry does not fail the call: it gets `status: 'error'` with its
 * own `error_code` and `field`, and the other entries are still processed. Entries come back in
 * request order.
 */
const addContacts: V2Handler = ({ account, store, body }) => {
	if (body.contacts === undefined || body.contacts === null) throw missing('contacts');
	if (!Array.isArray(body.contacts)) throw invalid('contacts', 'must be an array');
	if (body.contacts.length === 0) throw invalid('contacts', 'is empty');
	if (body.contacts.length > MAX_ADDCONTACTS) {
		throw invalid('contacts', `at most ${MAX_ADDCONTACTS} contacts per request`);
	}
	let created = 0;
	let updated = 0;
	let failed = 0;
	const results = body.contacts.map((entry: unknown) => {
		try {
			const fields = contactFields(entry, account.countryCode);
			const result = store.upsertContact(fields);
			if (result.created) created++;
			else updated++;
			return {
				id: result.contact.id,
				phone_number: fields.phone_number,
				status: result.created ? 'created' : 'updated',
			};
		} catch (error) {
			if (!(error instanceof V2Error)) throw error;
			failed++;
			return {
				phone_number: isRecord(entry) ? (entry.phone_number ?? null) : null,
				status: 'error',
				error: error.message,
				error_code: error.errorCode,
				...error.extra,
			};
		}
	});
	return ok({ created, updated, failed, contacts: results });
};

function contactFields(entry: unknown, countryCode: string) {
	if (!isRecord(entry)) throw invalid('contacts', 'each contact must be an object');
	const phone = requireString(entry, 'phone_number');
	// Local numbers of the account's country, like find_contact (numbering.ts).
	if (!isDialable(phone, countryCode)) {
		throw invalid('phone_number', 'expected international format like +33612345678');
	}
	const text = (field: string, max: number) => {
		const value = optionalString(entry, field);
		if (value !== undefined && value.length > max) {
			throw invalid(field, `at most ${max} characters`);
		}
		return value;
	};
	const email = optionalString(entry, 'email');
	if (email !== undefined && !EMAIL.test(email)) throw invalid('email', 'invalid e-mail address');
	const given = {
		firstname: text('firstname', MAX_NAME_LENGTH),
		lastname: text('lastname', MAX_NAME_LENGTH),
		email,
		address: text('address', MAX_ADDRESS_LENGTH),
	};
	// Fields left out keep their current value on an update.
	const fields: Partial<SimContact> & { phone_number: string } = { phone_number: phone };
	for (const [key, value] of Object.entries(given)) {
		if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
	}
	return fields;
}

export const routes: Record<string, V2Handler> = {
	find_contact: findContact,
	contacts: listContacts,
	'contacts/detail': contactDetail,
	'contacts/search': searchContacts,
	'contacts/switch_pro': switchPro,
	'contacts/delete': deleteContact,
	'contacts/tags': manageTags,
	'contacts/custom_fields': customFields,
	addcontacts: addContacts,
};
