// n8n's community-package scanner (@n8n/scan-community-package), offline: its CLI downloads the
// package and its attested source from npm and GitHub; this runs the same checks on a local
// `npm pack` tarball and on this checkout. Usage: node scripts/scanPackage.mjs <tarball.tgz>
// Prints one JSON line {provenance, source, tarball}, each {passed, message?, details?}.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { checkPackageProvenance } from '@n8n/scan-community-package/scanner/provenance.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tarball = path.resolve(process.argv[2] ?? '');
if (!process.argv[2] || !fs.existsSync(tarball)) {
	console.error('Usage: node scripts/scanPackage.mjs <tarball.tgz> (from npm pack)');
	process.exit(2);
}

const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'insim-scan-'));
try {
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

	// The registry's answer for a version published without provenance: `dist` has no
	// `attestations`. A tarball that never went through `npm publish --provenance` cannot pass.
	const metadata = {
		name: manifest.name,
		'dist-tags': { latest: manifest.version },
		versions: { [manifest.version]: { ...manifest, dist: {} } },
	};
	const result = {
		provenance: checkPackageProvenance(metadata, manifest.version),
		// The scanner's two lint legs: the sources (here: this checkout) and the shipped tarball.
		source: await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS),
		tarball: await analyzePackage(packageDir, ['**/*.js', 'package.json']),
	};
	for (const check of Object.values(result)) delete check.error;
	console.log(JSON.stringify(result));
} finally {
	fs.rmSync(packageDir, { recursive: true, force: true });
}
