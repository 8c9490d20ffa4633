/**
 * The package as npm publishes it: `npm pack` of the built checkout (npm run test:package builds
 * first). Each test file packs into its own temporary folder.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface PackedTarball {
	/** Absolute path of the .tgz. */
	file: string;
	/** Paths inside the package, as npm lists them (no `package/` prefix). */
	files: string[];
	/** Bytes of the .tgz. */
	size: number;
	/** Bytes of all files, unpacked. */
	unpackedSize: number;
}

/**
 * The environment for a lint, npm or scanner child process: jest's own NODE_ENV=test stays out,
 * because eslint-plugin-n8n-nodes-base then treats every file as a test fixture (every file a
 * `Test.node.ts`, every package.json a community one) and reports nonsense.
 */
export function childEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const environment: NodeJS.ProcessEnv = { ...process.env, ...extra };
	delete environment.NODE_ENV;
	return environment;
}

export function temporaryFolder(label: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `insim-${label}-`));
}

export function packTarball(destination: string): PackedTarball {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!fs.existsSync(path.join(REPO_ROOT, entry))) {
			throw new Error(`${entry} is missing: run npm run build first (npm run test:package does)`);
		}
	}
	const output = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: childEnvironment(),
		},
	);
	const [packed] = JSON.parse(output) as Array<{
		filename: string;
		size: number;
		unpackedSize: number;
		files: Array<{ path: string }>;
	}>;
	return {
		file: path.join(destination, packed.filename),
		files: packed.files.map((entry) => entry.path).sort(),
		size: packed.size,
		unpackedSize: packed.unpackedSize,
	};
}
