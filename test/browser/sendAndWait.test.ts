/**
 * SMS → Send and Wait for Response as the person asked meets it: a real n8n and the simulator,
 * the link from the SMS opened in Chromium at a phone's size, Approve pressed, and the execution
 * seen finished in the editor's Executions list. `npm run screenshots` keeps the phone's view.
 */
import type { Browser, Page } from 'playwright-core';

import { startN8n, type N8nInstance } from '../../scripts/n8n';
import { DEMO_ACCOUNT, startSimulator, type Simulator } from '../simulator';
import { CHROMIUM_PATH, SKIP_MESSAGE, launchChromium, screenshot } from './browser';

const suite = CHROMIUM_PATH ? describe : describe.skip;
if (!CHROMIUM_PATH) process.stderr.write(SKIP_MESSAGE);

const CREDENTIAL_ID = 'insimBrowserSendAndWait';
const PATH = 'browser-ask';
/** A common phone viewport (CSS pixels). */
const PHONE = { width: 390, height: 844 };

suite('Send and Wait for Response: the page on a phone', () => {
	let n8n: N8nInstance;
	let sim: Simulator;
	let browser: Browser;
	let failed = false;

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startN8n({ label: 'browser-send-and-wait' });
		browser = await launchChromium();
		await n8n.importCredential({
			id: CREDENTIAL_ID,
			name: 'inSIM account',
			type: 'insimApi',
			data: { login: DEMO_ACCOUNT.login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
		});
	}, 330_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop({ failed });
		await sim?.close();
	}, 60_000);

	test('open the link from the SMS, press Approve, see the execution succeed', async () => {
		try {
			await scenario();
		} catch (error) {
			failed = true;
			throw error;
		}
	}, 240_000);

	async function scenario() {
		const workflowId = await n8n.importWorkflow({
			name: 'Approve a quote by SMS',
			nodes: [
				{
					id: 'browser-start',
					name: 'New quote',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'browser-start-webhook',
					parameters: { path: PATH, httpMethod: 'POST', responseMode: 'onReceived' },
				},
				{
					id: 'browser-ask',
					name: 'Ask the manager',
					type: 'n8n-nodes-insim.insim',
					typeVersion: 1,
					position: [240, 0],
					webhookId: 'browser-ask-webhook',
					parameters: {
						resource: 'sms',
						operation: 'sendAndWait',
						phoneNumber: '+33612345678',
						message: 'Quote #1042 for 1,250 EUR (roof repair, 12 rue Victor Hugo): approve?',
						responseType: 'approval',
						approvalOptions: { values: { approvalType: 'double' } },
						options: { responseFormTitle: 'Quote #1042' },
					},
					credentials: { insimApi: { id: CREDENTIAL_ID, name: 'inSIM account' } },
				},
			],
			connections: {
				'New quote': { main: [[{ node: 'Ask the manager', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		await n8n.publishWorkflow(workflowId);
		const started = await fetch(`${n8n.baseUrl}/webhook/${PATH}`, { method: 'POST' });
		expect(started.status).toBe(200);

		const deadline = Date.now() + 60_000;
		while (sim.sentMessages().length === 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const [sms] = sim.sentMessages();
		// The phone shows the short link; tapping it lands (after inSIM's redirect) on this URL.
		expect(sms.message).toContain(String(sms.short_url));
		const resumeUrl = String(sms.url);

		const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
		const page: Page = await phone.newPage();
		await page.goto(resumeUrl);
		await page.getByRole('heading', { name: 'Quote #1042' }).waitFor();
		await page.getByText('roof repair').waitFor();
		const approve = page.getByRole('button', { name: 'Approve' });
		await approve.waitFor();
		await page.getByRole('button', { name: 'Decline' }).waitFor();
		// Both buttons fit the phone's width.
		const box = await approve.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
		await screenshot(page, 'send-and-wait-phone');
		await approve.tap();
		await page.getByText('Got it, thanks').waitFor();
		await phone.close();

		// The editor's Executions list shows it finished.
		const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const editor = await desk.newPage();
		editor.setDefaultTimeout(60_000);
		await editor.goto(`${n8n.baseUrl}/signin`);
		await editor.locator('input[type="email"]').fill(n8n.owner.email);
		await editor.locator('input[type="password"]').fill(n8n.owner.password);
		await editor.keyboard.press('Enter');
		await editor.waitForURL(/\/home\//);
		await editor.goto(`${n8n.baseUrl}/workflow/${workflowId}/executions`);
		const latest = editor.locator('[data-test-id^="execution-details-"]').first();
		await latest
			.getByText(/Succeeded/)
			.first()
			.waitFor();
		await desk.close();
	}
});
