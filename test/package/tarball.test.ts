/**
 * What `npm publish` ships: only what n8n loads (compiled nodes and credential, icons, codex
 * files) plus README, LICENSE and package.json, within the size budget stated in BENCHMARKS.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, packTarball, temporaryFolder, type PackedTarball } from './packedTarball';

/** The budget stated in BENCHMARKS.md ("Package size"). */
const PACKED_BUDGET_BYTES = 130_000;
const UNPACKED_BUDGET_BYTES = 560_000;

const SHIPPED = [
	/^(LICENSE|README\.md|package\.json)$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/(nodes|credentials)\/.+\.(svg|png)$/,
	/^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/,
];

const REPOSITORY = 'https://github.com/ArdaryinSIM/n8n-nodes-insim';
const RAW = 'https://raw.githubusercontent.com/ArdaryinSIM/n8n-nodes-insim/main';

let folder: string;
let packed: PackedTarball;

beforeAll(() => {
	folder = temporaryFolder('tarball');
	packed = packTarball(folder);
}, 120_000);

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('the npm tarball', () => {
	it('ships only what a user needs: no source maps, declarations, sources, tests or scripts', () => {
		const unexpected = packed.files.filter((file) => !SHIPPED.some((rule) => rule.test(file)));
		expect(unexpected).toEqual([]);
	});

	it('ships every compiled file from a source in nodes/ or credentials/ (no stale output)', () => {
		const orphans = packed.files
			.filter((file) => file.endsWith('.js'))
			.filter((file) => {
				const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
				return !fs.existsSync(path.join(REPO_ROOT, source));
			});
		expect(orphans).toEqual([]);
	});

	it('contains every node and credential package.json declares to n8n, with its icons', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
		const declared: string[] = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(declared.filter((entry) => !packed.files.includes(entry))).toEqual([]);
		const icons = packed.files.filter((file) => file.endsWith('.svg'));
		expect(icons.length).toBeGreaterThanOrEqual(declared.length);
	});

	it(`stays within its budget: ${PACKED_BUDGET_BYTES} bytes packed, ${UNPACKED_BUDGET_BYTES} unpacked`, () => {
		expect(packed.size).toBeLessThanOrEqual(PACKED_BUDGET_BYTES);
		expect(packed.unpackedSize).toBeLessThanOrEqual(UNPACKED_BUDGET_BYTES);
	});

	it('has a README whose links work on the npm page: absolute URLs or anchors of its own', () => {
		const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
		const targets = [...readme.matchAll(/\]\(([^)\s]+)\)|\bsrc="([^"]+)"/g)].map(
			(match) => match[1] ?? match[2],
		);
		expect(targets.length).toBeGreaterThan(0);
		expect(targets.filter((target) => !/^(https:\/\/|mailto:|#)/.test(target))).toEqual([]);
		// Links into the repository name files that exist in it.
		const missing = targets
			.filter((target) => target.startsWith(`${REPOSITORY}/blob/main/`))
			.map((target) => target.slice(`${REPOSITORY}/blob/main/`.length).replace(/#.*$/, ''))
			.concat(
				targets
					.filter((target) => target.startsWith(`${RAW}/`))
					.map((target) => target.slice(`${RAW}/`.length)),
			)
			.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
		expect(missing).toEqual([]);
	});
});
