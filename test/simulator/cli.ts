// `npm run simulator -- --port 3999 --latency 20`: runs the simulator as its own process.
import { DEMO_ACCOUNT, FREE_DEMO_ACCOUNT } from './state';
import { startSimulator } from './server';
import type { SimulatorOptions } from './types';

/** Machine-readable line for harnesses that start this process with --port 0. */
export const READY_PREFIX = 'SIMULATOR_READY ';

const USAGE = `Usage: npm run simulator -- [options]
  --port <n>                    port to listen on (default 0 = random)
  --host <addr>                 address to bind (default 127.0.0.1)
  --latency <ms>                delay before every /api answer
  --bad-credentials-status <n>  HTTP status for bad credentials (default 401)
  --rate-limit <n>              requests per second per login, beyond -> 429
  --fail-phone <+number>        this number gets sent:0 (repeatable)
  --single-object               answer a 1-message /sendsms with an object
  --phone-disconnected          click-to-call fails with #002
  --auto-delivery-reports       fire sent/received to the delivery_status webhook
  --with-free-account           also create ${FREE_DEMO_ACCOUNT.login} (free plan)
  --demo-data                   start with a few contacts, lists, templates, calls and SMS`;

function toNumber(flag: string, value: string | undefined): number {
	const number = Number(value);
	if (value === undefined || !Number.isFinite(number)) throw new Error(`${flag} needs a number`);
	return number;
}

export function parseCliArgs(argv: string[]): SimulatorOptions | 'help' {
	const options: SimulatorOptions = { port: 0 };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const next = (): string | undefined => argv[++i];
		switch (flag) {
			case '--port':
				options.port = toNumber(flag, next());
				break;
			case '--host':
				options.host = next();
				break;
			case '--latency':
				options.latencyMs = toNumber(flag, next());
				break;
			case '--bad-credentials-status':
				options.badCredentialsStatus = toNumber(flag, next());
				break;
			case '--rate-limit':
				options.rateLimitPerSecond = toNumber(flag, next());
				break;
			case '--fail-phone': {
				const phone = next();
				if (!phone) throw new Error('--fail-phone needs a number');
				options.failPhoneNumbers = [...(options.failPhoneNumbers ?? []), phone];
				break;
			}
			case '--single-object':
				options.singleObjectResponse = true;
				break;
			case '--phone-disconnected':
				options.phoneConnected = false;
				break;
			case '--auto-delivery-reports':
				options.autoDeliveryReports = true;
				break;
			case '--demo-data':
				options.demoData = true;
				break;
			case '--with-free-account':
				options.accounts = [DEMO_ACCOUNT, FREE_DEMO_ACCOUNT];
				break;
			case '--help':
			case '-h':
				return 'help';
			default:
				throw new Error(`unknown option ${flag}\n${USAGE}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const parsed = parseCliArgs(process.argv.slice(2));
	if (parsed === 'help') {
		console.log(USAGE);
		return;
	}
	const simulator = await startSimulator(parsed);
	const accounts = parsed.accounts ?? [DEMO_ACCOUNT];
	console.log(READY_PREFIX + JSON.stringify({ baseUrl: simulator.baseUrl, port: simulator.port }));
	console.log(`inSIM simulator running`);
	console.log(`  API Base URL: ${simulator.baseUrl}`);
	for (const account of accounts) {
		console.log(`  Login: ${account.login}   Access key: ${account.accessKey}   (${account.plan})`);
	}
	console.log(
		`  Test controls: ${simulator.origin}/__sim/requests, /__sim/messages, /__sim/faults, /__sim/variants ...`,
	);
	console.log('Press Ctrl-C to stop.');

	let stopping = false;
	const stop = (signal: NodeJS.Signals): void => {
		if (stopping) process.exit(1); // a second signal means "now"
		stopping = true;
		console.log(`\n${signal} received, stopping the simulator.`);
		simulator.close().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
