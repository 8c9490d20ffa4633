/**
 * `npm run lint` checks package.json: n8n-node lint's default config hands it to the TypeScript
 * parser, under which n8n's package.json rules run (under jsonc-eslint-parser none of them fired).
 * A copy of package.json with the defects n8n refuses goes through `npm run lint` in a scratch
 * folder that holds only that package.json, the two lint configs and this checkout's node_modules.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, childEnvironment, temporaryFolder } from './packedTarball';

jest.setTimeout(240_000);

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

let folder: string;

beforeEach(() => {
	folder = temporaryFolder('package-lint');
	for (const config of ['eslint.config.mjs', 'eslint.nodes-base.config.mjs']) {
		fs.copyFileSync(path.join(REPO_ROOT, config), path.join(folder, config));
	}
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
});

afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

function lintWith(
	packageJson: object,
	command: string[],
): { status: number | null; output: string } {
	fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(packageJson, null, '\t'));
	const run = spawnSync(command[0], command.slice(1), {
		cwd: folder,
		encoding: 'utf8',
		env: childEnvironment({ FORCE_COLOR: '0', NO_COLOR: '1' }),
	});
	return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

it('fails npm run lint on runtime dependencies, overrides, a postinstall and a wrong name', () => {
	const { status, output } = lintWith(
		{
			...manifest,
			name: 'insim-nodes',
			dependencies: { axios: '1.18.0' },
			overrides: { axios: '1.18.0' },
			scripts: { ...manifest.scripts, postinstall: 'node setup.js' },
		},
		['npm', 'run', 'lint'],
	);
	expect(status).not.toBe(0);
	expect(output).toContain('@n8n/community-nodes/package-name-convention');
	expect(output).toContain('@n8n/community-nodes/no-runtime-dependencies');
	expect(output).toContain('@n8n/community-nodes/no-overrides-field');
	expect(output).toContain('@n8n/community-nodes/no-forbidden-lifecycle-scripts');
	expect(output).toMatch(/package\.json/);
});

it("runs eslint-plugin-n8n-nodes-base's package.json rules in the second pass too", () => {
	const { description: _description, keywords: _keywords, ...withoutDescription } = manifest;
	const { status, output } = lintWith(withoutDescription, [
		path.join(REPO_ROOT, 'node_modules', '.bin', 'eslint'),
		'-c',
		'eslint.nodes-base.config.mjs',
		'package.json',
	]);
	expect(status).toBe(1);
	expect(output).toContain('n8n-nodes-base/community-package-json-description-missing');
	expect(output).toContain('n8n-nodes-base/community-package-json-keywords-missing');
});

it('passes both lint passes on the package.json of this checkout', () => {
	const { status, output } = lintWith(manifest, [
		path.join(REPO_ROOT, 'node_modules', '.bin', 'eslint'),
		'-c',
		'eslint.config.mjs',
		'package.json',
	]);
	expect({ status, output }).toEqual({ status: 0, output: expect.any(String) });
	const second = lintWith(manifest, [
		path.join(REPO_ROOT, 'node_modules', '.bin', 'eslint'),
		'-c',
		'eslint.nodes-base.config.mjs',
		'package.json',
	]);
	expect(second).toEqual({ status: 0, output: expect.any(String) });
});
