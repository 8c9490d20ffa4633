// Starts a real n8n with this package installed as a community package, sets up its owner, and
// gives typed access to its CLI, its REST API (as the owner) and its public API.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	appendFileSync,
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

import { INSIM_NODE_TYPES, INSIM_PACKAGE_NAME, REPO_ROOT, logsDir } from './config';
import { ensureN8n, formatDuration, type N8nRuntime, type ProgressReporter } from './ensureN8n';
import {
	HarnessStepError,
	inStep,
	stepError,
	tailOfFile,
	tailOfText,
	type HarnessStep,
} from './errors';
import { spawnGuarded, type GuardedProcess } from './processes';

const execFileAsync = promisify(execFile);

/** Fixed so that a persistent user folder (npm start's) keeps decrypting its credentials. */
const ENCRYPTION_KEY = 'insim-local-n8n-encryption-key-not-a-secret';
const API_KEY_LABEL = 'insim harness';
const LOG_TAIL_LINES = 40;

export interface OwnerLogin {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface StartN8nOptions {
	/** folder with package.json and dist/ (default: this repository); packed like `npm publish` */
	packageDir?: string;
	/** default: a free port */
	port?: number;
	/** extra environment for n8n and its CLI commands (wins over the harness's) */
	env?: Record<string, string>;
	/** default: a fresh temp folder, deleted by stop() unless something failed */
	userFolder?: string;
	/** default: `await ensureN8n({ version })` */
	runtime?: N8nRuntime;
	/** n8n version or pattern when `runtime` is not given; default INSIM_N8N_VERSION, else 2.40.7 */
	version?: string;
	/** default: a random owner; a kept user folder should pass the same owner every time */
	owner?: OwnerLogin;
	/** a kept user folder whose owner changed the password in the editor: go on without REST */
	ownerLoginOptional?: boolean;
	/** names log copies, e.g. the test file */
	label?: string;
	onProgress?: ProgressReporter;
	/** default 180 s */
	startTimeoutMs?: number;
	/**
	 * false: start n8n without this package (for installing it through Settings → Community
	 * Nodes); default true: the packed package is put in ~/.n8n/nodes and must load
	 */
	withPackage?: boolean;
}

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	timeoutMs?: number;
	/** resolve with a non-zero exit instead of throwing */
	allowFailure?: boolean;
	step?: HarnessStep;
}

export interface CredentialToImport {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowToImport {
	id?: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	error?: { message?: string; description?: string; [key: string]: unknown };
	[key: string]: unknown;
}

interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: Record<string, Array<OutputItem[] | null>>;
}

/** What `n8n execute --rawOutput` prints: the execution (IRun) as JSON. */
export interface ExecutionJson {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export interface WorkflowRunResult {
	workflowId: string;
	exitCode: number | null;
	/** 'success', 'error', ... */
	status: string;
	/** the workflow's error, when it failed */
	error?: { message: string; description?: string; nodeName?: string };
	execution: ExecutionJson;
	/** nodes that ran, in the order of the execution's run data */
	nodesRun: string[];
	/** the items a node put on one of its outputs (default: main output 0, run 0) */
	output(nodeName: string, outputIndex?: number, runIndex?: number): OutputItem[];
	stdout: string;
	stderr: string;
}

export interface N8nInstance {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	owner: OwnerLogin;
	runtime: N8nRuntime;
	/** `n8n <args>` against the same database, e.g. ['import:workflow', '--input=x.json'] */
	cli(args: string[], options?: CliOptions): Promise<CliResult>;
	/** REST API as the logged-in owner (cookie); unwraps `{ data }`; throws on non-2xx */
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** the same, without unwrapping or throwing */
	restResponse(method: string, path: string, body?: unknown): Promise<HttpResult>;
	/** public API under /api/v1 with the owner's API key; throws on non-2xx */
	publicApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	importCredential(credential: CredentialToImport): Promise<string>;
	importWorkflow(workflow: WorkflowToImport): Promise<string>;
	/** publishes (activates) through the public API and waits until its triggers are live */
	publishWorkflow(id: string): Promise<void>;
	/** `n8n execute --id`, parsed; a failed workflow resolves too (check `status` / `error`) */
	executeWorkflow(id: string, options?: { timeoutMs?: number }): Promise<WorkflowRunResult>;
	/** keeps a copy of n8n's log and prints where it is and its last lines; returns the copy */
	keepLog(reason: string): string;
	/** stops n8n (SIGTERM, then SIGKILL); `failed` keeps the log, a temp user folder is removed */
	stop(options?: { failed?: boolean }): Promise<void>;
}

export interface HttpResult {
	status: number;
	body: unknown;
	text: string;
}

/** Starts n8n and returns once the owner is logged in and the inSIM node types are loaded. */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const progress = options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
	const runtime =
		options.runtime ?? (await ensureN8n({ onProgress: progress, version: options.version }));
	const label = (options.label ?? 'n8n').replace(/[^\w.-]+/g, '-');
	const temporary = options.userFolder === undefined;
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `insim-n8n-${label}-`));
	mkdirSync(userFolder, { recursive: true });
	const logFile = join(userFolder, 'n8n.log');
	const port = options.port ?? (await freePort());
	const baseUrl = `http://127.0.0.1:${port}`;
	const owner: OwnerLogin = options.owner ?? {
		email: 'owner@insim-e2e.test',
		password: `E2e-${randomBytes(9).toString('hex')}-A1`,
	};
	const packageDir = options.packageDir ?? REPO_ROOT;
	const withPackage = options.withPackage ?? true;
	const started = Date.now();

	let server: GuardedProcess | undefined;
	let cookie: string | undefined;
	let apiKey: string | undefined;
	let keptLog: string | undefined;
	let stopped = false;

	const keepLog = (reason: string): string => {
		const firstTime = keptLog === undefined;
		mkdirSync(logsDir(), { recursive: true });
		keptLog ??= join(
			logsDir(),
			`n8n-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
		);
		// Copied again on every call, so the copy ends with what happened last.
		if (existsSync(logFile)) copyFileSync(logFile, keptLog);
		else writeFileSync(keptLog, '(n8n wrote no log)\n');
		process.stderr.write(
			firstTime
				? `\n[e2e] ${reason}\n[e2e] n8n's log is kept at ${keptLog}; its last lines:\n` +
						`${tailOfFile(keptLog, LOG_TAIL_LINES)}\n\n`
				: `[e2e] ${reason}\n[e2e] n8n's log: ${keptLog}\n`,
		);
		return keptLog;
	};

	/** Runs a step; on failure keeps the log and says where it is in the error. */
	const step = async <T>(name: HarnessStep, what: string, action: () => Promise<T>): Promise<T> => {
		try {
			return await inStep(name, what, action);
		} catch (error) {
			const path = keepLog(`${(error as Error).message}`);
			if (error instanceof HarnessStepError && !error.message.includes(path)) {
				error.message += ` (n8n log: ${path})`;
			}
			throw error;
		}
	};

	// Its own task broker port too: the default (5679) is taken by any other n8n on the machine.
	const brokerPort = await freePort();
	const baseEnv = n8nEnvironment({ runtime, userFolder, port, brokerPort, extra: options.env });

	const cli = async (args: string[], cliOptions: CliOptions = {}): Promise<CliResult> => {
		const timeoutMs = cliOptions.timeoutMs ?? 180000;
		// Its own task broker port: `n8n start` holds the instance's.
		const env = { ...baseEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const child = spawnGuarded(runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: userFolder,
			env,
			output: 'pipe',
		});
		let stdout = '';
		let stderr = '';
		child.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			void child.stop(5000);
		}, timeoutMs);
		const status = await child.exited.finally(() => clearTimeout(timer));
		// Let the pipes drain after the exit event.
		await new Promise((resolve) => setImmediate(resolve));
		appendFileSync(
			logFile,
			`\n--- harness: n8n ${args.join(' ')} -> exit ${status.code ?? status.signal}\n` +
				`${clip(stdout)}${stderr ? `\n--- stderr:\n${clip(stderr)}` : ''}\n--- end of n8n ${args[0]}\n`,
		);
		if (timedOut) {
			throw stepError(
				cliOptions.step ?? 'run',
				`n8n ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`,
			);
		}
		if (status.code !== 0 && !cliOptions.allowFailure) {
			throw stepError(
				cliOptions.step ?? 'run',
				`n8n ${args.join(' ')} exited with ${status.code ?? status.signal}:\n${tailOfText(`${stdout}\n${stderr}`, 15)}`,
			);
		}
		return { code: status.code, signal: status.signal, stdout, stderr };
	};

	const http = async (
		method: string,
		url: string,
		headers: Record<string, string>,
		body?: unknown,
	): Promise<HttpResult & { setCookies: string[] }> => {
		const send = () =>
			fetch(url, {
				method,
				headers: {
					accept: 'application/json',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60000),
			});
		let response: Response;
		try {
			response = await send();
		} catch (error) {
			// A kept-alive socket that n8n closed just as the request left ("other side closed",
			// seen on a loaded CI machine): a read is safe to send again on a new connection.
			if (method !== 'GET' || !isClosedSocket(error)) throw error;
			response = await send();
		}
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text === '' ? undefined : JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return {
			status: response.status,
			body: parsed,
			text,
			setCookies: response.headers.getSetCookie(),
		};
	};

	const restResponse = async (
		method: string,
		path: string,
		body?: unknown,
	): Promise<HttpResult> => {
		const {
			status,
			body: parsed,
			text,
		} = await http(method, `${baseUrl}${path}`, cookie ? { cookie } : {}, body);
		return { status, body: parsed, text };
	};

	const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
		inStep('rest', `${method} ${path}`, async () => {
			if (!cookie) throw new Error('not logged in as the owner');
			const result = await restResponse(method, path, body);
			if (result.status < 200 || result.status >= 300) {
				throw new Error(`HTTP ${result.status}: ${messageOf(result)}`);
			}
			const parsed = result.body as { data?: T } | undefined;
			return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
		});

	const publicApi = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
		inStep('rest', `public API ${method} ${path}`, async () => {
			if (!apiKey) throw new Error('no API key (the owner is not logged in)');
			const result = await http(
				method,
				`${baseUrl}/api/v1${path}`,
				{ 'X-N8N-API-KEY': apiKey },
				body,
			);
			if (result.status < 200 || result.status >= 300) {
				throw new Error(`HTTP ${result.status}: ${messageOf(result)}`);
			}
			return result.body as T;
		});

	const importFile = (kind: string, id: string, content: unknown): string => {
		const dir = join(userFolder, 'imports');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${kind}-${id}.json`);
		writeFileSync(file, JSON.stringify(content, null, '\t'));
		return file;
	};

	const instance: N8nInstance = {
		baseUrl,
		port,
		userFolder,
		logFile,
		owner,
		runtime,
		cli,
		rest,
		restResponse,
		publicApi,
		keepLog,

		importCredential: (credential) =>
			step('import', `import credential "${credential.name}"`, async () => {
				const id = credential.id ?? newId();
				const file = importFile('credential', id, [{ ...credential, id }]);
				try {
					await cli(['import:credentials', `--input=${file}`], {
						step: 'import',
						timeoutMs: 120000,
					});
				} finally {
					rmSync(file, { force: true }); // it holds the secret in clear
				}
				return id;
			}),

		importWorkflow: (workflow) =>
			step('import', `import workflow "${workflow.name}"`, async () => {
				const id = workflow.id ?? newId();
				const file = importFile('workflow', id, { active: false, settings: {}, ...workflow, id });
				await cli(['import:workflow', `--input=${file}`], { step: 'import', timeoutMs: 120000 });
				return id;
			}),

		publishWorkflow: (id) =>
			step('import', `publish workflow ${id}`, async () => {
				if (runtime.major < 2) {
					// n8n 1.x activates in the request itself: its triggers are live when it answers.
					await publicApi('POST', `/workflows/${id}/activate`, {});
					return;
				}
				await publicApi('POST', `/workflows/${id}/publish`, {});
				await waitUntilPublished(id, rest);
			}),

		executeWorkflow: (id, runOptions = {}) =>
			step('run', `execute workflow ${id}`, async () => {
				const result = await cli(['execute', `--id=${id}`, '--rawOutput'], {
					allowFailure: true,
					timeoutMs: runOptions.timeoutMs ?? 180000,
				});
				return parseExecution(id, result);
			}),

		async stop(stopOptions = {}) {
			if (stopped) return;
			stopped = true;
			if (stopOptions.failed) keepLog('a test failed');
			const status = await server?.stop(20000);
			if (status && status.code !== 0 && status.signal === null && !stopOptions.failed) {
				process.stderr.write(`[e2e:stop] n8n exited with code ${status.code} while stopping\n`);
			}
			if (temporary && !stopOptions.failed && !keptLog) {
				rmSync(userFolder, { recursive: true, force: true });
			}
		},
	};

	try {
		if (withPackage) {
			await step('start', 'install the package into n8n', async () =>
				installPackage(packageDir, userFolder),
			);
		}
		await step('start', `start n8n ${runtime.version} on ${baseUrl}`, async () => {
			progress(
				`[n8n] Starting n8n ${runtime.version} on ${baseUrl} (user folder ${userFolder})...`,
			);
			const fd = openSync(logFile, 'a');
			appendFileSync(logFile, `\n=== ${new Date().toISOString()} n8n start (harness)\n`);
			server = spawnGuarded(runtime.nodeBin, [runtime.n8nBin, 'start'], {
				cwd: userFolder,
				env: baseEnv,
				output: fd,
			});
			closeSync(fd);
			await waitUntilReady(baseUrl, server, options.startTimeoutMs ?? 180000);
		});
		await step('setup', 'set up the owner and log in', async () => {
			cookie = await setUpOwnerAndLogIn(baseUrl, owner, options.ownerLoginOptional ?? false, http);
		});
		if (cookie) {
			if (withPackage) {
				await step('start', 'check that n8n loaded the inSIM nodes', async () =>
					waitForInsimNodeTypes(baseUrl, cookie as string, server as GuardedProcess),
				);
			}
			await step('setup', 'create a public API key', async () => {
				apiKey = await createApiKey(rest);
			});
		}
		progress(`[n8n] n8n is ready at ${baseUrl} (${formatDuration(Date.now() - started)}).`);
		return instance;
	} catch (error) {
		await instance.stop({ failed: true });
		throw error;
	}
}

/** The environment n8n runs with: only loopback, nothing phoned home, the harness's folders. */
export function n8nEnvironment(params: {
	runtime: N8nRuntime;
	userFolder: string;
	port: number;
	brokerPort: number;
	extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// Nothing of the caller's n8n, npm or jest settings may leak into this n8n.
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|npm_|JEST_|TS_NODE_)/i.test(key)) continue;
		if (
			['WEBHOOK_URL', 'NODE_ENV', 'NODE_OPTIONS', 'INIT_CWD', 'NODE', 'GENERIC_TIMEZONE'].includes(
				key,
			)
		) {
			continue;
		}
		env[key] = value;
	}
	const baseUrl = `http://127.0.0.1:${params.port}/`;
	return {
		...env,
		PATH: `${params.runtime.nodeBinDir}${delimiter}${process.env.PATH ?? ''}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: params.userFolder,
		N8N_PORT: String(params.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: baseUrl,
		N8N_WEBHOOK_URL: baseUrl,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(params.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// Its only job is a periodic download from n8n's servers, which only loopback can't reach.
		// n8n 1.x has no such module and refuses to start on an unknown name.
		...(params.runtime.major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// WAL mode (pool > 0) lets the CLI write executions while `n8n start` holds the database.
		DB_SQLITE_POOL_SIZE: '3',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...params.extra,
	};
}

/**
 * Puts the package where n8n's community-package loader finds what `npm install` put there: the
 * `npm pack` tarball (only the files npm would publish) unpacked in ~/.n8n/nodes/node_modules.
 */
async function installPackage(packageDir: string, userFolder: string): Promise<void> {
	if (!existsSync(join(packageDir, 'dist'))) {
		throw new Error(`${packageDir}/dist is missing: run \`npm run build\` first`);
	}
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', INSIM_PACKAGE_NAME);
	const packDir = mkdtempSync(join(tmpdir(), 'insim-pack-'));
	try {
		const { stdout } = await execFileAsync(
			'npm',
			['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
			{ cwd: packageDir, timeout: 120000, maxBuffer: 16 * 1024 * 1024 },
		);
		const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		await execFileAsync('tar', [
			'-xzf',
			join(packDir, packed.filename),
			'-C',
			target,
			'--strip-components=1',
		]);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	const nodesManifest = {
		name: 'installed-nodes',
		private: true,
		dependencies: { [INSIM_PACKAGE_NAME]: manifest.version },
	};
	writeFileSync(join(nodesDir, 'package.json'), `${JSON.stringify(nodesManifest, null, 2)}\n`);
}

async function waitUntilReady(
	baseUrl: string,
	server: GuardedProcess,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!server.isRunning()) {
			const status = await server.exited;
			throw new Error(`n8n exited during startup with ${status.code ?? status.signal}`);
		}
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(5000),
			});
			// n8n 1.x answers readiness before its REST routes exist (POST /rest/owner/setup: 404).
			if (response.status === 200) {
				const settings = await fetch(`${baseUrl}/rest/settings`, {
					signal: AbortSignal.timeout(5000),
				});
				if (settings.status === 200) return;
			}
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

type Http = (
	method: string,
	url: string,
	headers: Record<string, string>,
	body?: unknown,
) => Promise<HttpResult & { setCookies: string[] }>;

async function setUpOwnerAndLogIn(
	baseUrl: string,
	owner: OwnerLogin,
	loginOptional: boolean,
	http: Http,
): Promise<string | undefined> {
	const settings = await http('GET', `${baseUrl}/rest/settings`, {});
	const userManagement = (
		settings.body as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } }
	)?.data?.userManagement;
	if (userManagement?.showSetupOnFirstLoad !== false) {
		const setup = await http(
			'POST',
			`${baseUrl}/rest/owner/setup`,
			{},
			{
				email: owner.email,
				password: owner.password,
				firstName: owner.firstName ?? 'Local',
				lastName: owner.lastName ?? 'Owner',
			},
		);
		if (setup.status !== 200)
			throw new Error(`owner setup: HTTP ${setup.status}: ${messageOf(setup)}`);
	}
	const login = await http(
		'POST',
		`${baseUrl}/rest/login`,
		{},
		{
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		},
	);
	const authCookie = login.setCookies
		.map((line) => line.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (login.status === 200 && authCookie) return authCookie;
	if (loginOptional) return undefined;
	throw new Error(`login as ${owner.email}: HTTP ${login.status}: ${messageOf(login)}`);
}

async function waitForInsimNodeTypes(
	baseUrl: string,
	cookie: string,
	server: GuardedProcess,
): Promise<void> {
	const deadline = Date.now() + 30000;
	let seen: string[] = [];
	for (;;) {
		if (!server.isRunning()) throw new Error('n8n exited');
		const response = await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } });
		if (response.status === 200) {
			const types = (await response.json()) as Array<{ name: string }>;
			seen = types
				.map((type) => type.name)
				.filter((name) => name.startsWith(`${INSIM_PACKAGE_NAME}.`));
			if (INSIM_NODE_TYPES.every((name) => seen.includes(name))) return;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`n8n did not load ${INSIM_NODE_TYPES.join(', ')} (it has: ${seen.join(', ') || 'none'}); ` +
					'look for "community" or "Failed to load" in the log',
			);
		}
		await sleep(1000);
	}
}

interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

/**
 * n8n 2.40 publishes through an outbox: the API answers before the triggers are registered, and
 * a webhook called in between gets 404. Waits until every trigger is live or one failed.
 */
async function waitUntilPublished(
	id: string,
	rest: <T>(method: string, path: string, body?: unknown) => Promise<T>,
): Promise<void> {
	const deadline = Date.now() + 60000;
	for (;;) {
		const publication = await rest<PublicationStatus>(
			'GET',
			`/rest/workflows/${id}/publication-status`,
		);
		if (publication.status === 'published') return;
		if (publication.status === 'partial' || publication.status === 'failed') {
			const reasons = publication.triggers
				.filter((trigger) => trigger.status === 'failed')
				.map((trigger) => `node ${trigger.nodeId}: ${trigger.errorMessage ?? 'no reason given'}`);
			throw new Error(
				`n8n could not activate its triggers (${publication.status}): ${reasons.join('; ')}`,
			);
		}
		if (Date.now() > deadline) throw new Error(`still "${publication.status}" after 60 s`);
		await sleep(200);
	}
}

async function createApiKey(
	rest: <T>(method: string, path: string, body?: unknown) => Promise<T>,
): Promise<string> {
	// A kept user folder collects one key per start otherwise.
	type ApiKeyListing = { id: string; label: string };
	// 2.40 answers { items, counts, ... }; older versions a plain array.
	const listed = await rest<ApiKeyListing[] | { items: ApiKeyListing[] }>('GET', '/rest/api-keys');
	const existing = Array.isArray(listed) ? listed : listed.items;
	for (const key of existing.filter((key) => key.label === API_KEY_LABEL)) {
		await rest('DELETE', `/rest/api-keys/${key.id}`);
	}
	const scopes = await rest<string[]>('GET', '/rest/api-keys/scopes');
	const created = await rest<{ rawApiKey: string }>('POST', '/rest/api-keys', {
		label: API_KEY_LABEL,
		scopes,
		expiresAt: null,
	});
	return created.rawApiKey;
}

/**
 * `n8n execute --rawOutput` prints log lines and then the execution as pretty JSON: a line `{`,
 * indented lines, a line `}`. A failed workflow prints the same JSON after "Execution error:"
 * and exits with 1.
 */
function parseExecution(workflowId: string, result: CliResult): WorkflowRunResult {
	const start = result.stdout.search(/^\{$/m);
	const endMatch = start === -1 ? null : /^\}$/m.exec(result.stdout.slice(start));
	if (start === -1 || !endMatch) {
		throw stepError(
			'run',
			`n8n execute --id=${workflowId} printed no execution (exit ${result.code ?? result.signal}):\n` +
				tailOfText(`${result.stdout}\n${result.stderr}`, 20),
		);
	}
	const execution = JSON.parse(
		result.stdout.slice(start, start + endMatch.index + 1),
	) as ExecutionJson;
	const { runData, error } = execution.data.resultData;
	const nodesRun = Object.keys(runData);
	const status = execution.status ?? (error ? 'error' : 'success');
	// n8n 2.40.7's CLI sometimes dies with SIGSEGV (139) while shutting down, after it printed the
	// whole execution (seen on loaded machines, with any workflow): that is n8n's teardown, not the
	// run, so the exit code it would have given is reported, and the crash said on stderr.
	let exitCode = result.code;
	if (exitCode === 139) {
		exitCode = status === 'success' ? 0 : 1;
		process.stderr.write(`[e2e:run] n8n execute --id=${workflowId} crashed at exit (139)\n`);
	}
	return {
		workflowId,
		exitCode,
		status,
		error: error
			? { message: error.message ?? '', description: error.description, nodeName: error.node?.name }
			: undefined,
		execution,
		nodesRun,
		output(nodeName, outputIndex = 0, runIndex = 0) {
			const run = runData[nodeName]?.[runIndex];
			if (!run) {
				throw stepError('check', `node "${nodeName}" did not run (ran: ${nodesRun.join(', ')})`);
			}
			return run.data?.main?.[outputIndex] ?? [];
		},
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

function messageOf(result: HttpResult): string {
	const body = result.body as { message?: string } | undefined;
	return (body && typeof body === 'object' && body.message) || result.text.slice(0, 300);
}

/** 16 letters and digits, like n8n's own ids. */
export function newId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function clip(text: string, limit = 4000): string {
	if (text.length <= limit) return text.trimEnd();
	return `${text.slice(0, limit / 2)}\n[... ${text.length - limit} characters left out ...]\n${text.slice(-limit / 2)}`.trimEnd();
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function isClosedSocket(error: unknown): boolean {
	const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
	return (
		cause?.code === 'UND_ERR_SOCKET' ||
		cause?.code === 'ECONNRESET' ||
		/other side closed/i.test(cause?.message ?? '')
	);
}
