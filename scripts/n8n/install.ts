/**
 * Installs the n8n runtimes named on the command line (exact versions or patterns such as
 * `1.123.x`; none = the default) into the cache, one after the other. `.ci/run` starts it in the
 * background so the installs overlap the tests that need no n8n.
 */
import { ensureN8n } from './ensureN8n';

async function main(): Promise<void> {
	const versions = process.argv.slice(2);
	for (const version of versions.length > 0 ? versions : [undefined]) {
		const runtime = await ensureN8n({ version });
		process.stdout.write(`n8n ${runtime.version} on Node ${runtime.nodeVersion}: ready\n`);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
