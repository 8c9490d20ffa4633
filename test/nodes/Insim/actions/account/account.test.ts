import { FREE_DEMO_ACCOUNT } from '../../../../simulator';
import { DEMO_ACCOUNT, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2({ accounts: [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT] });

describe('Account → Get', () => {
	test('returns the account record, one item per input item, paired', async () => {
		const result = await t.run({
			parameters: { resource: 'account', operation: 'get' },
			items: [{ a: 1 }, { a: 2 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json).toMatchObject({
			login: DEMO_ACCOUNT.login,
			active: true,
			sms_credits: 10000,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(t.requestsTo('account')).toHaveLength(2);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('a wrong key is an INVALID_CREDENTIALS error naming the item, and the key stays hidden', async () => {
		const result = await t.run({
			parameters: { resource: 'account', operation: 'get' },
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
		});
		expect(result.error?.message).toMatch(/rejected the login or access key/);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});

	test('with Continue On Fail, a fatal error is reported once per item and later items are not sent', async () => {
		const result = await t.run({
			parameters: { resource: 'account', operation: 'get' },
			items: [{}, {}, {}],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(3);
		expect(result.output.every((item) => item.json.success === false)).toBe(true);
		expect(String(result.output[1].json.error)).toMatch(/^Item 1: not sent/);
		expect(t.requestsTo('account')).toHaveLength(1);
	});
});

describe('Account → Get Webhooks / Update Webhooks', () => {
	test('update changes only the URLs given, keeps the others, and writes all five keys', async () => {
		t.sim.webhooks.call_events = 'https://crm.example.com/calls';
		const result = await t.run({
			parameters: {
				resource: 'account',
				operation: 'updateWebhooks',
				webhookUrls: { incomingSms: 'https://n8n.example.com/webhook/sms', linkClicks: '' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toEqual({
			incoming_sms: 'https://n8n.example.com/webhook/sms',
			delivery_status: '',
			link_clicks: '',
			call_events: 'https://crm.example.com/calls',
			call_qualifications: '',
		});
		const writes = t.requestsTo('account/webhooks').filter((body) => body.webhooks);
		expect(writes).toHaveLength(1);
		expect(Object.keys(writes[0].webhooks as object).sort()).toEqual(
			[
				'call_events',
				'call_qualifications',
				'delivery_status',
				'incoming_sms',
				'link_clicks',
			].sort(),
		);

		const read = await t.run({ parameters: { resource: 'account', operation: 'getWebhooks' } });
		expect(read.output[0].json.incoming_sms).toBe('https://n8n.example.com/webhook/sms');
	});

	test('a URL that is not http(s) is an item error naming the field; nothing is written', async () => {
		const result = await t.run({
			parameters: {
				resource: 'account',
				operation: 'updateWebhooks',
				webhookUrls: { callEvents: 'ftp://nope' },
			},
		});
		expect(result.error?.message).toBe(
			'Item 0: "Call Events URL" "ftp://nope" is not valid: must be an http:// or https:// URL',
		);
		expect(t.requestsTo('account/webhooks')).toHaveLength(0);
	});

	test('a free plan gets LICENSE_REQUIRED with the upgrade link, also when inSIM answers it with HTTP 200', async () => {
		for (const v2ErrorsAs200 of [false, true]) {
			t.sim.setOptions({ v2ErrorsAs200 });
			const result = await t.run({
				parameters: { resource: 'account', operation: 'getWebhooks' },
				credentials: {
					...t.credentials(),
					login: FREE_DEMO_ACCOUNT.login,
					apiKey: FREE_DEMO_ACCOUNT.accessKey,
				},
			});
			expect(result.output).toEqual([]);
			expect(result.error?.message).toMatch(/^Item 0: This inSIM feature needs a paid plan/);
			expect(result.error?.message).toMatch(/\(LICENSE_REQUIRED\)$/);
			expect(result.error?.description).toContain('Upgrade: https://www.insim.app/pricing');
		}
	});
});
