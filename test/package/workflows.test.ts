/**
 * The GitHub Actions workflows cannot run here: this checks that they parse, that every command
 * they run names a script that exists, and that the release publishes with provenance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { REPO_ROOT } from './packedTarball';

interface Step {
	run?: string;
	uses?: string;
	with?: Record<string, string>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { steps: Step[] }>;
}

const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
const scripts: Record<string, string> = JSON.parse(
	fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).scripts;

function readWorkflow(file: string): Workflow {
	return parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'), { strict: true }) as Workflow;
}

function commands(workflow: Workflow): string[] {
	return Object.values(workflow.jobs).flatMap((job) =>
		job.steps.flatMap((step) => (step.run ? step.run.split('\n') : [])),
	);
}

/** What a command line needs to exist: `npm run <script>`, `npm test`, or a repository file. */
function missingTargets(command: string): string[] {
	const missing: string[] = [];
	for (const [, script] of command.matchAll(/\bnpm run ([\w:-]+)/g)) {
		if (!scripts[script]) missing.push(`npm script ${script}`);
	}
	if (/\bnpm test\b/.test(command) && !scripts.test) missing.push('npm script test');
	for (const [, file] of command.matchAll(/(?:^|\s)(\.\/[\w./-]+|scripts\/[\w./-]+)/g)) {
		const absolute = path.join(REPO_ROOT, file);
		if (!fs.existsSync(absolute)) missing.push(file);
		else if (file.startsWith('./') && !(fs.statSync(absolute).mode & 0o111)) {
			missing.push(`${file} (not executable)`);
		}
	}
	return missing;
}

describe('.github/workflows', () => {
	it('holds exactly ci.yml and release.yml, both valid YAML with jobs and steps', () => {
		expect(fs.readdirSync(WORKFLOWS).sort()).toEqual(['ci.yml', 'release.yml']);
		for (const file of ['ci.yml', 'release.yml']) {
			const workflow = readWorkflow(file);
			expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
			for (const job of Object.values(workflow.jobs)) expect(job.steps.length).toBeGreaterThan(0);
		}
	});

	it('runs only scripts that exist', () => {
		const missing = ['ci.yml', 'release.yml'].flatMap((file) =>
			commands(readWorkflow(file)).flatMap((command) =>
				missingTargets(command).map((target) => `${file}: ${target}`),
			),
		);
		expect(missing).toEqual([]);
	});

	it('CI runs .ci/run on pull requests and pushes to main, on Node 20', () => {
		const ci = readWorkflow('ci.yml');
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(commands(ci)).toContain('./.ci/run');
		const setup = Object.values(ci.jobs)
			.flatMap((job) => job.steps)
			.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with?.['node-version']).toBe('20');
	});

	it('release publishes to npm with provenance from a version tag', () => {
		const release = readWorkflow('release.yml');
		expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
		expect(release.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		const lines = commands(release);
		expect(lines).toContain('npm publish --provenance --access public');
		// The tag must name the version being published, and the tests run before it.
		const publishAt = lines.indexOf('npm publish --provenance --access public');
		expect(lines.slice(0, publishAt).join('\n')).toMatch(/GITHUB_REF_NAME.*package\.json/);
		expect(lines.slice(0, publishAt)).toEqual(
			expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm test', 'npm run test:package']),
		);
	});

	it('the publish runs prepublishOnly, which builds and lints', () => {
		expect(scripts.prepublishOnly).toBe('npm run build && npm run lint');
	});
});
