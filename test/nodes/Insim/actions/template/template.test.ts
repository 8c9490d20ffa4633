import type { INodeParameters } from 'n8n-workflow';

import { FREE_DEMO_ACCOUNT } from '../../../../simulator';
import { DEMO_ACCOUNT, byId, fromList, serialised, setUpV2 } from '../../../../engine/v2/support';

const t = setUpV2({ accounts: [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT] });
afterEach(() => t.sim.setOptions({ failPhoneNumbers: [] }));

function sentTo(endpoint: string) {
	return t.requestsTo(endpoint).map(({ login: _login, accessKey: _key, ...rest }) => rest);
}

function seedTemplates(login?: string) {
	t.sim.store(login).templates.push(
		{
			id: 'tpl-remind',
			name: 'Reminder',
			message: 'Hello {firstname}, see you {date}.',
			created: '2026-01-01 09:00:00',
			deleted: false,
		},
		{
			id: 'tpl-promo',
			name: 'Promo',
			message: '{custom.plan} offer for {phone_number}: {code}',
			created: '2026-01-02 09:00:00',
			deleted: false,
		},
		{
			id: 'tpl-gone',
			name: 'Gone',
			message: 'Deleted',
			created: '2026-01-03 09:00:00',
			deleted: true,
		},
	);
}

const PROMO_TEMPLATE = {
	id: 'tpl-promo',
	name: 'Promo',
	message: '{custom.plan} offer for {phone_number}: {code}',
	created: '2026-01-02 09:00:00',
};

describe('Template → Get Many', () => {
	test('returns the live templates, one item each, without sending a limit', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: { resource: 'template', operation: 'getMany', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('templates')).toEqual([{}]);
		expect(result.output).toEqual([
			{
				json: {
					id: 'tpl-remind',
					name: 'Reminder',
					message: 'Hello {firstname}, see you {date}.',
					created: '2026-01-01 09:00:00',
				},
				pairedItem: { item: 0 },
			},
			{ json: PROMO_TEMPLATE, pairedItem: { item: 0 } },
		]);
	});

	test('Limit cuts the list; a limit that is not a number is an item error', async () => {
		seedTemplates();
		const limited = await t.run({
			parameters: { resource: 'template', operation: 'getMany', limit: 1 },
		});
		expect(limited.output.map((item) => item.json.id)).toEqual(['tpl-remind']);
		const bad = await t.run({
			parameters: { resource: 'template', operation: 'getMany', limit: '={{ "many" }}' },
		});
		expect(bad.error?.message).toBe(
			'Item 0: "Limit" "many" is not valid: must be a whole number of 1 or more',
		);
		expect(t.requestsTo('templates')).toHaveLength(1);
	});

	test('with Continue On Fail, an inSIM error is reported per item and later items are not sent', async () => {
		const result = await t.run({
			parameters: { resource: 'template', operation: 'getMany', returnAll: true },
			items: [{}, {}],
			credentials: { ...t.credentials(), apiKey: 'wrong-key-123456' },
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, expect.stringMatching(/^Item 0: inSIM rejected the login or access key/)],
			[{ item: 1 }, expect.stringMatching(/^Item 1: not sent, because an earlier request failed/)],
		]);
		expect(t.requestsTo('templates')).toHaveLength(1);
		expect(serialised(result)).not.toContain('wrong-key-123456');
	});

	test('the template picker searches by name and leaves deleted templates out', async () => {
		seedTemplates();
		const found = await t.listSearch('searchTemplates', 'REM');
		expect(found.results).toEqual([{ name: 'Reminder', value: 'tpl-remind' }]);
		const all = await t.listSearch('searchTemplates');
		expect(all.results).toEqual([
			{ name: 'Promo', value: 'tpl-promo' },
			{ name: 'Reminder', value: 'tpl-remind' },
		]);
	});
});

describe('Template → Create', () => {
	test('sends the name and message and returns the new template', async () => {
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'create',
				name: ' Welcome ',
				message: 'Welcome {firstname}!',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('templates/create')).toEqual([
			{ name: 'Welcome', message: 'Welcome {firstname}!' },
		]);
		const [created] = t.sim.store().templates;
		expect(result.output).toEqual([
			{
				json: {
					id: created.id,
					name: 'Welcome',
					message: 'Welcome {firstname}!',
					created: created.created,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an empty message is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'create',
				name: 'Welcome',
				message: '={{ $json.text }}',
			},
			items: [{ text: '' }],
		});
		expect(result.error?.message).toBe('Item 0: "Message" (empty) is not valid: is required');
		expect(t.requestsTo('templates/create')).toHaveLength(0);
	});

	test('a taken name is VALIDATION_ERROR naming the item and field; Continue On Fail keeps the others', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'create',
				name: '={{ $json.name }}',
				message: 'Hi',
			},
			items: [{ name: 'First' }, { name: 'promo' }, { name: 'Gone' }],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.name ?? item.json.error)).toEqual([
			'First',
			expect.stringContaining(
				'"Name": inSIM refused a value: name: a template with this name already exists (VALIDATION_ERROR)',
			),
			'Gone',
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});
});

describe('Template → Update', () => {
	test('sends only the fields given', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'update',
				templateId: fromList('tpl-promo'),
				updateFields: { message: 'New {code}' },
			},
		});
		expect(sentTo('templates/update')).toEqual([
			{ template_id: 'tpl-promo', message: 'New {code}' },
		]);
		expect(result.output).toEqual([
			{ json: { ...PROMO_TEMPLATE, message: 'New {code}' }, pairedItem: { item: 0 } },
		]);

		await t.run({
			parameters: {
				resource: 'template',
				operation: 'update',
				templateId: byId('tpl-promo'),
				updateFields: { name: 'Promo 2', message: '' },
			},
		});
		expect(sentTo('templates/update')[1]).toEqual({ template_id: 'tpl-promo', name: 'Promo 2' });
		expect(t.sim.store().templates[1]).toMatchObject({ name: 'Promo 2', message: 'New {code}' });
	});

	test('neither a name nor a message is an item error; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'update',
				templateId: byId('tpl-promo'),
				updateFields: { name: ' ' },
			},
		});
		expect(result.error?.message).toBe(
			'Item 0: "Update Fields" "{"name":" "}" is not valid: give a new Name or a new Message (an empty one would change nothing)',
		);
		expect(t.requestsTo('templates/update')).toHaveLength(0);
	});

	test('a deleted template is NOT_FOUND; with Continue On Fail the other items are updated', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'update',
				templateId: byId('={{ $json.id }}'),
				updateFields: { name: '={{ $json.name }}' },
			},
			items: [
				{ id: 'tpl-gone', name: 'Back' },
				{ id: 'tpl-remind', name: 'Reminder 2' },
			],
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.json.error ?? item.json.name)).toEqual([
			expect.stringContaining(
				'"Template": inSIM found nothing with this ID: template not found (NOT_FOUND)',
			),
			'Reminder 2',
		]);
		expect(result.output[0].json.mayHaveBeenProcessed).toBe(false);
	});
});

describe('Template → Delete', () => {
	test('deletes (soft) the template; Get Many no longer lists it', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: { resource: 'template', operation: 'delete', templateId: fromList('tpl-remind') },
		});
		expect(sentTo('templates/delete')).toEqual([{ template_id: 'tpl-remind' }]);
		expect(result.output).toEqual([
			{ json: { id: 'tpl-remind', deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(t.sim.store().templates[0].deleted).toBe(true);
		const listed = await t.run({
			parameters: { resource: 'template', operation: 'getMany', returnAll: true },
		});
		expect(listed.output.map((item) => item.json.id)).toEqual(['tpl-promo']);
	});

	test('an empty ID is an item error naming the field; nothing is sent', async () => {
		const result = await t.run({
			parameters: {
				resource: 'template',
				operation: 'delete',
				templateId: byId('={{ $json.id }}'),
			},
			items: [{}],
		});
		expect(result.error?.message).toBe('Item 0: "Template" (empty) is not valid: is required');
		expect(t.requestsTo('templates/delete')).toHaveLength(0);
	});

	test('deleting twice: the second item is NOT_FOUND with Continue On Fail', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: { resource: 'template', operation: 'delete', templateId: byId('tpl-promo') },
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(result.output.map((item) => [item.pairedItem, item.json])).toEqual([
			[{ item: 0 }, { id: 'tpl-promo', deleted: true }],
			[
				{ item: 1 },
				expect.objectContaining({
					success: false,
					error: expect.stringContaining(
						'"Template": inSIM found nothing with this ID: template not found (NOT_FOUND)',
					),
				}),
			],
		]);
	});
});

/** Template Send, with the template, number and {date} taken from each item. */
function sendParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'template',
		operation: 'send',
		templateId: byId('={{ $json.template }}'),
		phoneNumber: '={{ $json.phone }}',
		variables: { variable: [{ name: 'date', value: '={{ $json.date }}' }] },
		...extra,
	};
}

describe('Template → Send', () => {
	test('sends the items of one template in one request, filled from variables and the contact record', async () => {
		seedTemplates();
		t.sim.store().upsertContact({ phone_number: '+33611111111', firstname: 'Alice' });
		const creditsBefore = 10000;
		const result = await t.run({
			parameters: sendParameters(),
			items: [
				{ template: 'tpl-remind', phone: '+33 6 11 11 11 11', date: 'Monday' },
				{ template: 'tpl-remind', phone: '0033622222222', date: 'Tuesday' },
				{ template: 'tpl-remind', phone: '+33633333333', date: 'Wednesday' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sentTo('templates/send')).toEqual([
			{
				template_id: 'tpl-remind',
				recipients: [
					{ phone_number: '+33611111111', variables: { date: 'Monday' } },
					{ phone_number: '+33622222222', variables: { date: 'Tuesday' } },
					{ phone_number: '+33633333333', variables: { date: 'Wednesday' } },
				],
			},
		]);
		expect(result.output[0]).toEqual({
			json: {
				success: true,
				template_id: 'tpl-remind',
				phone_number: '+33611111111',
				sent: 1,
				sms_id: expect.any(String),
				id_sms_api: expect.any(String),
				message: 'Hello Alice, see you Monday.',
				sms_per_message: 1,
				variables: { date: 'Monday' },
			},
			pairedItem: { item: 0 },
		});
		expect(result.output.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[{ item: 0 }, 'Hello Alice, see you Monday.'],
			[{ item: 1 }, 'Hello {firstname}, see you Tuesday.'],
			[{ item: 2 }, 'Hello {firstname}, see you Wednesday.'],
		]);
		expect(t.sim.sentMessages().map((message) => message.phone_number)).toEqual([
			'+33611111111',
			'+33622222222',
			'+33633333333',
		]);
		const accountAnswer = await t.run({ parameters: { resource: 'account', operation: 'get' } });
		expect(accountAnswer.output[0].json.sms_credits).toBe(creditsBefore - 3);
		expect(serialised(result)).not.toContain(DEMO_ACCOUNT.accessKey);
	});

	test('batches per template and per Batch Size, and maps every result back to its item', async () => {
		seedTemplates();
		t.sim.store().upsertContact({ phone_number: '+33644444444', custom: { plan: 'Gold' } });
		const result = await t.run({
			parameters: sendParameters({
				variables: { variable: [{ name: '{code}', value: '={{ $json.code }}' }] },
				options: { batchSize: 2 },
			}),
			items: [
				{ template: 'tpl-promo', phone: '+33611111111', code: 'A1' },
				{ template: 'tpl-remind', phone: '+33622222222', code: 'B1' },
				{ template: 'tpl-promo', phone: '+33633333333', code: 'A2' },
				{ template: 'tpl-promo', phone: '+33644444444', code: 'A3' },
				{ template: 'tpl-remind', phone: '+33655555555', code: 'B2' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(
			sentTo('templates/send').map((body) => [
				body.template_id,
				(body.recipients as Array<{ phone_number: string }>).map((entry) => entry.phone_number),
			]),
		).toEqual([
			['tpl-promo', ['+33611111111', '+33633333333']],
			['tpl-promo', ['+33644444444']],
			['tpl-remind', ['+33622222222', '+33655555555']],
		]);
		expect(result.output.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[{ item: 0 }, '{custom.plan} offer for +33611111111: A1'],
			[{ item: 1 }, 'Hello {firstname}, see you {date}.'],
			[{ item: 2 }, '{custom.plan} offer for +33633333333: A2'],
			[{ item: 3 }, 'Gold offer for +33644444444: A3'],
			[{ item: 4 }, 'Hello {firstname}, see you {date}.'],
		]);
	});

	test('variables as JSON: values become text; bad JSON stops the node before anything is sent', async () => {
		seedTemplates();
		const parameters = sendParameters({
			variablesInput: 'json',
			variablesJson: '={{ $json.vars }}',
		});
		const items = [
			{ template: 'tpl-promo', phone: '+33611111111', vars: { code: 7, 'custom.plan': 'Silver' } },
			{ template: 'tpl-promo', phone: '+33622222222', vars: '{"code": "X",' },
			{ template: 'tpl-promo', phone: '+33633333333', vars: '{"code": "Z"}' },
		];
		const stopped = await t.run({ parameters, items });
		expect(stopped.error?.message).toBe(
			'Item 1: "Variables (JSON)" "{"code": "X"," is not valid: is not valid JSON',
		);
		expect(t.requestsTo('templates/send')).toHaveLength(0);

		const kept = await t.run({ parameters, items, continueOnFail: true });
		expect(sentTo('templates/send')).toEqual([
			{
				template_id: 'tpl-promo',
				recipients: [
					{ phone_number: '+33611111111', variables: { code: '7', 'custom.plan': 'Silver' } },
					{ phone_number: '+33633333333', variables: { code: 'Z' } },
				],
			},
		]);
		expect(
			kept.output.map((item) => [item.pairedItem, item.json.message ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, 'Silver offer for +33611111111: 7'],
			[{ item: 1 }, 'Item 1: "Variables (JSON)" "{"code": "X"," is not valid: is not valid JSON'],
			[{ item: 2 }, '{custom.plan} offer for +33633333333: Z'],
		]);
		expect(kept.output[1].json.mayHaveBeenProcessed).toBe(false);
	});

	test('a bad number, a nested variable value or a repeated variable name is an item error naming the field', async () => {
		seedTemplates();
		const bad = await t.run({
			parameters: sendParameters(),
			items: [{ template: 'tpl-remind', phone: '12', date: 'x' }],
		});
		expect(bad.error?.message).toMatch(/^Item 0: "Phone Number" "12" is not valid: /);

		const nested = await t.run({
			parameters: sendParameters({ variablesInput: 'json', variablesJson: '{"date": {"day": 1}}' }),
			items: [{ template: 'tpl-remind', phone: '+33611111111' }],
		});
		expect(nested.error?.message).toBe(
			'Item 0: "Variables (JSON)" "{"day":1}" is not valid: the value of date must be text, a number or true/false',
		);

		const twice = await t.run({
			parameters: sendParameters({
				variables: {
					variable: [
						{ name: 'date', value: 'a' },
						{ name: '{date}', value: 'b' },
					],
				},
			}),
			items: [{ template: 'tpl-remind', phone: '+33611111111' }],
		});
		expect(twice.error?.message).toBe(
			'Item 0: "Variables" "{date}" is not valid: the variable date is given twice',
		);
		expect(t.requestsTo('templates/send')).toHaveLength(0);
	});

	test('a recipient inSIM could not send to fails alone; without Continue On Fail the error says what was sent', async () => {
		seedTemplates();
		t.sim.setOptions({ failPhoneNumbers: ['+33622222222'] });
		const items = [
			{ template: 'tpl-remind', phone: '+33611111111', date: 'Mon' },
			{ template: 'tpl-remind', phone: '+33622222222', date: 'Tue' },
			{ template: 'tpl-remind', phone: '+33633333333', date: 'Wed' },
		];
		const kept = await t.run({ parameters: sendParameters(), items, continueOnFail: true });
		expect(kept.output.map((item) => [item.pairedItem, item.json.success])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
			[{ item: 2 }, true],
		]);
		expect(kept.output[1].json).toMatchObject({
			error:
				'Item 1: inSIM did not send the template to +33622222222 (sent: 0): the phone could not send this message',
			template_id: 'tpl-remind',
			phone_number: '+33622222222',
			sent: 0,
			mayHaveBeenProcessed: false,
		});

		const stopped = await t.run({ parameters: sendParameters(), items });
		expect(stopped.error?.message).toBe(
			'Item 1: inSIM did not send the template to +33622222222 (sent: 0): the phone could not send this message. 2 template SMS were already accepted by inSIM.',
		);
		expect(stopped.error?.description).toContain('(items 0, 2)');
	});

	test('an unknown template is NOT_FOUND for its items only; the other template is sent', async () => {
		seedTemplates();
		const result = await t.run({
			parameters: sendParameters(),
			items: [
				{ template: 'tpl-remind', phone: '+33611111111', date: 'Mon' },
				{ template: 'tpl-gone', phone: '+33622222222', date: 'Tue' },
				{ template: 'tpl-remind', phone: '+33633333333', date: 'Wed' },
			],
			continueOnFail: true,
		});
		expect(
			result.output.map((item) => [item.pairedItem, item.json.error ?? item.json.message]),
		).toEqual([
			[{ item: 0 }, 'Hello {firstname}, see you Mon.'],
			[
				{ item: 1 },
				expect.stringContaining(
					'"Template": inSIM found nothing with this ID: template not found (NOT_FOUND)',
				),
			],
			[{ item: 2 }, 'Hello {firstname}, see you Wed.'],
		]);
		expect(result.output[1].json).toMatchObject({
			template_id: 'tpl-gone',
			phone_number: '+33622222222',
			mayHaveBeenProcessed: false,
		});
		expect(t.requestsTo('templates/send')).toHaveLength(2);
	});

	test('a free plan gets LICENSE_REQUIRED once; the later batches are reported without being sent', async () => {
		seedTemplates(FREE_DEMO_ACCOUNT.login);
		const result = await t.run({
			parameters: sendParameters({ options: { batchSize: 1 } }),
			items: [
				{ template: 'tpl-remind', phone: '+33611111111', date: 'Mon' },
				{ template: 'tpl-promo', phone: '+33622222222', date: 'Tue' },
				{ template: 'tpl-remind', phone: '+33633333333', date: 'Wed' },
			],
			credentials: {
				...t.credentials(),
				login: FREE_DEMO_ACCOUNT.login,
				apiKey: FREE_DEMO_ACCOUNT.accessKey,
			},
			continueOnFail: true,
		});
		const license =
			'This inSIM feature needs a paid plan: templates/send requires a premium subscription (LICENSE_REQUIRED)';
		expect(result.output.map((item) => item.json.error)).toEqual([
			`Item 0: ${license}`,
			`Item 1: not sent, because an earlier request failed: ${license}`,
			`Item 2: not sent, because an earlier request failed: ${license}`,
		]);
		expect(result.output[0].json.errorDescription).toContain(
			'Upgrade: https://www.insim.app/pricing',
		);
		expect(result.output.every((item) => item.json.mayHaveBeenProcessed === false)).toBe(true);
		expect(t.requestsTo('templates/send')).toHaveLength(1);
		expect(t.sim.sentMessages()).toHaveLength(0);
		expect(serialised(result)).not.toContain(FREE_DEMO_ACCOUNT.accessKey);
	});

	test('a batch that failed after inSIM may have processed it is reported as such and never resent', async () => {
		seedTemplates();
		t.sim.addFault({ kind: 'http500AfterProcessing', path: '/v2/templates/send' });
		const items = [
			{ template: 'tpl-remind', phone: '+33611111111', date: 'Mon' },
			{ template: 'tpl-remind', phone: '+33622222222', date: 'Tue' },
			{ template: 'tpl-remind', phone: '+33633333333', date: 'Wed' },
		];
		const result = await t.run({
			parameters: sendParameters({ options: { batchSize: 2 } }),
			items,
			continueOnFail: true,
		});
		const unknown =
			'inSIM had a server error (HTTP 500) on /v2/templates/send: Internal server error (request for items 0–1) (the template SMS may still have been processed: check inSIM before resending)';
		expect(
			result.output.map((item) => [item.pairedItem, item.json.error ?? item.json.message]),
		).toEqual([
			[{ item: 0 }, `Item 0: ${unknown}`],
			[{ item: 1 }, `Item 1: ${unknown}`],
			[{ item: 2 }, 'Hello {firstname}, see you Wed.'],
		]);
		expect(result.output[0].json.mayHaveBeenProcessed).toBe(true);
		expect(t.requestsTo('templates/send')).toHaveLength(2);
		// The simulator did send the first batch: a resend would have doubled these.
		expect(t.sim.sentMessages().map((message) => message.phone_number)).toEqual([
			'+33611111111',
			'+33622222222',
			'+33633333333',
		]);

		t.sim.reset();
		seedTemplates();
		t.sim.addFault({ kind: 'resetAfterProcessing', path: '/v2/templates/send' });
		const stopped = await t.run({
			parameters: sendParameters({ options: { batchSize: 2 } }),
			items,
		});
		expect(stopped.error?.message).toMatch(
			/^Item 0: The connection to inSIM was cut before it answered \/v2\/templates\/send \(request for items 0–1\) \(the template SMS may still have been processed: check inSIM before resending\)$/,
		);
		expect(t.requestsTo('templates/send')).toHaveLength(1);
		expect(t.sim.sentMessages()).toHaveLength(2);
	});
});
