/**
 * The system's Chromium (Debian's `chromium` package), driven by playwright-core: no browser
 * download. `.ci/run` installs it where it is missing; elsewhere the suite is skipped, loudly,
 * except in CI (CI=true), where a missing Chromium fails every browser test file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { REPO_ROOT } from '../../scripts/n8n';

const CANDIDATES = [process.env.INSIM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium to drive, or undefined when this machine has none. */
export const CHROMIUM_PATH = CANDIDATES.find(
	(path): path is string => typeof path === 'string' && path !== '' && existsSync(path),
);

export const SKIP_MESSAGE = [
	'',
	'########################################################################################',
	'#  BROWSER TESTS SKIPPED: no Chromium at /usr/bin/chromium (or $INSIM_CHROMIUM).',
	'#  Install it (Debian/Ubuntu: apt-get install -y chromium fonts-dejavu) and run',
	'#  npm run test:browser. .ci/run installs it by itself.',
	'########################################################################################',
	'',
].join('\n');

/** CI sets CI=true (GitHub Actions does): there, no browser test may be skipped. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

if (!CHROMIUM_PATH && IN_CI) {
	throw new Error(
		`CI=${process.env.CI} and no Chromium at /usr/bin/chromium (or $INSIM_CHROMIUM): the browser ` +
			'tests must run in CI (.ci/run installs chromium with apt-get).',
	);
}

export async function launchChromium(): Promise<Browser> {
	if (!CHROMIUM_PATH) throw new Error(SKIP_MESSAGE);
	return await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--no-sandbox',
			'--disable-dev-shm-usage',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
}

/** `npm run screenshots` sets this: the README's pictures are written to docs/screenshots/. */
export const SCREENSHOTS = process.env.INSIM_SCREENSHOTS === '1';
const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
	if (!SCREENSHOTS) return;
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
