// `npm run queue`: the package in n8n's queue mode on this machine (Postgres, Redis, a main,
// 2 workers, 2 webhook processors) with the local inSIM simulator; prints where everything is
// and stops everything on Ctrl-C. Options: --workers <n> --webhooks <n> --sim-port <n>
// --legacy-expressions (N8N_EXPRESSION_ENGINE=legacy on every process).
import { DEMO_ACCOUNT, startSimulator } from '../../test/simulator';
import { stopAllGuarded } from '../n8n/processes';
import { startQueueCluster, type QueueCluster } from './cluster';

export { startQueueCluster } from './cluster';
export type { QueueCluster, QueueProcess } from './cluster';

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(name);
	if (index === -1) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number`);
	return value;
}

async function main(): Promise<void> {
	const sim = await startSimulator({ port: flag('--sim-port', 3999) });
	let cluster: QueueCluster | undefined;
	const shutDown = async (code: number) => {
		process.stderr.write('\n[queue] Stopping...\n');
		await cluster?.stop({ failed: code !== 0 });
		await sim.close();
		await stopAllGuarded();
		process.exit(code);
	};
	process.once('SIGINT', () => void shutDown(0));
	process.once('SIGTERM', () => void shutDown(0));
	try {
		cluster = await startQueueCluster({
			workers: flag('--workers', 2),
			webhookProcessors: flag('--webhooks', 2),
			env: process.argv.includes('--legacy-expressions') ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {},
		});
		await cluster.main.importCredential({
			id: 'insimSimulator',
			name: 'inSIM simulator',
			type: 'insimApi',
			data: { login: DEMO_ACCOUNT.login, apiKey: DEMO_ACCOUNT.accessKey, baseUrl: sim.baseUrl },
		});
	} catch (error) {
		process.stderr.write(`[queue] ${(error as Error).message}\n`);
		await shutDown(1);
		return;
	}
	process.stdout.write(
		`\n${cluster.describe()}\n  simulator  ${sim.baseUrl} (credential "inSIM simulator", login ${DEMO_ACCOUNT.login})\n\n` +
			'Workflows run on the workers; point inSIM (or the simulator) at a webhook processor.\n' +
			'Ctrl-C stops everything.\n',
	);
}

if (require.main === module) void main();
