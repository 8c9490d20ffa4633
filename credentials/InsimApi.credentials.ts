import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** The credential test's request URL, relative to `baseURL` (see boundIfAccountCheck). */
const ACCOUNT_CHECK_URL = '/v2/account';

/** How long the credential test waits for inSIM's answer. */
export const ACCOUNT_CHECK_TIMEOUT_SECONDS = 20;

/**
 * Bounds the credential test: n8n-core's RoutingNode (2.11 and 2.40 alike) replaces any `timeout`
 * in `test.request` with its own 300 s, so against an API Base URL that accepts the connection
 * and never answers the Test button waited five minutes and more. The bound is set here, the one
 * place n8n hands the request to this package before sending it. The test is the only request
 * with a relative URL: the node always sends an absolute one (nodes/Insim/transport/request.ts).
 */
function boundIfAccountCheck(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	if (requestOptions.url !== ACCOUNT_CHECK_URL) return requestOptions;
	const bound = ACCOUNT_CHECK_TIMEOUT_SECONDS * 1000;
	return { ...requestOptions, timeout: Math.min(requestOptions.timeout ?? bound, bound) };
}

/**
 * inSIM authenticates inside the JSON body, never in a header: API v1 wants
 * `{ header: { login, accessKey, ...call parameters } }`, API v2 a flat `{ login, accessKey, ... }`.
 * n8n's declarative `generic` authentication would assign `body.header` wholesale and wipe the
 * click-to-call fields that live in the same object, so the merge is written out here.
 */
export class InsimApi implements ICredentialType {
	name = 'insimApi';

	displayName = 'inSIM API';

	icon: Icon = { light: 'file:insim.svg', dark: 'file:insim.dark.svg' };

	documentationUrl = 'https://github.com/ArdaryinSIM/insim-http-api#readme';

	// The access key is stored as `apiKey`: n8n masks and redacts fields by that kind of name.
	properties: INodeProperties[] = [
		{
			displayName: 'Login (Email)',
			name: 'login',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The email address of your inSIM account',
		},
		{
			displayName: 'Access Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API access key shown in the inSIM web app (Settings → API)',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.insim.app/api',
			required: true,
			description: `Change only to go through a proxy or to test against a local inSIM simulator. The version (/v1, /v2) is added by the node. The Test waits ${ACCOUNT_CHECK_TIMEOUT_SECONDS} seconds for an answer: a test failing with ECONNABORTED means nothing answered in time at this address.`,
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const login = String(credentials.login ?? '').trim();
		const accessKey = String(credentials.apiKey ?? '');
		const body = isPlainObject(requestOptions.body) ? requestOptions.body : {};
		const isVersion2 = /\/v2\//.test(`${requestOptions.baseURL ?? ''}${requestOptions.url}`);

		if (isVersion2) {
			return { ...boundIfAccountCheck(requestOptions), body: { ...body, login, accessKey } };
		}
		const header = isPlainObject(body.header) ? body.header : {};
		return {
			...requestOptions,
			body: { ...body, header: { ...header, login, accessKey } },
		};
	}

	// The account check stays declarative, and n8n runs it itself (packages/cli
	// credentials-tester.service.ts, through n8n-core's RoutingNode), outside any node: the node's
	// v2 wrapper (nodes/Insim/transport/v2.ts) cannot run there, so TEST_RULES below apply its
	// checks (a refusal, or an answer without `success`, fails the test). A test written as code
	// (`testedBy` on the nodes) would only get n8n's deprecated `helpers.request`, which the
	// community lint rules forbid. The price: for a request that got no answer n8n shows the
	// network code (ECONNABORTED), never a sentence of ours; the API Base URL's description
	// explains it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: ACCOUNT_CHECK_URL,
			method: 'POST',
			body: {
				login: '={{$credentials.login}}',
				accessKey: '={{$credentials.apiKey}}',
			},
			// The key is in the body: a redirect must not carry it elsewhere (n8n follows by default).
			disableFollowRedirect: true,
		},
		// Status-code and body rules in one list: n8n's tester runs each kind where it applies
		// (packages/cli credentials-tester.service.ts); n8n-workflow's type only allows one kind.
		rules: TEST_RULES as IAuthenticateRuleResponseSuccessBody[],
	};
}

// n8n's credential tester returns a rule's message verbatim (it cannot quote the response).
// A non-2xx answer is matched on its status code (without a rule n8n shows only the status
// text, "Unauthorized"); a 2xx answer on its body: each documented error code, then a
// catch-all.
const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	...[301, 302, 303, 307, 308].map((code) => ({
		type: 'responseCode' as const,
		properties: {
			value: code,
			message: `The API Base URL answered with a redirect (HTTP ${code}), which the inSIM credential does not follow: the access key travels in the request body and goes only to the configured address. Set the API Base URL to the final address (default https://www.insim.app/api).`,
		},
	})),
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'inSIM rejected the login or access key (HTTP 401). Copy both again from the inSIM web app (Settings → API): the login is the email address of the account.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'inSIM refused this account (HTTP 403): it is inactive, or its plan has no API access. Reactivate the account or upgrade the plan in the inSIM web app.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				'Nothing answers like inSIM at this API Base URL (HTTP 404). Set it to https://www.insim.app/api, without /v1 or /v2 at the end, or check the proxy in between.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 405,
			message:
				'The API Base URL does not accept inSIM calls (HTTP 405). Set it to https://www.insim.app/api, without /v1 or /v2 at the end.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 429,
			message:
				'inSIM is limiting the requests of this account (HTTP 429). Wait a minute, then test again.',
		},
	},
	...[500, 502, 503, 504].map((status) => ({
		type: 'responseCode' as const,
		properties: {
			value: status,
			message: `inSIM's servers could not answer (HTTP ${status}). Test again in a few minutes; if it lasts, check the API Base URL and any proxy in between.`,
		},
	})),
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'error_code',
			value: 'INVALID_CREDENTIALS',
			message:
				'inSIM rejected the login or access key (INVALID_CREDENTIALS). Check both in the inSIM web app.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'error_code',
			value: 'LICENSE_REQUIRED',
			message:
				'inSIM says this feature needs a paid plan (LICENSE_REQUIRED). Upgrade the subscription in the inSIM web app.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'account.active',
			value: false,
			message:
				'The inSIM account is inactive: the login and access key are right, but inSIM will refuse every call. Reactivate it in the inSIM web app.',
		},
	},
	{
		// A proxy or login page answering 200 carries no `success` at all.
		type: 'responseSuccessBody',
		properties: {
			key: 'success',
			value: undefined,
			message:
				'The API Base URL did not answer like inSIM. Check it (default https://www.insim.app/api) and any proxy in between.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'success',
			value: false,
			message:
				'inSIM answered success: false to the account check. Check the login, the access key and that the account is active.',
		},
	},
];

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
