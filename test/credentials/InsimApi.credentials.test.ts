import { InsimApi } from '../../credentials/InsimApi.credentials';

const credential = new InsimApi();
const secrets = {
	login: 'user@example.com',
	apiKey: 'k-123456',
	baseUrl: 'https://www.insim.app/api',
};

describe('inSIM credential authenticate', () => {
	test('v1: merges login and accessKey into body.header, keeping click-to-call fields', async () => {
		const options = await credential.authenticate(secrets, {
			url: 'https://www.insim.app/api/v1/clictocall',
			method: 'POST',
			body: { header: { type: 'clicToCall', phone_number: '+33612345678' } },
		});
		expect(options.body).toEqual({
			header: {
				type: 'clicToCall',
				phone_number: '+33612345678',
				login: 'user@example.com',
				accessKey: 'k-123456',
			},
		});
		expect(options.headers ?? {}).not.toHaveProperty('accessKey');
	});

	test('v1: creates the header when the body has none, leaving other fields alone', async () => {
		const options = await credential.authenticate(secrets, {
			url: 'https://www.insim.app/api/v1/sendsms',
			body: { messages: [{ phone_number: '+33612345678', message: 'hi' }] },
		});
		expect(options.body).toEqual({
			messages: [{ phone_number: '+33612345678', message: 'hi' }],
			header: { login: 'user@example.com', accessKey: 'k-123456' },
		});
	});

	test('v2: flat login and accessKey (also through baseURL + url)', async () => {
		const options = await credential.authenticate(secrets, {
			baseURL: 'https://www.insim.app/api',
			url: '/v2/account/webhooks',
			body: { action: 'get' },
		});
		expect(options.body).toEqual({
			action: 'get',
			login: 'user@example.com',
			accessKey: 'k-123456',
		});
	});

	test('does not mutate the request it was given', async () => {
		const body = { header: { type: 'clicToCall' } };
		await credential.authenticate(secrets, { url: 'https://x/api/v1/clictocall', body });
		expect(body).toEqual({ header: { type: 'clicToCall' } });
	});

	test('the access key field is a password field, and the test request is read-only v2 account', () => {
		const key = credential.properties.find((property) => property.name === 'apiKey');
		expect(key?.typeOptions?.password).toBe(true);
		expect(credential.test.request).toMatchObject({ url: '/v2/account', method: 'POST' });
		expect(
			credential.test.rules?.some(
				(rule) =>
					rule.type === 'responseSuccessBody' &&
					rule.properties.key === 'success' &&
					rule.properties.value === false,
			),
		).toBe(true);
	});
});
