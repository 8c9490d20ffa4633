// v2 templates (insim-api-v2.md §2 endpoints 39–43). Only the requests and `templates[]` with
// `name`/`message` are shown by the vendor's clients; the other answers are the simulator's pick.
import type { SentMessage } from '../types';
import {
	type V2Handler,
	invalid,
	isRecord,
	licenseRequired,
	missing,
	notFound,
	ok,
	optionalString,
	requireString,
} from './common';
import { sendFromPhone } from './outbox';
import { type SimContact, type SimTemplate, type V2Store, insimNow, newId } from './store';

function templateJson(template: SimTemplate) {
	return {
		id: template.id,
		name: template.name,
		message: template.message,
		created: template.created,
	};
}

function liveTemplate(store: V2Store, id: string): SimTemplate {
	const template = store.templates.find((entry) => entry.id === id && !entry.deleted);
	if (!template) throw notFound('template', 'template_id');
	return template;
}

/** A name another live template already has (case-insensitive) is refused. */
function checkedName(store: V2Store, name: string, exceptId?: string): string {
	const taken = store.templates.some(
		(entry) =>
			!entry.deleted && entry.id !== exceptId && entry.name.toLowerCase() === name.toLowerCase(),
	);
	if (taken) throw invalid('name', 'a template with this name already exists');
	return name;
}

const list: V2Handler = ({ store }) =>
	ok({ templates: store.templates.filter((entry) => !entry.deleted).map(templateJson) });

const create: V2Handler = ({ store, body }) => {
	const template: SimTemplate = {
		id: newId(),
		name: checkedName(store, requireString(body, 'name')),
		message: requireString(body, 'message'),
		created: insimNow(),
		deleted: false,
	};
	store.templates.push(template);
	return ok({ template: templateJson(template) });
};

/** Changes only the fields sent, as C and M expect (they send only what the user filled in). */
const update: V2Handler = ({ store, body }) => {
	const template = liveTemplate(store, requireString(body, 'template_id'));
	const name = optionalString(body, 'name');
	const message = optionalString(body, 'message');
	if (name === undefined && message === undefined) throw missing('name');
	if (name !== undefined) template.name = checkedName(store, name, template.id);
	if (message !== undefined) template.message = message;
	return ok({ template: templateJson(template) });
};

/** Soft delete, as M describes it. */
const remove: V2Handler = ({ store, body }) => {
	const template = liveTemplate(store, requireString(body, 'template_id'));
	template.deleted = true;
	return ok({ deleted: true, template_id: template.id });
};

const CONTACT_FIELDS = ['firstname', 'lastname', 'email', 'phone_number'] as const;

/**
 * `{name}` placeholders: a recipient's own variables first, then the contact record of a known
 * number (`{firstname}` … `{custom.X}`), and `{phone_number}` always; others stay as written.
 */
export function renderTemplate(
	message: string,
	phone: string,
	variables: Record<string, string>,
	contact: SimContact | undefined,
): string {
	return message.replace(/\{([A-Za-z_][\w.-]*)\}/g, (whole, name: string) => {
		if (Object.prototype.hasOwnProperty.call(variables, name)) return variables[name];
		if (name === 'phone_number') return contact?.phone_number ?? phone;
		if (!contact) return whole;
		if ((CONTACT_FIELDS as readonly string[]).includes(name)) {
			return String(contact[name as (typeof CONTACT_FIELDS)[number]] ?? '');
		}
		if (name.startsWith('custom.')) return contact.custom[name.slice(7)] ?? '';
		return whole;
	});
}

function readRecipients(body: Record<string, unknown>) {
	const value = body.recipients;
	if (value === undefined || value === null) throw missing('recipients');
	if (!Array.isArray(value) || value.length === 0) {
		throw invalid('recipients', 'must be a non-empty array');
	}
	return value.map((entry, index) => {
		const field = `recipients[${index}]`;
		if (!isRecord(entry)) throw invalid(field, 'must be an object');
		if (entry.phone_number === undefined || entry.phone_number === '') {
			throw missing(`${field}.phone_number`);
		}
		const variables: Record<string, string> = {};
		if (entry.variables !== undefined && entry.variables !== null) {
			if (!isRecord(entry.variables)) throw invalid(`${field}.variables`, 'must be an object');
			for (const [name, raw] of Object.entries(entry.variables)) {
				if (!['string', 'number', 'boolean'].includes(typeof raw)) {
					throw invalid(`${field}.variables.${name}`, 'must be text or a number');
				}
				variables[name] = String(raw);
			}
		}
		return { phone_number: entry.phone_number, variables };
	});
}

/** Premium. One SMS per recipient, each through the same outbox as `sendsms`. */
const send: V2Handler = (ctx) => {
	const { account, store, body } = ctx;
	if (account.plan !== 'premium') throw licenseRequired(account, 'templates/send');
	const template = liveTemplate(store, requireString(body, 'template_id'));
	const recipients = readRecipients(body);
	const accepted: SentMessage[] = [];
	const results = recipients.map((recipient) => {
		const phone = String(recipient.phone_number);
		const text = renderTemplate(
			template.message,
			phone,
			recipient.variables,
			store.findContactByPhone(phone),
		);
		const result = sendFromPhone(ctx, { phone_number: recipient.phone_number, message: text });
		if (!result.sent) return { phone_number: phone, sent: 0, error: result.error };
		accepted.push(result.message);
		return {
			phone_number: phone,
			sent: 1,
			sms_id: result.sms.id,
			id_sms_api: result.message.id_sms_api,
			message: result.message.message,
			sms_per_message: result.parts,
		};
	});
	return {
		...ok({
			template_id: template.id,
			sent_count: accepted.length,
			failed_count: results.length - accepted.length,
			results,
		}),
		accepted,
	};
};

export const routes: Record<string, V2Handler> = {
	templates: list,
	'templates/create': create,
	'templates/update': update,
	'templates/delete': remove,
	'templates/send': send,
};
