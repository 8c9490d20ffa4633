/**
 * The README's recommended install, as a user does it in a real Chromium: Settings → Community
 * Nodes → Install `n8n-nodes-insim`, use the node in a workflow, Update to a newer version from the
 * same page, Uninstall. The package comes from a local npm registry (verdaccio on loopback) to which
 * the packed build is published, exactly what `npm publish` uploads; n8n's installer runs unchanged
 * (npm pack from the registry, peer dependencies dropped, `npm install`, loading, its checks).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import {
	INSIM_PACKAGE_NAME,
	REPO_ROOT,
	logsDir,
	startN8n,
	type N8nInstance,
} from '../../scripts/n8n';
import {
	grantCustomRegistry,
	n8nRegistryEnv,
	packPackage,
	startLocalRegistry,
	type LocalRegistry,
	type PackedPackage,
} from '../../scripts/registry/localRegistry';
import { simulatorCredential } from '../e2e/harness';
import { startSimulator, type Simulator } from '../simulator';
import { CHROMIUM_PATH, SKIP_MESSAGE, launchChromium } from './browser';

jest.setTimeout(180_000);

const suite = CHROMIUM_PATH ? describe : describe.skip;
if (!CHROMIUM_PATH) {
	process.stderr.write(SKIP_MESSAGE);
	console.warn(SKIP_MESSAGE);
}

const PHONE = '+33 6 12 34 56 78';
const WAIT_MS = 120_000;

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	updateAvailable?: string;
	installedNodes: Array<{ name: string; type: string }>;
}

/** The same files under the next patch version: what a maintainer's next release looks like. */
function nextPatch(version: string): string {
	const [major, minor, patch] = version.split('.').map(Number);
	return `${major}.${minor}.${patch + 1}`;
}

suite('Settings → Community Nodes installs, updates and uninstalls n8n-nodes-insim', () => {
	let registry: LocalRegistry;
	let sim: Simulator;
	let n8n: N8nInstance;
	let browser: Browser;
	let page: Page;
	let packDir: string;
	let current: PackedPackage;
	let next: PackedPackage;
	let workflowId: string;
	let failed = false;

	beforeAll(async () => {
		try {
			packDir = mkdtempSync(join(tmpdir(), 'insim-packs-'));
			const version = (
				JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
			).version;
			current = await packPackage(packDir);
			next = await packPackage(packDir, { version: nextPatch(version) });
			registry = await startLocalRegistry();
			await registry.publish(current.tarball);
			sim = await startSimulator();
			n8n = await startN8n({
				label: 'community-install',
				withPackage: false,
				env: n8nRegistryEnv(registry),
			});
			await grantCustomRegistry(n8n.baseUrl);
			browser = await launchChromium();
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			page = await context.newPage();
			// Generous: a busy 2-core machine takes tens of seconds for the editor's first load.
			page.setDefaultTimeout(60_000);
			page.setDefaultNavigationTimeout(120_000);
		} catch (error) {
			failed = true;
			throw error;
		}
	}, 420_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop({ failed });
		await sim?.close();
		await registry?.stop();
		if (packDir) rmSync(packDir, { recursive: true, force: true });
	}, 60_000);

	/**
	 * A step of one story: it runs only if every step before it passed; its failure keeps n8n's
	 * log and a screenshot of the page next to it.
	 */
	const step = (name: string, body: () => Promise<void>, timeout?: number): void => {
		test(
			name,
			async () => {
				if (failed) throw new Error('not run: an earlier step failed');
				try {
					await body();
				} catch (error) {
					failed = true;
					const picture = join(logsDir(), `community-install-${Date.now()}.png`);
					mkdirSync(logsDir(), { recursive: true });
					await page?.screenshot({ path: picture }).catch(() => undefined);
					process.stderr.write(`[browser] screenshot of the failed step: ${picture}\n`);
					throw error;
				}
			},
			timeout,
		);
	};

	const packagesPage = () => `${n8n.baseUrl}/settings/community-nodes`;
	const nodesFolder = () => join(n8n.userFolder, '.n8n', 'nodes');
	const installedManifest = () =>
		join(nodesFolder(), 'node_modules', INSIM_PACKAGE_NAME, 'package.json');

	async function installedPackages(): Promise<InstalledPackage[]> {
		return await n8n.rest<InstalledPackage[]>('GET', '/rest/community-packages');
	}

	async function insimNodeTypes(): Promise<string[]> {
		const response = await fetch(`${n8n.baseUrl}/types/nodes.json`, {
			headers: {
				cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
			},
		});
		const types = (await response.json()) as Array<{ name: string }>;
		return types
			.map((type) => type.name)
			.filter((name) => name.startsWith(`${INSIM_PACKAGE_NAME}.`));
	}

	function packageCard(): Locator {
		return page.locator('[data-test-id="community-package-card"]', { hasText: INSIM_PACKAGE_NAME });
	}

	async function visible(locator: Locator): Promise<void> {
		await locator.first().waitFor({ state: 'visible', timeout: WAIT_MS });
	}

	/** Runs the workflow from the editor's canvas and waits for the simulator to get one more SMS. */
	async function runFromEditor(): Promise<void> {
		const before = sim.sentMessages().length;
		await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
		await visible(page.locator('[data-test-id="canvas-node"]'));
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		await visible(page.locator('[data-test-id="canvas-node-status-success"]'));
		expect(sim.sentMessages().length).toBe(before + 1);
	}

	step('sign in as the owner', async () => {
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('input[type="email"]').fill(n8n.owner.email);
		await page.locator('input[type="password"]').fill(n8n.owner.password);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/home\//);
		expect(await insimNodeTypes()).toEqual([]);
	});

	step('Install a community node → n8n-nodes-insim installs it from the registry', async () => {
		await page.goto(packagesPage());
		await page.getByRole('button', { name: 'Install a community node' }).first().click();
		// n8n 2.40.7 puts the test id on the <input> itself.
		await page
			.locator(
				'input[data-test-id="package-name-input"], [data-test-id="package-name-input"] input',
			)
			.first()
			.fill(INSIM_PACKAGE_NAME);
		await page.locator('[data-test-id="user-agreement-checkbox"]').first().click();
		await page.locator('[data-test-id="install-community-package-button"]').first().click();
		await visible(packageCard());
		expect(await packageCard().first().innerText()).toContain(`v${current.version}`);

		const [installed] = await installedPackages();
		expect(installed).toMatchObject({
			packageName: INSIM_PACKAGE_NAME,
			installedVersion: current.version,
		});
		expect(installed.installedNodes.map((node) => node.type).sort()).toEqual([
			'n8n-nodes-insim.insim',
			'n8n-nodes-insim.insimTrigger',
		]);
		// Also n8n-nodes-insim.insimTool: n8n derives the AI-agent tool from the node.
		expect(await insimNodeTypes()).toEqual(
			expect.arrayContaining(['n8n-nodes-insim.insim', 'n8n-nodes-insim.insimTrigger']),
		);
		// What n8n put on disk is the published package, and it brought no n8n-workflow of its own.
		expect(JSON.parse(readFileSync(installedManifest(), 'utf8')).version).toBe(current.version);
		expect(existsSync(join(nodesFolder(), 'node_modules', 'n8n-workflow'))).toBe(false);
		expect(
			existsSync(join(nodesFolder(), 'node_modules', INSIM_PACKAGE_NAME, 'node_modules')),
		).toBe(false);
	});

	step('the installed node sends an SMS from a workflow run in the editor', async () => {
		const credentialId = await n8n.importCredential(simulatorCredential(sim));
		const workflow = await n8n.rest<{ id: string }>('POST', '/rest/workflows', {
			name: 'Community install: send one SMS',
			nodes: [
				{
					id: 'c0000000-0000-4000-8000-000000000001',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'c0000000-0000-4000-8000-000000000002',
					name: 'inSIM',
					type: 'n8n-nodes-insim.insim',
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						resource: 'sms',
						operation: 'send',
						phoneNumber: PHONE,
						message: 'Installed from Settings → Community Nodes',
					},
					credentials: { insimApi: { id: credentialId, name: 'inSIM simulator' } },
				},
			],
			connections: { Start: { main: [[{ node: 'inSIM', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		workflowId = workflow.id;
		await runFromEditor();
		expect(sim.sentMessages().at(-1)).toMatchObject({
			phone_number: '+33612345678',
			message: 'Installed from Settings → Community Nodes',
		});
	});

	step(`a newer version on the registry → Update installs it`, async () => {
		await registry.publish(next.tarball);
		expect(await registry.versions(INSIM_PACKAGE_NAME)).toEqual([current.version, next.version]);
		await page.goto(packagesPage());
		const update = packageCard().getByRole('button', { name: 'Update' });
		await visible(update);
		await update.first().click();
		const confirm = page.getByRole('button', { name: 'Confirm update' });
		await visible(confirm);
		await confirm.first().click();
		await visible(packageCard().getByText(`v${next.version}`));

		const [installed] = await installedPackages();
		expect(installed).toMatchObject({ installedVersion: next.version });
		expect(installed.updateAvailable).toBeUndefined();
		expect(JSON.parse(readFileSync(installedManifest(), 'utf8')).version).toBe(next.version);
		// The workflow keeps working on the updated package.
		await runFromEditor();
	});

	step('Uninstall package removes it and its nodes', async () => {
		await page.goto(packagesPage());
		await visible(packageCard());
		await packageCard().locator('[data-test-id="action-toggle"]').first().click();
		await page.getByText('Uninstall package', { exact: true }).first().click();
		const confirm = page.getByRole('button', { name: 'Confirm uninstall' });
		await visible(confirm);
		await confirm.first().click();
		await packageCard().first().waitFor({ state: 'detached', timeout: WAIT_MS });

		expect(await installedPackages()).toEqual([]);
		expect(await insimNodeTypes()).toEqual([]);
		expect(existsSync(installedManifest())).toBe(false);
	});
});
