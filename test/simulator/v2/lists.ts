// v2 list endpoints (insim-api-v2.md §2, endpoints 26–33).
//
// Answer shapes the facts sheet does not show, as picked here:
// - `lists/detail`: `{ list: { id, name, description, contacts (count), created }, contacts: [...] }`;
// - `lists/update`: `{ list: {...} }`; `lists/delete`: `{ deleted: true }`;
// - `lists/contacts/add`: `{ added, already_in_list: [ids], not_found: [ids] }` (only `added` is
//   confirmed);
// - `lists/contacts/remove`: `{ removed, not_in_list: [ids], not_found: [ids] }`;
// - `lists/contacts/addall`: `{ added, skipped, total }` (the C guide shows these three counts as
//   prose only).
import {
	type V2Context,
	type V2Handler,
	notFound,
	ok,
	optionalString,
	cursorPage,
	requireString,
	stringArray,
	missing,
} from './common';
import { type SimContact, type SimList, type V2Store, insimNow, newId } from './store';

function liveList(store: V2Store, body: Record<string, unknown>): SimList {
	const id = requireString(body, 'list_id');
	const list = store.lists.find((candidate) => candidate.id === id && !candidate.deleted);
	if (!list) throw notFound('List', 'list_id');
	return list;
}

/** Members that are still live contacts, in the order they were added. */
function members(store: V2Store, list: SimList): SimContact[] {
	const live = new Map(store.liveContacts().map((contact) => [contact.id, contact]));
	return list.contactIds
		.map((id) => live.get(id))
		.filter((contact): contact is SimContact => contact !== undefined);
}

function listRecord(store: V2Store, list: SimList) {
	return {
		id: list.id,
		name: list.name,
		description: list.description,
		contacts: members(store, list).length,
		created: list.created,
	};
}

function memberRecord(contact: SimContact) {
	return {
		id: contact.id,
		firstname: contact.firstname,
		lastname: contact.lastname,
		phone_number: contact.phone_number,
		email: contact.email,
	};
}

function contactIds(body: Record<string, unknown>): string[] {
	const ids = stringArray(body, 'contact_ids', true);
	if (ids.length === 0) throw missing('contact_ids');
	return ids;
}

const lists: V2Handler = ({ store }) =>
	ok({
		lists: store.lists.filter((list) => !list.deleted).map((list) => listRecord(store, list)),
	});

const create: V2Handler = ({ store, body }) => {
	const list: SimList = {
		id: newId(),
		name: requireString(body, 'name'),
		description: optionalString(body, 'description') ?? '',
		contactIds: [],
		created: insimNow(),
		deleted: false,
	};
	store.lists.push(list);
	return ok({ list: listRecord(store, list) });
};

/**
 * Every member without `limit`, as N and M ask (they never send it). ReachTechnologies/insim-cli
 * cli_anything/insim/core/lists.py sends `limit` (default 10); then the answer pages like the
 * other cursor lists (`total`, `has_more`, `cursor`: the simulator's pick, no vendor file shows
 * it), so a client that asks for a page can tell that members are left.
 */
const detail: V2Handler = ({ store, body }) => {
	const list = liveList(store, body);
	const all = members(store, list).map(memberRecord);
	if (body.limit === undefined && body.cursor === undefined) {
		return ok({ list: listRecord(store, list), contacts: all });
	}
	const { page, ...paging } = cursorPage(all, body, 10);
	return ok({ list: listRecord(store, list), contacts: page, ...paging });
};

/** Only the fields given change (an empty value keeps the current one, as M documents). */
const update: V2Handler = ({ store, body }) => {
	const list = liveList(store, body);
	const name = optionalString(body, 'name');
	const description = optionalString(body, 'description');
	if (name === undefined && description === undefined) throw missing('name');
	if (name !== undefined) list.name = name;
	if (description !== undefined) list.description = description;
	return ok({ list: listRecord(store, list) });
};

const remove: V2Handler = ({ store, body }) => {
	liveList(store, body).deleted = true;
	return ok({ deleted: true });
};

function splitKnown(ctx: V2Context, ids: string[]) {
	const live = new Set(ctx.store.liveContacts().map((contact) => contact.id));
	const unique = [...new Set(ids)];
	return {
		known: unique.filter((id) => live.has(id)),
		notFound: unique.filter((id) => !live.has(id)),
	};
}

const addContacts: V2Handler = (ctx) => {
	const list = liveList(ctx.store, ctx.body);
	const { known, notFound: unknown } = splitKnown(ctx, contactIds(ctx.body));
	const alreadyInList = known.filter((id) => list.contactIds.includes(id));
	const added = known.filter((id) => !list.contactIds.includes(id));
	list.contactIds.push(...added);
	return ok({ added: added.length, already_in_list: alreadyInList, not_found: unknown });
};

const removeContacts: V2Handler = (ctx) => {
	const list = liveList(ctx.store, ctx.body);
	const { known, notFound: unknown } = splitKnown(ctx, contactIds(ctx.body));
	const removed = known.filter((id) => list.contactIds.includes(id));
	const notInList = known.filter((id) => !list.contactIds.includes(id));
	list.contactIds = list.contactIds.filter((id) => !removed.includes(id));
	return ok({ removed: removed.length, not_in_list: notInList, not_found: unknown });
};

const addAll: V2Handler = ({ store, body }) => {
	const list = liveList(store, body);
	const live = store.liveContacts();
	const missingIds = live
		.map((contact) => contact.id)
		.filter((id) => !list.contactIds.includes(id));
	list.contactIds.push(...missingIds);
	return ok({
		added: missingIds.length,
		skipped: live.length - missingIds.length,
		total: live.length,
	});
};

export const routes: Record<string, V2Handler> = {
	lists,
	'lists/create': create,
	'lists/detail': detail,
	'lists/update': update,
	'lists/delete': remove,
	'lists/contacts/add': addContacts,
	'lists/contacts/remove': removeContacts,
	'lists/contacts/addall': addAll,
};
