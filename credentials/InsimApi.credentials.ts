import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

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
			description:
				'Change only to go through a proxy or to test against a local inSIM simulator. The version (/v1, /v2) is added by the node.',
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
			return { ...requestOptions, body: { ...body, login, accessKey } };
		}
		const header = isPlainObject(body.header) ? body.header : {};
		return {
			...requestOptions,
			body: { ...body, header: { ...header, login, accessKey } },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v2/account',
			method: 'POST',
			body: {
				login: '={{$credentials.login}}',
				accessKey: '={{$credentials.apiKey}}',
			},
		},
		// n8n's credential tester returns a rule's message verbatim (it cannot quote the response),
		// so each documented error code gets its own explanation, then a catch-all. A non-2xx answer
		// fails the test on its own, with the HTTP status text.
		rules: [
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
		],
	};
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
