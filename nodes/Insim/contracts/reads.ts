import { GENERIC_LIST_KEYS } from './listKeys';
import type { AckContract, ListContract, RecordContract } from './reader';

/**
 * The declared answer of every API v2 endpoint that does not send SMS. Keys are listed most likely
 * first; the first one is what a vendor file shows when a comment names one, the others are the
 * usual alternatives (`data`, `items`, `results`, flat or wrapped objects). Sources are the
 * vendor's own clients: their n8n node (ReachTechnologies/n8n-nodes-insim), CLI
 * (ReachTechnologies/insim-cli) and MCP server (ReachTechnologies/insim-mcp).
 */

// Calls, SMS, qualifications and statistics: activityReads.ts.
export * from './activityReads';

// --- Account ---

/** Asserted `account.login`, `account.sms_credits`, `account.active`: insim-cli tests/test_auth.py. */
export const ACCOUNT: RecordContract = {
	kind: 'record',
	endpoint: 'account',
	recordKeys: ['account', 'data', 'result'],
	flatProof: ['login', 'sms_credits', 'credits', 'plan', 'active'],
	writes: false,
};

/** The five callback URL keys: insim-cli cli_anything/insim/core/account.py (webhooks set). */
export const WEBHOOK_URL_KEYS = [
	'incoming_sms',
	'delivery_status',
	'link_clicks',
	'call_events',
	'call_qualifications',
];

/**
 * `{ action: 'get' }` (insim-mcp src/insim_mcp/server.py manage_webhooks): no vendor file shows
 * the answer. The URLs are read under `webhooks` (the write's own key, insim-cli
 * cli_anything/insim/core/account.py), `data`, or at the top level; all five must be there (text,
 * or null for none), since a write sends all five back and must not guess one.
 */
export const WEBHOOKS_READ: RecordContract = {
	kind: 'record',
	endpoint: 'account/webhooks',
	recordKeys: ['webhooks', 'data', 'result'],
	flatProof: WEBHOOK_URL_KEYS,
	requiredText: WEBHOOK_URL_KEYS,
	writes: false,
};

/** The write's answer is not shown (insim-cli core/account.py prints only "Webhooks updated."). */
export const WEBHOOKS_WRITE: AckContract = {
	kind: 'ack',
	endpoint: 'account/webhooks',
	recordKeys: ['webhooks'],
};

// --- Contacts ---

/**
 * `contacts[]`, `total`, `has_more` (insim-cli tests/test_contacts.py test_list_contacts); the
 * request takes `cursor` (insim-cli cli_anything/insim/core/contacts.py).
 */
export const CONTACTS: ListContract = {
	kind: 'list',
	endpoint: 'contacts',
	listKeys: ['contacts', ...GENERIC_LIST_KEYS],
	idKeys: ['id_contact', 'contact_id'],
	paged: true,
};

/** `count`, `contacts[]` with `score`, `match_type` (insim-cli tests/test_contacts.py). */
export const CONTACTS_SEARCH: ListContract = {
	kind: 'list',
	endpoint: 'contacts/search',
	listKeys: ['contacts', ...GENERIC_LIST_KEYS],
	idKeys: ['id_contact', 'contact_id'],
	paged: false,
};

/**
 * `count`, `contacts[]` (insim-cli tests/test_contacts.py test_find_by_phone, core/contacts.py
 * find-phone); a single `contact` object is accepted too.
 */
export const FIND_CONTACT: ListContract = {
	kind: 'list',
	endpoint: 'find_contact',
	listKeys: ['contacts', ...GENERIC_LIST_KEYS],
	singleKeys: ['contact'],
	idKeys: ['id_contact', 'contact_id'],
	paged: false,
};

/** `contact{ lastname, phone_number, tags, pro }` (insim-cli tests/test_contacts.py). */
export const CONTACT_DETAIL: RecordContract = {
	kind: 'record',
	endpoint: 'contacts/detail',
	recordKeys: ['contact', 'data', 'result'],
	flatProof: ['phone_number', 'firstname', 'lastname'],
	writes: false,
};

/**
 * Not shown (insim-cli core/contacts.py prints the raw answer): `custom_fields`, `fields`, or
 * the generic keys; a field may be an object or only its key.
 */
export const CUSTOM_FIELDS: ListContract = {
	kind: 'list',
	endpoint: 'contacts/custom_fields',
	listKeys: ['custom_fields', 'fields', ...GENERIC_LIST_KEYS],
	scalarField: 'key',
	paged: false,
};

/** Not shown (insim-cli core/contacts.py prints "Contact deleted." on success). */
export const CONTACT_DELETE: AckContract = {
	kind: 'ack',
	endpoint: 'contacts/delete',
	fields: { deleted: 'boolean' },
};

/** `tags` after the change (insim-cli tests/test_contacts.py test_tags_add_remove). */
export const CONTACT_TAGS: AckContract = {
	kind: 'ack',
	endpoint: 'contacts/tags',
	fields: { tags: 'array' },
	recordKeys: ['contact'],
};

/** Not shown (insim-cli core/contacts.py switch-pro prints the raw answer). */
export const CONTACT_SWITCH_PRO: AckContract = {
	kind: 'ack',
	endpoint: 'contacts/switch_pro',
	fields: { pro: 'boolean' },
	recordKeys: ['contact'],
};

// --- Lists ---

/** `lists[]` with `name`, `contacts` (a count), `created` (insim-cli core/lists.py lists list). */
export const LISTS: ListContract = {
	kind: 'list',
	endpoint: 'lists',
	listKeys: ['lists', ...GENERIC_LIST_KEYS],
	idKeys: ['list_id'],
	paged: true,
};

/**
 * Not shown; the request takes `list_id` and `limit` (insim-cli cli_anything/insim/core/lists.py
 * lists detail). The list under `list`, its members under `contacts` or `members`, next to it or
 * inside it; a list whose member count is 0 may leave them out.
 */
export const LIST_DETAIL: RecordContract = {
	kind: 'record',
	endpoint: 'lists/detail',
	recordKeys: ['list', 'data', 'result'],
	flatProof: ['name', 'list_id'],
	children: {
		field: 'members',
		keys: ['contacts', 'members'],
		countKeys: ['contacts', 'contacts_count', 'members_count', 'count'],
		idKeys: ['id_contact', 'contact_id'],
	},
	writes: false,
};

/**
 * `list{ id }` (insim-cli tests/test_integration.py reads `list.id`;
 * examples/basic/create-campaign.sh reads `list._id`).
 */
export const LIST_CREATE: RecordContract = {
	kind: 'record',
	endpoint: 'lists/create',
	recordKeys: ['list', 'data', 'result'],
	flatProof: ['id', '_id', 'list_id'],
	idKeys: ['list_id'],
	writes: true,
};

/** Not shown (insim-cli core/lists.py prints "List updated."). */
export const LIST_UPDATE: AckContract = {
	kind: 'ack',
	endpoint: 'lists/update',
	recordKeys: ['list'],
};

/** Not shown (insim-cli core/lists.py prints "List deleted."). */
export const LIST_DELETE: AckContract = {
	kind: 'ack',
	endpoint: 'lists/delete',
	fields: { deleted: 'boolean' },
};

/**
 * Counts for added, skipped and total, shown as prose only (insim-cli
 * cli_anything/insim/skills/SKILL.md workflow 13): read where given.
 */
export const LIST_ADD_ALL: AckContract = {
	kind: 'ack',
	endpoint: 'lists/contacts/addall',
	fields: { added: 'count', skipped: 'count', total: 'count' },
};

// --- Templates ---

/** `templates[]` with `name`, `message` (insim-cli cli_anything/insim/core/templates.py). */
export const TEMPLATES: ListContract = {
	kind: 'list',
	endpoint: 'templates',
	listKeys: ['templates', ...GENERIC_LIST_KEYS],
	idKeys: ['template_id'],
	paged: true,
};

/** Not shown (insim-cli core/templates.py); the new template needs its id. */
export const TEMPLATE_CREATE: RecordContract = {
	kind: 'record',
	endpoint: 'templates/create',
	recordKeys: ['template', 'data', 'result'],
	flatProof: ['id', '_id', 'template_id'],
	idKeys: ['template_id'],
	writes: true,
};

/** Not shown (insim-cli core/templates.py). */
export const TEMPLATE_UPDATE: AckContract = {
	kind: 'ack',
	endpoint: 'templates/update',
	recordKeys: ['template'],
};

/** Not shown (insim-cli core/templates.py). */
export const TEMPLATE_DELETE: AckContract = {
	kind: 'ack',
	endpoint: 'templates/delete',
	fields: { deleted: 'boolean' },
};

// --- Campaigns ---

/** `campaigns[]` with `name`, `message`, `status` (insim-cli tests/test_campaigns.py). */
export const CAMPAIGNS: ListContract = {
	kind: 'list',
	endpoint: 'campaigns',
	listKeys: ['campaigns', ...GENERIC_LIST_KEYS],
	idKeys: ['campaign_id'],
	paged: true,
};

/**
 * `recipients` and `status` of one campaign (insim-cli cli_anything/insim/skills/SKILL.md
 * workflow 15); `campaign{}` as in the create answer (insim-cli tests/test_campaigns.py).
 */
export const CAMPAIGN_DETAIL: RecordContract = {
	kind: 'record',
	endpoint: 'campaigns/detail',
	recordKeys: ['campaign', 'data', 'result'],
	flatProof: ['status', 'recipients', 'name'],
	writes: false,
};

/**
 * `campaign{ id, status, recipients }` (insim-cli tests/test_campaigns.py test_create_campaign);
 * the new campaign needs its id.
 */
export const CAMPAIGN_CREATE: RecordContract = {
	kind: 'record',
	endpoint: 'campaigns/create',
	recordKeys: ['campaign', 'data', 'result'],
	flatProof: ['id', '_id', 'campaign_id'],
	idKeys: ['campaign_id'],
	writes: true,
};

/** `cancelled: true` (insim-cli tests/test_campaigns.py). */
export const CAMPAIGN_CANCEL: AckContract = {
	kind: 'ack',
	endpoint: 'campaigns/cancel',
	fields: { cancelled: 'boolean' },
	recordKeys: ['campaign'],
};
