/**
 * The README's manual install, as a user runs it:
 *   mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install n8n-nodes-insim
 * with the packed tarball standing in for the registry name, offline, with an empty npm cache: npm
 * may fetch nothing but the package itself. The peer dependency on n8n-workflow is optional
 * (n8n brings its own); were it not, npm would install a second n8n-workflow into this folder
 * (on Node 20 and 22 its newest release fails to build, and the whole install exits 1); offline, it
 * exits 1 here.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { cacheDir } from '../../scripts/n8n/config';
import { packTarball, temporaryFolder, type PackedTarball } from './packedTarball';

let folder: string;
let packed: PackedTarball;

beforeAll(() => {
	folder = temporaryFolder('manual-install');
	packed = packTarball(folder);
}, 120_000);

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** The environment of a user's shell: none of the npm settings of the `npm run` around jest. */
function userEnvironment(home: string): NodeJS.ProcessEnv {
	const environment: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(name) && name !== 'NODE_ENV') environment[name] = value;
	}
	return { ...environment, HOME: home, npm_config_update_notifier: 'false' };
}

/**
 * The Node binaries to install with: this one (20), and Node 22 and 24 from the n8n runtimes'
 * cache (the e2e suites install them; in CI they must be there, elsewhere a missing one is skipped).
 */
function nodeBinaries(): Array<{ label: string; binDir?: string }> {
	const cached = fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()) : [];
	return [
		{ label: `Node ${process.versions.node} (this one)`, binDir: path.dirname(process.execPath) },
		...[22, 24].map((major) => {
			const folder = cached
				.filter((name) => name.startsWith(`node-${major}.`))
				.sort()
				.pop();
			return {
				label: `Node ${major}`,
				binDir: folder && path.join(cacheDir(), folder, 'node_modules', 'node', 'bin'),
			};
		}),
	];
}

/** npm's own script, run by the chosen Node (npm sets npm_execpath for `npm run`). */
function npmCli(): string {
	if (process.env.npm_execpath) return process.env.npm_execpath;
	const npmOnPath = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).stdout.trim();
	return path.join(npmOnPath, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

describe.each(nodeBinaries())("the README's manual install with $label", ({ label, binDir }) => {
	const available = binDir !== undefined && fs.existsSync(path.join(binDir, 'node'));
	if (!available && process.env.CI) {
		it('has that Node to install with', () => {
			throw new Error(`${label} is not in ${cacheDir()}: run npm run n8n:install first`);
		});
		return;
	}
	(available ? it : it.skip)(
		'installs into ~/.n8n/nodes with exit 0 and brings no n8n-workflow of its own',
		() => {
			const home = path.join(folder, `home-${label.replace(/\W+/g, '-')}`);
			const nodesFolder = path.join(home, '.n8n', 'nodes');
			fs.mkdirSync(nodesFolder, { recursive: true });
			const environment = userEnvironment(home);
			environment.PATH = `${binDir}${path.delimiter}${environment.PATH ?? ''}`;

			const install = spawnSync(
				path.join(binDir as string, 'node'),
				[
					npmCli(),
					'install',
					packed.file,
					'--offline',
					'--cache',
					path.join(folder, `npm-cache-${label.replace(/\W+/g, '-')}`),
				],
				{ cwd: nodesFolder, env: environment, encoding: 'utf8', timeout: 180_000 },
			);

			expect({ status: install.status, stderr: install.stderr }).toEqual({
				status: 0,
				stderr: expect.any(String),
			});
			const installed = path.join(nodesFolder, 'node_modules');
			expect(fs.readdirSync(installed).filter((name) => !name.startsWith('.'))).toEqual([
				'n8n-nodes-insim',
			]);
			expect(fs.existsSync(path.join(installed, 'n8n-workflow'))).toBe(false);
			const manifest = JSON.parse(
				fs.readFileSync(path.join(installed, 'n8n-nodes-insim', 'package.json'), 'utf8'),
			);
			for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
				expect(fs.existsSync(path.join(installed, 'n8n-nodes-insim', entry))).toBe(true);
			}
		},
		240_000,
	);
});
