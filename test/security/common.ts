/** What the in-process and the real-n8n security suites share: the key, the login, the cases. */
import type { HostileMode } from './hostileInsim';

/**
 * Distinctive, and spelled differently by every encoding: `/`, `+`, `&`, `"`, `<`, `>`, a space
 * and a non-ASCII letter; `SecretCanary8842xqZ` is the part any other escaping would keep.
 */
export const CANARY_KEY = 'k/+&"<é> SecretCanary8842xqZ 1';
export const CANARY_LOGIN = 'canary.login.5e1d@insim-security.test';

export interface OperationCase {
	name: string;
	/** whether the operation has a Timeout option (the hang mode needs it) */
	hasTimeout: boolean;
	parameters: Record<string, unknown>;
}

export const ROWS = [
	{ phone: '+33612345678', text: 'Hello one' },
	{ phone: '+33612345679', text: 'Hello two' },
	{ phone: '+33612345680', text: 'Hello three' },
];

export const OPERATIONS: OperationCase[] = [
	{
		name: 'SMS Send',
		hasTimeout: true,
		parameters: {
			resource: 'sms',
			operation: 'send',
			phoneNumber: '={{ $json.phone }}',
			message: '={{ $json.text }}',
			options: { batchSize: 2, timeout: 2 },
		},
	},
	{
		name: 'Contact Create',
		hasTimeout: true,
		parameters: {
			resource: 'contact',
			operation: 'create',
			phoneNumber: '={{ $json.phone }}',
			firstName: 'Ann',
			options: { timeout: 2 },
		},
	},
	{
		name: 'Click-to-Call',
		hasTimeout: true,
		parameters: {
			resource: 'call',
			operation: 'clickToCall',
			phoneNumber: '={{ $json.phone }}',
			options: { timeout: 2 },
		},
	},
	{
		name: 'Account Get (v2)',
		hasTimeout: false,
		parameters: { resource: 'account', operation: 'get' },
	},
];

export const ANSWER_MODES: HostileMode[] = [
	'echo500Text',
	'echo400Json',
	'echo200Html',
	'echoSuccessFalse',
	'echoInSuccess',
	'echoEncoded',
	'echoUnicodeEscaped',
	'echoAfterRateLimit',
];

export const REDIRECT_MODES: HostileMode[] = [
	'redirect301',
	'redirect302',
	'redirect303',
	'redirect307',
	'redirect308',
	'redirect307Localhost',
	'redirect308KeyInLocation',
];

/** Invalid numeric options: each must be an error naming the field, with no request made. */
export const INVALID_OPTIONS: Array<{
	field: string;
	operation: string;
	options: Record<string, unknown>;
}> = [
	{ field: 'Timeout', operation: 'SMS Send', options: { timeout: 0 } },
	{ field: 'Timeout', operation: 'SMS Send', options: { timeout: -1 } },
	{ field: 'Timeout', operation: 'SMS Send', options: { timeout: '={{ "thirty" }}' } },
	{ field: 'Timeout', operation: 'SMS Send', options: { timeout: 1e9 } },
	{ field: 'Batch Size', operation: 'SMS Send', options: { batchSize: 0 } },
	{ field: 'Batch Size', operation: 'SMS Send', options: { batchSize: 2.5 } },
	{ field: 'Batch Size', operation: 'SMS Send', options: { batchSize: '={{ "many" }}' } },
	{ field: 'Batch Size', operation: 'SMS Send', options: { batchSize: 100000 } },
	{ field: 'Timeout', operation: 'Contact Create', options: { timeout: 0 } },
	{ field: 'Batch Size', operation: 'Contact Create', options: { batchSize: -5 } },
	{ field: 'Timeout', operation: 'Click-to-Call', options: { timeout: -1 } },
	{ field: 'Timeout', operation: 'Click-to-Call', options: { timeout: '={{ "soon" }}' } },
];

export function operationNamed(name: string): OperationCase {
	const found = OPERATIONS.find((operation) => operation.name === name);
	if (!found) throw new Error(`no operation ${name}`);
	return found;
}
