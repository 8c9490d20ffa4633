/**
 * The n8n editor as a new user meets it, in a real Chromium: `npm start` (through npm, as
 * documented), sign in, find the node, open every operation's panel, fill and run a Send, run the
 * reminders example, test the credential, read the trigger's notice, fire an event, then Ctrl-C.
 * `npm run screenshots` also writes the README's pictures to docs/screenshots/.
 */
import type { Browser, Locator, Page } from 'playwright-core';

import { DEMO_OWNER } from '../../scripts/start';
import { DEMO_ACCOUNT } from '../simulator';
import { CHROMIUM_PATH, SKIP_MESSAGE, launchChromium, screenshot } from './browser';
import { isListening, startNpmDemo, type RunningDemo } from './demo';
import { operationPanels } from './operations';

jest.setTimeout(120_000);

const suite = CHROMIUM_PATH ? describe : describe.skip;
if (!CHROMIUM_PATH) {
	process.stderr.write(SKIP_MESSAGE);
	console.warn(SKIP_MESSAGE);
}

const CREDENTIAL = { id: 'insimDemoCredential', name: 'inSIM account' };
const WRONG_KEY = 'wrong-access-key-browser-5150';

suite('the n8n editor in Chromium, against npm start', () => {
	let demo: RunningDemo;
	let browser: Browser;
	let page: Page;
	let browserId = '';

	beforeAll(async () => {
		demo = await startNpmDemo();
		browser = await launchChromium();
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		page = await context.newPage();
		page.setDefaultTimeout(30_000);
	}, 330_000);

	afterAll(async () => {
		await browser?.close();
		await demo?.dispose();
	}, 60_000);

	/** n8n's REST API, as the editor calls it (the session cookie plus the browser-id header). */
	async function rest<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
		const response = await page.request.fetch(`${demo.editorUrl}rest/${path}`, {
			method,
			data,
			headers: { 'browser-id': browserId },
		});
		if (!response.ok()) throw new Error(`${method} /rest/${path}: HTTP ${response.status()}`);
		return ((await response.json()) as { data: T }).data;
	}

	async function workflowIdByName(prefix: string): Promise<string> {
		const workflows = await rest<Array<{ id: string; name: string }>>('GET', 'workflows');
		const found = workflows.find((workflow) => workflow.name.startsWith(prefix));
		if (!found) throw new Error(`no workflow named ${prefix}…`);
		return found.id;
	}

	async function openWorkflow(id: string): Promise<void> {
		await page.goto(`${demo.editorUrl}workflow/${id}`);
		// The canvas needs a few seconds after navigation.
		await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	}

	async function openNode(name: string): Promise<Locator> {
		await page.locator('[data-test-id="canvas-node"]', { hasText: name }).first().dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		return ndv;
	}

	async function closeNode(): Promise<void> {
		await page.locator('[data-test-id="ndv-close-button"]').first().click();
		await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
	}

	/** Picks `option` in the options parameter `name` of the open node. */
	async function choose(name: string, option: string): Promise<void> {
		const input = page.locator(`[data-test-id="parameter-input-${name}"]`).first();
		if ((await input.locator('input').first().inputValue()) === option) return;
		await input.click();
		// An item reads "Name\nDescription".
		// This select's own list (the previous one may still be fading out).
		const listId = await input.locator('input').first().getAttribute('aria-controls');
		const items = page.locator(`[id="${listId}"] .el-select-dropdown__item`);
		await items.first().waitFor();
		const texts = await items.allInnerTexts();
		const index = texts.findIndex((text) => text.split('\n')[0].trim() === option);
		if (index === -1) throw new Error(`${name}: no option "${option}" in ${JSON.stringify(texts)}`);
		await items.nth(index).click();
		await expect(input.locator('input').first()).toHaveValueSoon(option);
	}

	test('sign in with the owner login npm start printed', async () => {
		expect(demo.output()).toContain(DEMO_OWNER.email);
		await page.goto(`${demo.editorUrl}signin`);
		await page.locator('input[type="email"]').fill(DEMO_OWNER.email);
		await page.locator('input[type="password"]').fill(DEMO_OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/home\//);
		browserId = String(await page.evaluate('localStorage.getItem("n8n-browserId")'));
		expect(browserId).not.toBe('');
	});

	test('the node panel finds inSIM by "sms": its description and readable trigger names', async () => {
		await page.goto(`${demo.editorUrl}workflow/new`);
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await page.locator('[data-test-id="node-creator"] input').first().waitFor();
		await page.locator('[data-test-id="node-creator"] input').first().fill('sms');
		const entry = page.locator('[data-test-id="item-iterator-item"]', {
			has: page.getByText('inSIM', { exact: true }),
		});
		await expect(entry.first()).toBeVisibleSoon();
		// One entry for "inSIM" and "inSIM Trigger", described by the trigger's text (n8n merges
		// them): it must describe the actions too.
		const text = await entry.first().innerText();
		expect(text).toContain('Send SMS');
		expect(text).toContain('SMS received');

		await entry.first().click();
		await expect(page.getByText('On SMS received', { exact: true }).first()).toBeVisibleSoon();
		const names = (
			await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts()
		).map((name) => name.trim());
		await screenshot(page, 'node-panel');
		expect(names).toEqual(expect.arrayContaining(['On SMS received', 'On SMS delivered']));
		// What n8n writes without an action name: "On sms received", "On delivery status delivered".
		expect(names.filter((name) => /On sms\b|[Dd]elivery status/.test(name))).toEqual([]);
	});

	test('every operation the node defines opens its panel with its parameters', async () => {
		const panels = operationPanels();
		expect(panels.length).toBeGreaterThanOrEqual(3);
		const wf = await rest<{ id: string }>('POST', 'workflows', {
			name: 'Browser test: every inSIM panel',
			nodes: [
				{
					id: 'b0000000-0000-4000-8000-000000000001',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'b0000000-0000-4000-8000-000000000002',
					name: 'inSIM',
					type: 'n8n-nodes-insim.insim',
					typeVersion: 1,
					position: [240, 0],
					parameters: { resource: 'sms', operation: 'send' },
					credentials: { insimApi: CREDENTIAL },
				},
			],
			connections: { Start: { main: [[{ node: 'inSIM', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		await openWorkflow(wf.id);
		const ndv = await openNode('inSIM');
		const parametersPane = ndv.locator('[data-test-id="node-parameters"]');
		const missing: string[] = [];
		for (const panel of panels) {
			await choose('resource', panel.resource.name);
			await choose('operation', panel.operation.name);
			for (const parameter of panel.parameters) {
				const label = parametersPane.getByText(parameter.displayName, { exact: true }).first();
				if (!(await label.isVisible())) {
					missing.push(
						`${panel.resource.name} → ${panel.operation.name}: ${parameter.displayName}`,
					);
				}
			}
		}
		expect(missing).toEqual([]);
		await closeNode();
	}, 360_000);

	test('a Send filled in the panel runs, with [link] explained under the message', async () => {
		const id = await workflowIdByName('Browser test: every inSIM panel');
		await openWorkflow(id);
		const ndv = await openNode('inSIM');
		await choose('resource', 'SMS');
		await choose('operation', 'Send');
		const message = ndv.locator('[data-test-id="parameter-input-message"] textarea').first();
		expect(await message.getAttribute('placeholder')).toContain('[link]');
		expect(await ndv.innerText()).toMatch(/\[link\].*Tracked URL/);
		await ndv
			.locator('[data-test-id="parameter-input-phoneNumber"] input')
			.first()
			.fill('+33 6 12 34 56 78');
		await message.fill('Hello from the browser test');
		// Out of the field, so that n8n's input tip does not cover the hint under it.
		await ndv.locator('[data-test-id="tab-params"]').first().click();
		await expect(ndv.getByText(/To track a link, write \[link\]/).first()).toBeVisibleSoon();
		await screenshot(page, 'send-parameters');
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const output = ndv.locator('[data-test-id="output-panel"]');
		await expect(output.getByText('+33612345678').first()).toBeVisibleSoon();
		expect(await output.innerText()).not.toContain(DEMO_ACCOUNT.accessKey);
		await closeNode();
	});

	test('the reminders example runs and its output table reads as sent', async () => {
		await openWorkflow(await workflowIdByName('inSIM example: appointment reminders'));
		// The setup is explained on the canvas.
		await expect(page.getByText('Set up', { exact: true }).first()).toBeVisibleSoon();
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		const ndv = await openNode('Send reminder 24 h before');
		const output = ndv.locator('[data-test-id="output-panel"]');
		await expect(output.locator('table').first()).toBeVisibleSoon();
		const table = await output.locator('table').first().innerText();
		for (const column of ['success', 'id_sms_api', 'phone_number', 'scheduledForIso']) {
			expect(table).toContain(column);
		}
		expect(table).toContain('crm-1001');
		expect(table).toContain('2026-12-23T09:30:00+01:00');
		expect(table).not.toMatch(/\berrors\b/);
		await screenshot(page, 'output');
		await closeNode();
	});

	test('credential Test: the demo credential passes, a wrong key says what to fix', async () => {
		await page.goto(`${demo.editorUrl}home/credentials`);
		await page.getByText(CREDENTIAL.name, { exact: true }).first().click();
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.waitFor();
		const retry = modal.locator('[data-test-id="credential-save-button"]');
		// Opening a saved credential tests it.
		await expect(modal.getByText('Connection tested successfully').first()).toBeVisibleSoon();

		const key = modal.locator('[data-test-id="parameter-input-apiKey"] input').first();
		await key.fill(WRONG_KEY);
		await retry.click();
		await expect(modal.getByText('More details').first()).toBeVisibleSoon();
		await modal.getByText('More details').first().click();
		await expect(modal.getByText(/login or access key/).first()).toBeVisibleSoon();
		const shown = await modal.innerText();
		expect(shown).toContain(
			'inSIM rejected the login or access key (HTTP 401). Copy both again from the inSIM web app (Settings → API)',
		);
		expect(shown).not.toContain(WRONG_KEY);
		expect(shown).not.toContain(DEMO_ACCOUNT.accessKey);

		// Saving ran the test with the wrong key saved: put the demo's key back.
		await key.fill(DEMO_ACCOUNT.accessKey);
		await retry.click();
		await expect(modal.getByText('Connection tested successfully').first()).toBeVisibleSoon();
		await page.keyboard.press('Escape');
	});

	test('the trigger panel shows the notice in full and asks for no credential', async () => {
		await openWorkflow(await workflowIdByName('inSIM example: incoming SMS'));
		const ndv = await openNode('When an SMS arrives');
		const notice = ndv.locator('.notice[role="alert"]').first();
		await expect(notice).toBeVisibleSoon();
		const text = await notice.innerText();
		expect(text).toContain('Production URL followed by ?secret= and your secret');
		expect(text).toContain('…/webhook?secret=YOUR_SECRET');
		// No credential field: Register Automatically is off.
		expect(await ndv.getByText('Credential to connect with').count()).toBe(0);
		expect(await ndv.locator('[data-test-id="node-credentials-select"]').count()).toBe(0);
		await screenshot(page, 'trigger-panel');
		await closeNode();
	});

	test('an SMS fired at the published trigger shows up as an execution', async () => {
		const id = await workflowIdByName('inSIM example: incoming SMS');
		const webhooks = (await (await fetch(`${demo.simulatorOrigin}/__sim/webhooks`)).json()) as {
			incoming_sms: string;
		};
		const fired = (await (
			await fetch(`${demo.simulatorOrigin}/__sim/fire-webhook`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					callbackUrl: webhooks.incoming_sms,
					param: 'message',
					payload: {
						device_identification: DEMO_ACCOUNT.login,
						title: 'incoming_sms',
						from: '+33611223344',
						message: 'Browser test: is my order ready?',
						date: '2026-01-15T14:30:00.000Z',
					},
				}),
			})
		).json()) as { status: number; body: string };
		expect(fired.status).toBe(200);
		expect(JSON.parse(fired.body)).toEqual({ accepted: true, started: true, events: 1 });

		await page.goto(`${demo.editorUrl}workflow/${id}/executions`);
		const latest = page.locator('[data-test-id^="execution-details-"]').first();
		await expect(latest.getByText(/Succeeded/).first()).toBeVisibleSoon();
		await expect(
			page.locator('[data-test-id="canvas-node-status-success"]').first(),
		).toBeVisibleSoon();
		// The preview fades in.
		await page.waitForTimeout(1500);
		await screenshot(page, 'execution');
	});

	test("SIGINT to npm start's own pid stops n8n and the simulator", async () => {
		const { editorUrl, simulatorOrigin } = demo;
		expect(await isListening(editorUrl)).toBe(true);
		expect(await demo.interrupt()).toBe(0);
		expect(demo.output()).toContain('[demo] Stopped.');
		expect(await isListening(editorUrl)).toBe(false);
		expect(await isListening(simulatorOrigin)).toBe(false);
	}, 60_000);
});

// Waiting assertions on locators, in jest's expect.
declare global {
	// eslint-disable-next-line @typescript-eslint/no-namespace
	namespace jest {
		interface Matchers<R> {
			toBeVisibleSoon(): Promise<R>;
			toHaveValueSoon(value: string): Promise<R>;
		}
	}
}

expect.extend({
	async toBeVisibleSoon(locator: Locator) {
		try {
			await locator.waitFor({ state: 'visible', timeout: 30_000 });
			return { pass: true, message: () => `${locator} is visible` };
		} catch {
			return { pass: false, message: () => `${locator} did not become visible in 30 s` };
		}
	},
	async toHaveValueSoon(locator: Locator, value: string) {
		const deadline = Date.now() + 10_000;
		let last = '';
		while (Date.now() < deadline) {
			last = await locator.inputValue();
			if (last === value) return { pass: true, message: () => `value is ${value}` };
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		return { pass: false, message: () => `value stayed "${last}", expected "${value}"` };
	},
});
