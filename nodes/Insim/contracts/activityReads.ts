import { GENERIC_LIST_KEYS } from './listKeys';
import type { AckContract, ListContract, RecordContract } from './reader';

/**
 * The declared answers of the v2 endpoints about what happened on the phone: calls, SMS history,
 * call qualifications and statistics (the rest is in reads.ts; same conventions).
 */

// --- Qualifications ---

/** Not shown (insim-cli core/qualifications.py prints the raw answer). */
export const QUALIFICATIONS: ListContract = {
	kind: 'list',
	endpoint: 'qualifications',
	listKeys: ['qualifications', 'calls', ...GENERIC_LIST_KEYS],
	paged: true,
};

/**
 * `options[]`, each with `_id` and `label` (insim-cli tests/test_calls.py
 * test_qualification_options, cli_anything/insim/core/qualifications.py).
 */
export const QUALIFICATION_OPTIONS: ListContract = {
	kind: 'list',
	endpoint: 'qualifications/options',
	listKeys: ['options', ...GENERIC_LIST_KEYS],
	idKeys: ['option_id'],
	paged: true,
};

/** Not shown (insim-cli core/qualifications.py); the new option needs its id. */
export const OPTION_CREATE: RecordContract = {
	kind: 'record',
	endpoint: 'qualifications/options/create',
	recordKeys: ['option', 'data', 'result'],
	flatProof: ['id', '_id', 'option_id'],
	idKeys: ['option_id'],
	writes: true,
};

/** Not shown (insim-cli core/qualifications.py). */
export const OPTION_UPDATE: AckContract = {
	kind: 'ack',
	endpoint: 'qualifications/options/update',
	recordKeys: ['option'],
};

/** Not shown (insim-cli core/qualifications.py). */
export const OPTION_DELETE: AckContract = {
	kind: 'ack',
	endpoint: 'qualifications/options/delete',
	fields: { deleted: 'boolean' },
};

/**
 * Described in words only (insim-cli cli_anything/insim/skills/SKILL.md workflow 12): the
 * statistics under `stats` or `data`, or flat.
 */
export const QUALIFICATION_STATS: RecordContract = {
	kind: 'record',
	endpoint: 'qualifications/stats',
	recordKeys: ['stats', 'data', 'result'],
	flatProof: 'counts',
	writes: false,
};

// --- Calls ---

/**
 * `calls[]` with `type`, `phone_number`, `duration`, `call_time` (insim-cli tests/test_calls.py);
 * the request takes `cursor` (insim-mcp src/insim_mcp/server.py list_calls).
 */
export const CALLS: ListContract = {
	kind: 'list',
	endpoint: 'calls',
	listKeys: ['calls', ...GENERIC_LIST_KEYS],
	idKeys: ['call_id'],
	paged: true,
};

/** Not shown (insim-cli cli_anything/insim/core/calls.py). */
export const CALL_QUALIFY: AckContract = {
	kind: 'ack',
	endpoint: 'calls/qualify',
	recordKeys: ['call'],
};

// --- SMS ---

/**
 * `messages[]` with `id`, `direction`, `phone_number`, `message` (insim-cli tests/test_sms.py);
 * the request takes `cursor` (insim-mcp src/insim_mcp/server.py list_sms).
 */
export const SMS_HISTORY: ListContract = {
	kind: 'list',
	endpoint: 'sms',
	listKeys: ['messages', 'sms', ...GENERIC_LIST_KEYS],
	idKeys: ['sms_id'],
	paged: true,
};

/** `sms{ id, … }` (insim-cli tests/test_sms.py test_sms_detail). */
export const SMS_DETAIL: RecordContract = {
	kind: 'record',
	endpoint: 'sms/detail',
	recordKeys: ['sms', 'message', 'data', 'result'],
	flatProof: ['phone_number', 'direction'],
	writes: false,
};

/** `phone_number`, `messages[]` (insim-cli tests/test_sms.py test_conversation); no cursor. */
export const SMS_CONVERSATION: ListContract = {
	kind: 'list',
	endpoint: 'sms/conversation',
	listKeys: ['messages', 'sms', ...GENERIC_LIST_KEYS],
	paged: false,
};

// --- Stats ---

/**
 * Described in words only (insim-mcp src/insim_mcp/server.py stats_overview; insim-cli
 * cli_anything/insim/skills/SKILL.md workflow 19): under `stats`, `overview` or `data`, or flat.
 */
export const STATS_OVERVIEW: RecordContract = {
	kind: 'record',
	endpoint: 'stats/overview',
	recordKeys: ['stats', 'overview', 'data', 'result'],
	flatProof: 'counts',
	writes: false,
};

/** Key names not shown; the request takes `limit` (insim-cli cli_anything/insim/core/stats.py). */
export const STATS_CLICKS: ListContract = {
	kind: 'list',
	endpoint: 'stats/clicks',
	listKeys: ['clicks', ...GENERIC_LIST_KEYS],
	paged: true,
};
