/**
 * Every API v2 operation of the inSIM node in a real n8n (2.40.7 on Node 24, the package installed
 * as a community package), chained in one workflow: ids created by one node are used by the next
 * through expressions and resource locators. The simulator's log must show all 45 v2 endpoints.
 */
import { SIMULATOR_ACCESS_KEY, importAndExecute, setUpE2e, simulatorCredential } from './harness';
import { V2_ENDPOINTS } from '../support/endpoints';
import { CHAIN_PHONE, CHAIN_SECOND_PHONE, v2ChainSteps, v2ChainWorkflow } from './v2chain';

const { context, e2eTest } = setUpE2e('insim-v2');

e2eTest(
	'one workflow chains every v2 operation; all 45 endpoints are called, nothing fails',
	async () => {
		const { n8n, sim } = context;
		const store = sim.store();
		store.upsertContact({ phone_number: '+33611111111', firstname: 'Alice', lastname: 'Martin' });
		store.customFields.push({ key: 'company_size', label: 'Company size', type: 'number' });
		store.qualificationOptions.push({
			id: 'a0a0a0a0a0a0a0a0a0a0a0a0',
			label: 'Call back',
			deleted: false,
		});
		store.calls.push({
			id: 'c0c0c0c0c0c0c0c0c0c0c0c0',
			type: 'incoming',
			phone_number: '+33611111111',
			duration_seconds: 42,
			call_time: '2026-11-30 10:00:00',
		});
		const credentialId = await n8n.importCredential(simulatorCredential(sim));
		const steps = v2ChainSteps({
			webhookUrl: 'https://n8n.example.com/webhook/insim',
			seededOptionId: 'a0a0a0a0a0a0a0a0a0a0a0a0',
		});

		const run = await importAndExecute(n8n, v2ChainWorkflow(steps, credentialId));

		expect(run.error).toBeUndefined();
		expect(run).toMatchObject({ exitCode: 0, status: 'success' });
		expect(run.nodesRun).toEqual(['Start', ...steps.map((step) => step.name)]);
		for (const step of steps) {
			const items = run.output(step.name);
			expect({
				step: step.name,
				errors: items.filter((item) => item.json.success === false),
			}).toEqual({ step: step.name, errors: [] });
		}

		const called = new Set(
			sim.requests
				.filter((request) => request.path.startsWith('/v2/'))
				.map((request) => request.path.slice(4).toLowerCase()),
		);
		expect(V2_ENDPOINTS.filter((endpoint) => !called.has(endpoint))).toEqual([]);
		expect(sim.requests.every((request) => request.status === 200)).toBe(true);

		// What the chain did, read back from the simulator and from n8n's output.
		expect(run.output('Contact Find').map((item) => item.json.phone_number)).toEqual([CHAIN_PHONE]);
		expect(run.output('Contact Tags')[0].json.tags).toEqual(['vip', 'chain']);
		const texts = sim.sentMessages().map((message) => [message.phone_number, message.message]);
		expect(texts).toContainEqual([CHAIN_PHONE, 'Hi Chain, your code is 4242']);
		expect(texts.filter(([phone]) => phone === CHAIN_SECOND_PHONE)).toHaveLength(2);
		expect(new Set(texts.map((text) => text.join('\u0000'))).size).toBe(texts.length);
		expect(store.calls[0].qualification).toMatchObject({
			option_id: 'a0a0a0a0a0a0a0a0a0a0a0a0',
			notes: 'qualified by the e2e chain',
		});
		expect(sim.webhooks.incoming_sms).toBe('https://n8n.example.com/webhook/insim');
		expect(store.liveContacts().map((contact) => contact.phone_number)).toEqual(['+33611111111']);
		expect(run.output('Campaign Start')[0].json).toMatchObject({ status: expect.anything() });
		expect(run.stdout).not.toContain(SIMULATOR_ACCESS_KEY);
		expect(JSON.stringify(run.execution)).not.toContain(SIMULATOR_ACCESS_KEY);
	},
);
