/**
 * Recognise or refuse, in a real n8n: when inSIM answers the webhook-settings read in a shape the
 * node does not recognise, Account → Update Webhooks fails with an error that names the endpoint,
 * and writes nothing, so the four URLs the user did not ask to change stay as they were.
 */
import { FORWARD, startAnswerOverride } from '../engine/v2/answerOverride';
import { importAndExecute, rowsToInsimWorkflow, setUpE2e, simulatorCredential } from './harness';

const { context, e2eTest } = setUpE2e('unrecognised-answer');

const LIVE_URLS = {
	incoming_sms: 'https://crm.example.com/hooks/incoming',
	delivery_status: 'https://crm.example.com/hooks/delivery',
	link_clicks: 'https://crm.example.com/hooks/clicks',
	call_events: 'https://crm.example.com/hooks/calls',
	call_qualifications: 'https://crm.example.com/hooks/qualifications',
};

e2eTest(
	'Update Webhooks after an unrecognised read: an error naming the endpoint, no write',
	async () => {
		const { n8n, sim } = context;
		Object.assign(sim.webhooks, LIVE_URLS);
		// A success answer whose URLs are in a shape no contract declares (under `settings`, with
		// other names): a read the node cannot recognise. Writes, if any, would reach the simulator.
		const override = await startAnswerOverride(sim);
		try {
			override.answerWith('account/webhooks', (body) =>
				body.webhooks !== undefined
					? FORWARD
					: { success: true, settings: { sms_url: LIVE_URLS.incoming_sms } },
			);
			const credentialId = await n8n.importCredential({
				...simulatorCredential(sim),
				data: { ...simulatorCredential(sim).data, baseUrl: override.baseUrl },
			});

			const run = await importAndExecute(
				n8n,
				rowsToInsimWorkflow('update webhooks, unrecognised read', [{ row: 1 }], {
					credentialId,
					parameters: {
						resource: 'account',
						operation: 'updateWebhooks',
						webhookUrls: { incomingSms: 'https://n8n.example.com/webhook/new' },
					},
				}),
			);

			expect(run.status).toBe('error');
			expect(String(run.error?.message)).toContain(
				'inSIM answered v2/account/webhooks in a shape this node does not recognise',
			);
			// The read was answered; no write reached inSIM; the five live URLs are untouched.
			expect(override.answered('account/webhooks').length).toBeGreaterThan(0);
			expect(sim.requests.filter((request) => request.path === '/v2/account/webhooks')).toEqual([]);
			expect({ ...sim.webhooks }).toEqual(LIVE_URLS);
		} finally {
			await override.close();
		}
	},
);
