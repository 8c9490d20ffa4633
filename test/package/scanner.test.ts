/**
 * n8n's community-package scanner (@n8n/scan-community-package, the check behind n8n's
 * verification), run offline by scripts/scanPackage.mjs: its lint of the sources and of the packed
 * tarball must pass. Its provenance check cannot pass for a local tarball (provenance is attested
 * by npm when the release workflow publishes), so it is asserted to be the only finding.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, childEnvironment, packTarball, temporaryFolder } from './packedTarball';

interface CheckResult {
	passed: boolean;
	message?: string;
	details?: string;
}

let folder: string;
let result: { provenance: CheckResult; source: CheckResult; tarball: CheckResult };

beforeAll(() => {
	folder = temporaryFolder('scan');
	const packed = packTarball(folder);
	const output = execFileSync(
		'node',
		[path.join(REPO_ROOT, 'scripts', 'scanPackage.mjs'), packed.file],
		{
			cwd: REPO_ROOT,
			env: childEnvironment(),
			encoding: 'utf8',
			timeout: 300_000,
		},
	);
	result = JSON.parse(output.trim().split('\n').pop() ?? '');
}, 360_000);

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("n8n's scanner on the packed tarball", () => {
	it('passes its lint of the sources (nodes/, credentials/, package.json)', () => {
		expect(result.source).toEqual({ passed: true });
	});

	it('passes its lint of the shipped tarball (compiled .js and package.json)', () => {
		expect(result.tarball).toEqual({ passed: true });
	});

	it('fails only on provenance, which only a publish from the release workflow gives', () => {
		expect(result.provenance.passed).toBe(false);
		expect(result.provenance.message).toMatch(/^Package was not published with npm provenance\./);
	});
});
