// Postgres and Redis for n8n's queue mode, from Debian's packages: installed with apt-get where
// missing, each started on a free loopback port with throw-away data, stopped (and its data
// removed) by stop(). They run under the harness's process guard, so they die with it.
import { execFile, spawnSync } from 'node:child_process';
import {
	chmodSync,
	closeSync,
	existsSync,
	mkdtempSync,
	openSync,
	readdirSync,
	rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from '../n8n/startN8n';
import { spawnGuarded, type GuardedProcess } from '../n8n/processes';

const execFileAsync = promisify(execFile);

export interface Service {
	port: number;
	/** e.g. postgres's data folder and log */
	where: string;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	/** `psql -At -c sql`: rows as lines, columns separated by | */
	query(sql: string): Promise<string>;
}

type Progress = (line: string) => void;

const isRoot = process.getuid?.() === 0;

/** The folder of initdb/postgres from Debian's postgresql package, if any. */
function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

function redisServerPath(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
}

/** apt-get install postgresql / redis-server where missing (root, or sudo without a password). */
export function ensureDebianPackages(progress: Progress): void {
	const missing = [
		postgresBinDir() ? undefined : 'postgresql',
		redisServerPath() ? undefined : 'redis-server',
	].filter((name): name is string => name !== undefined);
	if (missing.length === 0) return;
	const sudo = isRoot ? [] : ['sudo', '-n'];
	const aptGet = (args: string[]) =>
		spawnSync(
			sudo[0] ?? 'apt-get',
			[...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args],
			{
				stdio: ['ignore', 'inherit', 'inherit'],
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
				timeout: 600_000,
			},
		);
	progress(`[queue] Installing ${missing.join(' and ')} with apt-get (missing on this machine)...`);
	if (!existsSync('/usr/bin/apt-get')) {
		throw new Error(`${missing.join(' and ')} missing and no apt-get: install them by hand`);
	}
	aptGet(['update', '-qq']);
	const install = aptGet(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
	if (install.status !== 0 || !postgresBinDir() || !redisServerPath()) {
		throw new Error(
			`apt-get install ${missing.join(' ')} failed (exit ${install.status}); as root or with ` +
				'passwordless sudo, run: apt-get install -y postgresql redis-server',
		);
	}
}

/** As the `postgres` user when we are root (postgres refuses to run as root). */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPostgres(progress: Progress, logFile: string): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('postgresql is not installed');
	const dataDir = mkdtempSync(join(tmpdir(), 'insim-queue-pg-'));
	if (isRoot) {
		chmodSync(dataDir, 0o700);
		spawnSync('chown', ['postgres:postgres', dataDir]);
	}
	const [initCommand, initArgs] = asPostgresUser(join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C',
	]);
	const init = spawnSync(initCommand, initArgs, {
		cwd: tmpdir(),
		encoding: 'utf8',
		timeout: 120_000,
	});
	if (init.status !== 0) {
		rmSync(dataDir, { recursive: true, force: true });
		throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	}
	const port = await freePort();
	const [command, args] = asPostgresUser(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dataDir}`,
		// Throw-away data: durability costs time and buys nothing here.
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const fd = openSync(logFile, 'a');
	const server = spawnGuarded(command, args, { cwd: tmpdir(), env: process.env, output: fd });
	closeSync(fd);
	const psql = join(bin, 'psql');
	const query = async (sql: string): Promise<string> => {
		const { stdout } = await execFileAsync(
			existsSync(psql) ? psql : 'psql',
			['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-At', '-c', sql],
			{ timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
		);
		return stdout.trim();
	};
	const stop = async () => {
		await server.stop(10_000);
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await waitFor(`postgres on 127.0.0.1:${port}`, server, 60_000, async () => {
			await query('select 1');
		});
	} catch (error) {
		await stop();
		throw error;
	}
	progress(
		`[queue] Postgres ${bin.split('/').slice(-2)[0]} on 127.0.0.1:${port} (data ${dataDir})`,
	);
	return { port, where: dataDir, query, stop };
}

export async function startRedis(progress: Progress, logFile: string): Promise<Service> {
	const path = redisServerPath();
	if (!path) throw new Error('redis-server is not installed');
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'insim-queue-redis-'));
	const fd = openSync(logFile, 'a');
	const server = spawnGuarded(
		path,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir, env: process.env, output: fd },
	);
	closeSync(fd);
	const stop = async () => {
		await server.stop(10_000);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(`redis on 127.0.0.1:${port}`, server, 30_000, async () => {
			await redisPing(port);
		});
	} catch (error) {
		await stop();
		throw error;
	}
	progress(`[queue] Redis on 127.0.0.1:${port}`);
	return { port, where: dir, stop };
}

async function redisPing(port: number): Promise<void> {
	const { createConnection } = await import('node:net');
	await new Promise<void>((resolve, reject) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
		socket.on('data', (data) => {
			socket.destroy();
			if (data.toString().startsWith('+PONG')) resolve();
			else reject(new Error(data.toString()));
		});
		socket.on('error', reject);
	});
}

async function waitFor(
	what: string,
	server: GuardedProcess,
	timeoutMs: number,
	probe: () => Promise<void>,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		if (!server.isRunning()) {
			const status = await server.exited;
			throw new Error(
				`${what} exited at start with ${status.code ?? status.signal}: ${String(last ?? '')}`,
			);
		}
		try {
			await probe();
			return;
		} catch (error) {
			last = (error as Error).message;
		}
		if (Date.now() > deadline)
			throw new Error(`${what} not ready within ${timeoutMs / 1000} s: ${String(last)}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}
