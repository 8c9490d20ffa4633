/**
 * The transport's errors (nodes/Insim/transport): each failure's message says what happened
 * without naming the item (`Item N:`); the item travels as the error's itemIndex, for the node to
 * name once where it builds the output.
 */
import type { INode, NodeApiError } from 'n8n-workflow';

import type { InsimFunctions } from '../../../../nodes/Insim/transport';
import {
	apiRefusal,
	deliveryCertaintyOf,
	isFatalError,
	redirectError,
	statusError,
	unreadableAnswerError,
} from '../../../../nodes/Insim/transport/errors';
import { networkError, networkErrorCode } from '../../../../nodes/Insim/transport/network';
import { secretScrubber } from '../../../../nodes/Insim/transport/redact';
import type { RequestScope } from '../../../../nodes/Insim/transport/scope';

const NODE: INode = {
	id: 'insim',
	name: 'inSIM',
	type: 'n8n-nodes-insim.insim',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const ACCESS_KEY = 'key-9f8e7d6c5b4a';
const LOGIN = 'owner@example.com';

function scope(itemIndex: number | undefined): RequestScope {
	return {
		ctx: { getNode: () => NODE } as unknown as InsimFunctions,
		path: '/v2/contacts/get',
		body: {},
		credentials: { login: LOGIN, accessKey: ACCESS_KEY, baseUrl: 'https://insim.test/api' },
		timeoutSeconds: 30,
		maxAttempts: 4,
		maxRetryAfterSeconds: 60,
		itemIndex,
		fieldLabels: { contact_id: 'Contact ID' },
		redact: secretScrubber([ACCESS_KEY, LOGIN]),
	};
}

/** Every way a call can fail, built for the given item. */
function everyError(itemIndex: number | undefined): Record<string, NodeApiError> {
	const at = scope(itemIndex);
	return {
		'401': statusError(at, { statusCode: 401, text: '' }),
		'429': statusError(at, { statusCode: 429, text: '', retryAfterSeconds: 5 }),
		'500': statusError(at, { statusCode: 500, text: '' }),
		'404 page': statusError(at, { statusCode: 404, text: '<html>', parseFailure: 'html' }),
		'404 NOT_FOUND': statusError(at, {
			statusCode: 404,
			text: '',
			parsed: {
				success: false,
				error: 'contact not found',
				error_code: 'NOT_FOUND',
				field: 'contact_id',
			},
		}),
		'200 INVALID_CREDENTIALS': apiRefusal(at, 200, {
			success: false,
			error: `bad key ${ACCESS_KEY}`,
			error_code: 'INVALID_CREDENTIALS',
		}),
		'200 unknown code': apiRefusal(at, 200, { success: false, error: 'no', error_code: 'ODD' }),
		'200 empty': unreadableAnswerError(at, { statusCode: 200, text: '', parseFailure: 'empty' }),
		'302': redirectError(at, 302, 'https://elsewhere.test/'),
		ECONNREFUSED: networkError(at, 'ECONNREFUSED'),
		ETIMEDOUT: networkError(at, 'ETIMEDOUT'),
		ECONNRESET: networkError(at, 'ECONNRESET'),
		ERR_CANCELED: networkError(at, 'ERR_CANCELED'),
	};
}

describe('transport errors', () => {
	test.each([0, 3, undefined])(
		'no message names an item; the item (%s) is the error’s itemIndex',
		(itemIndex) => {
			for (const [failure, error] of Object.entries(everyError(itemIndex))) {
				expect([failure, error.message]).not.toEqual([failure, expect.stringMatching(/Item \d/)]);
				expect([failure, error.context.itemIndex]).toEqual([failure, itemIndex]);
			}
		},
	);

	test('a refusal with an error code names the node’s field, then inSIM’s reason and code', () => {
		const { '404 NOT_FOUND': notFound } = everyError(2);
		expect(notFound.message).toBe(
			'"Contact ID": inSIM found nothing with this ID: contact not found (NOT_FOUND)',
		);
		expect(notFound.description).toContain('Field: "Contact ID" (inSIM\'s contact_id).');
		expect(deliveryCertaintyOf(notFound)).toBe('notSent');
	});

	test('certainty and fatality per failure, and no secret in any message', () => {
		const errors = everyError(1);
		const summary = Object.fromEntries(
			Object.entries(errors).map(([failure, error]) => [
				failure,
				`${deliveryCertaintyOf(error)}${isFatalError(error) ? ' fatal' : ''}`,
			]),
		);
		expect(summary).toEqual({
			'401': 'notSent fatal',
			'429': 'notSent',
			'500': 'unknown',
			'404 page': 'notSent',
			'404 NOT_FOUND': 'notSent',
			'200 INVALID_CREDENTIALS': 'notSent fatal',
			'200 unknown code': 'notSent',
			'200 empty': 'unknown',
			'302': 'notSent fatal',
			ECONNREFUSED: 'notSent fatal',
			ETIMEDOUT: 'unknown',
			ECONNRESET: 'unknown',
			ERR_CANCELED: 'unknown',
		});
		for (const error of Object.values(errors)) {
			expect(`${error.message} ${error.description ?? ''}`).not.toContain(ACCESS_KEY);
		}
	});

	test('the network code is found where n8n-core leaves it', () => {
		expect(networkErrorCode({ httpCode: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkErrorCode({ message: 'x', cause: { code: 'ENOTFOUND' } })).toBe('ENOTFOUND');
		expect(networkErrorCode({ messages: ['connect EHOSTUNREACH 10.0.0.1:443'] })).toBe(
			'EHOSTUNREACH',
		);
		expect(networkErrorCode({ message: 'timeout of 30000ms exceeded' })).toBe('ETIMEDOUT');
		expect(networkErrorCode({ message: 'something else' })).toBeUndefined();
	});
});
