/**
 * The n8n versions the harness can run (scripts/n8n/runtimes): INSIM_N8N_VERSION picks one, and
 * every folder pins its n8n with a lock that installs from the npm registry alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	DEFAULT_N8N_VERSION,
	knownN8nVersions,
	majorOf,
	selectedRuntime,
} from '../../../scripts/n8n';

interface LockedPackage {
	version?: string;
	resolved?: string;
}

function lockOf(manifestDir: string): { packages: Record<string, LockedPackage> } {
	return JSON.parse(readFileSync(join(manifestDir, 'package-lock.json'), 'utf8'));
}

describe('n8n runtimes', () => {
	test('without INSIM_N8N_VERSION the default n8n runs', () => {
		expect(selectedRuntime('').n8nVersion).toBe(DEFAULT_N8N_VERSION);
		expect(selectedRuntime(undefined).n8nVersion).toBe(DEFAULT_N8N_VERSION);
	});

	test('a pattern picks the newest matching version; an exact version itself', () => {
		const known = knownN8nVersions();
		expect(known).toEqual(expect.arrayContaining(['1.123.81', '2.40.7', '2.41.1']));
		expect(selectedRuntime('1.123.x').n8nVersion).toBe('1.123.81');
		expect(selectedRuntime('1.x').n8nVersion).toBe('1.123.81');
		expect(selectedRuntime('2.40.7').n8nVersion).toBe('2.40.7');
		expect(selectedRuntime('2.x').n8nVersion).toBe(known[known.length - 1]);
		expect(selectedRuntime('2.41').n8nVersion).toBe('2.41.1');
	});

	test('an unknown version says which ones exist', () => {
		expect(() => selectedRuntime('3.x')).toThrow(/no such n8n.*1\.123\.81.*2\.40\.7/);
		expect(() => selectedRuntime('2.4.0')).toThrow(/no such n8n/);
	});

	test('n8n 1.x runs on Node 22, n8n 2.x on Node 24', () => {
		for (const version of knownN8nVersions()) {
			const spec = selectedRuntime(version);
			expect(Number(spec.nodeVersion.split('.')[0])).toBe(majorOf(version) >= 2 ? 24 : 22);
		}
	});

	test('every runtime has a lock for its n8n, with nothing fetched from outside the registry', () => {
		for (const version of knownN8nVersions()) {
			const { manifestDir } = selectedRuntime(version);
			expect(existsSync(join(manifestDir, 'package-lock.json'))).toBe(true);
			const { packages } = lockOf(manifestDir);
			expect(packages['node_modules/n8n']?.version).toBe(version);
			const outside = Object.entries(packages)
				.filter(
					([, entry]) =>
						entry.resolved && !entry.resolved.startsWith('https://registry.npmjs.org/'),
				)
				.map(([path, entry]) => `${path}: ${entry.resolved}`);
			expect(outside).toEqual([]);
		}
	});

	test("n8n 1.x's xlsx comes from the registry through the override", () => {
		const { manifestDir } = selectedRuntime('1.x');
		const manifest = JSON.parse(readFileSync(join(manifestDir, 'package.json'), 'utf8'));
		expect(manifest.overrides).toEqual({ xlsx: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
		// The lock records no `resolved` for registry packages; a tarball URL would be one.
		const locked = lockOf(manifestDir).packages['node_modules/xlsx'];
		expect(locked).toEqual(expect.objectContaining({ version: manifest.overrides.xlsx }));
		expect(locked.resolved).toBeUndefined();
	});
});
