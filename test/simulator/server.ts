// The HTTP side: a real node:http server, /api routing, faults, latency and the /__sim controls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest, badCredentialsOutcome, type ApiOutcome } from './api';
import {
	FAULT_HTML_503,
	FAULT_HTML_LOGIN,
	FAULT_MALFORMED_JSON,
	FaultBook,
	parseFaultRule,
} from './faults';
import { SimulatorState } from './state';
import { VariantBook } from './variants';
import { recordFiredEvent } from './v2/history';
import type {
	FaultRule,
	RecordedRequest,
	SentMessage,
	Simulator,
	SimulatorOptions,
	WebhookUrls,
} from './types';
import { buildDeliveryStatusPayload, WEBHOOK_PARAMS, WebhookSender } from './webhooks';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const JSON_CONTROL_KEYS = new Set([
	'POST /faults',
	'POST /options',
	'POST /fire-webhook',
	'POST /variants',
]);

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(rawBody: string): { body: unknown; isJson: boolean } {
	if (rawBody.trim() === '') return { body: undefined, isJson: false };
	try {
		return { body: JSON.parse(rawBody) as unknown, isJson: true };
	} catch {
		return { body: undefined, isJson: false };
	}
}

function writeRaw(
	res: ServerResponse,
	status: number,
	contentType: string,
	text: string,
	headers: Record<string, string> = {},
): void {
	if (res.destroyed || res.headersSent) return;
	res.writeHead(status, {
		'content-type': contentType,
		'content-length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
}

function writeJson(
	res: ServerResponse,
	status: number,
	json: unknown,
	headers: Record<string, string> = {},
): void {
	writeRaw(res, status, JSON_TYPE, JSON.stringify(json), headers);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const state = new SimulatorState(options);
	const faults = new FaultBook();
	const variants = new VariantBook();
	const sender = new WebhookSender();
	const latencyTimers = new Set<NodeJS.Timeout>();
	let closePromise: Promise<void> | undefined;

	// Cleared by close(): a request still waiting simply never gets its answer.
	const waitLatency = (): Promise<void> => {
		const ms = state.options.latencyMs;
		if (!ms || ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				latencyTimers.delete(timer);
				resolve();
			}, ms);
			latencyTimers.add(timer);
		});
	};

	const fireWebhook = async (
		callbackUrl: string,
		param: string,
		payload: unknown,
		opts: { method?: 'GET' | 'POST' } = {},
	): Promise<{ status: number; body: string }> => {
		const method = opts.method ?? 'GET';
		const at = Date.now();
		recordFiredEvent(state, param, payload);
		try {
			const delivery = await sender.send(callbackUrl, param, payload, { method });
			state.firedWebhooks.push({ url: delivery.url, method, status: delivery.status, at });
			return { status: delivery.status, body: delivery.body };
		} catch (error) {
			const url = `${callbackUrl}?${param}=…`;
			state.firedWebhooks.push({ url, method, error: (error as Error).message, at });
			throw error;
		}
	};

	const sendDeliveryReports = async (login: string, messages: SentMessage[]): Promise<void> => {
		for (const message of messages) {
			for (const status of ['sent', 'received'] as const) {
				const callbackUrl = state.findAccount(login)?.webhooks.delivery_status;
				if (!callbackUrl) return;
				const payload = buildDeliveryStatusPayload({
					login,
					phoneNumber: message.phone_number,
					status,
					idSmsApi: message.id_sms_api,
				});
				// Failures are already logged in firedWebhooks; a dead receiver must not stop the rest.
				await fireWebhook(callbackUrl, WEBHOOK_PARAMS.delivery_status, payload).catch(
					() => undefined,
				);
			}
		}
	};

	const processApi = (record: RecordedRequest, bodyIsJson: boolean): ApiOutcome => {
		variants.translateRequest(record.body);
		const outcome = handleApiRequest(state, record, bodyIsJson);
		if (outcome.status === 200) outcome.json = variants.apply(record.path, outcome.json);
		if (state.options.autoDeliveryReports && outcome.login && outcome.accepted.length > 0) {
			void sendDeliveryReports(outcome.login, outcome.accepted);
		}
		return outcome;
	};

	const answer = (res: ServerResponse, record: RecordedRequest, outcome: ApiOutcome): void => {
		if (res.destroyed) return;
		record.status = outcome.status;
		writeJson(res, outcome.status, outcome.json, outcome.headers);
	};

	const answerRaw = (
		res: ServerResponse,
		record: RecordedRequest,
		status: number,
		contentType: string,
		text: string,
		headers: Record<string, string> = {},
	): void => {
		if (res.destroyed) return;
		record.status = status;
		writeRaw(res, status, contentType, text, headers);
	};

	const handleApi = async (
		req: IncomingMessage,
		res: ServerResponse,
		pathname: string,
		rawBody: string,
	): Promise<void> => {
		const isApi = pathname === '/api' || pathname.startsWith('/api/');
		const { body, isJson } = parseJson(rawBody);
		const record: RecordedRequest = {
			seq: state.takeSeq(),
			method: req.method ?? 'GET',
			path: isApi ? pathname.slice(4) || '/' : pathname,
			url: req.url ?? '/',
			headers: { ...req.headers },
			rawBody,
			body,
			receivedAt: Date.now(),
			processed: false,
			acceptedMessages: [],
		};
		state.requests.push(record);

		if (!isApi) {
			await waitLatency();
			answer(res, record, {
				status: 404,
				json: { success: false, error: `Not found: ${pathname}`, error_code: 'NOT_FOUND' },
				accepted: [],
			});
			return;
		}

		const fault = faults.take(record.path);
		if (fault) record.fault = fault.kind;
		switch (fault?.kind) {
			case 'reset':
				// An RST, before anything is processed.
				req.socket.resetAndDestroy();
				return;
			case 'hang':
				processApi(record, isJson);
				return; // never answered; close() destroys the socket
			case 'resetAfterProcessing':
				processApi(record, isJson);
				await waitLatency();
				req.socket.resetAndDestroy();
				return;
			case 'http500AfterProcessing':
				processApi(record, isJson);
				await waitLatency();
				answer(res, record, {
					status: 500,
					json: { success: false, error: 'Internal server error' },
					accepted: [],
				});
				return;
			case undefined:
				break;
			default:
				await waitLatency();
				break;
		}
		switch (fault?.kind) {
			case 'http500':
				answer(res, record, {
					status: 500,
					json: { success: false, error: 'Internal server error' },
					accepted: [],
				});
				return;
			case 'http429':
				answer(res, record, {
					status: 429,
					json: { success: false, error: 'Too many requests', error_code: 'RATE_LIMITED' },
					headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
					accepted: [],
				});
				return;
			case 'http503Html':
				answerRaw(res, record, 503, HTML_TYPE, FAULT_HTML_503);
				return;
			case 'html':
				answerRaw(res, record, 200, HTML_TYPE, FAULT_HTML_LOGIN);
				return;
			case 'empty':
				// Claims JSON and sends nothing: the nasty variant.
				answerRaw(res, record, 200, JSON_TYPE, '');
				return;
			case 'malformed':
				answerRaw(res, record, 200, JSON_TYPE, FAULT_MALFORMED_JSON);
				return;
			case 'badCredentials':
				answer(res, record, badCredentialsOutcome(state));
				return;
			default: {
				const outcome = processApi(record, isJson);
				await waitLatency();
				answer(res, record, outcome);
			}
		}
	};

	const webhooksFor = (login: string): WebhookUrls => {
		const account = state.findAccount(login);
		if (!account) throw new Error(`no simulated account ${login}`);
		return account.webhooks;
	};

	const handleControl = async (
		req: IncomingMessage,
		res: ServerResponse,
		pathname: string,
		rawBody: string,
	): Promise<void> => {
		const method = req.method ?? 'GET';
		const route = pathname.slice('/__sim'.length) || '/';
		const { body, isJson } = parseJson(rawBody);
		const query = new URLSearchParams((req.url ?? '').split('?').slice(1).join('?'));

		if (route.startsWith('/recorder/')) {
			const url = req.url ?? '/';
			state.recorded.push({
				seq: state.takeRecorderSeq(),
				method,
				path: url.slice('/__sim/recorder'.length),
				url,
				headers: { ...req.headers },
				rawBody,
				body,
				receivedAt: Date.now(),
			});
			writeJson(res, 200, { ok: true });
			return;
		}
		const key = `${method} ${route.replace(/\/+$/, '') || '/'}`;
		const needsJsonObject = JSON_CONTROL_KEYS.has(key);
		if (needsJsonObject && (!isJson || typeof body !== 'object' || body === null)) {
			writeJson(res, 400, { ok: false, error: 'expected a JSON body' });
			return;
		}
		const fields = (body ?? {}) as Record<string, unknown>;
		switch (key) {
			case 'GET /health':
			case 'GET /':
				writeJson(res, 200, { ok: true, baseUrl: simulator.baseUrl });
				return;
			case 'GET /requests':
				writeJson(res, 200, state.requests);
				return;
			case 'GET /messages':
				writeJson(res, 200, state.messages);
				return;
			case 'GET /contacts':
				writeJson(res, 200, state.contacts);
				return;
			case 'GET /calls':
				writeJson(res, 200, state.calls);
				return;
			case 'GET /webhooks': {
				const login = query.get('login') ?? state.primaryAccount()?.login ?? '';
				const account = state.findAccount(login);
				if (!account) writeJson(res, 404, { ok: false, error: `no simulated account ${login}` });
				else writeJson(res, 200, account.webhooks);
				return;
			}
			case 'GET /fired-webhooks':
				writeJson(res, 200, state.firedWebhooks);
				return;
			case 'GET /faults':
				// Infinity serialises as null, which POST /faults reads back as Infinity.
				writeJson(res, 200, faults.list());
				return;
			case 'POST /faults':
				try {
					const rules = Array.isArray(body) ? body : [body];
					const parsed: FaultRule[] = rules.map((rule) => parseFaultRule(rule));
					parsed.forEach((rule) => faults.add(rule));
					writeJson(res, 200, { ok: true, faults: faults.list() });
				} catch (error) {
					writeJson(res, 400, { ok: false, error: (error as Error).message });
				}
				return;
			case 'DELETE /faults':
			case 'POST /faults/clear':
				faults.clear();
				writeJson(res, 200, { ok: true });
				return;
			case 'GET /variants':
				writeJson(res, 200, variants.list());
				return;
			case 'POST /variants':
				try {
					const choices = Array.isArray(body) ? body : [body];
					for (const choice of choices as Array<Record<string, unknown>>) {
						if (typeof choice?.path !== 'string' || typeof choice.variant !== 'string') {
							throw new Error('expected {"path": "...", "variant": "..."}');
						}
					}
					for (const choice of choices as Array<{ path: string; variant: string }>) {
						variants.set(choice.path, choice.variant);
					}
					writeJson(res, 200, { ok: true, variants: variants.list() });
				} catch (error) {
					writeJson(res, 400, { ok: false, error: (error as Error).message });
				}
				return;
			case 'DELETE /variants':
			case 'POST /variants/clear': {
				const path = typeof fields.path === 'string' ? fields.path : query.get('path');
				variants.clear(path ?? undefined);
				writeJson(res, 200, { ok: true, variants: variants.list() });
				return;
			}
			case 'POST /reset':
				simulator.reset();
				writeJson(res, 200, { ok: true });
				return;
			case 'GET /options':
				writeJson(res, 200, state.options);
				return;
			case 'POST /options':
				state.setOptions(fields as Partial<SimulatorOptions>);
				writeJson(res, 200, { ok: true, options: state.options });
				return;
			case 'POST /fire-webhook': {
				const { callbackUrl, param, payload } = fields;
				const webhookMethod = fields.method === 'POST' ? 'POST' : 'GET';
				if (typeof callbackUrl !== 'string' || typeof param !== 'string') {
					writeJson(res, 400, { ok: false, error: 'callbackUrl and param must be strings' });
					return;
				}
				try {
					const delivery = await fireWebhook(callbackUrl, param, payload, {
						method: webhookMethod,
					});
					writeJson(res, 200, { ok: true, ...delivery });
				} catch (error) {
					writeJson(res, 502, { ok: false, error: (error as Error).message });
				}
				return;
			}
			case 'GET /recorder':
				writeJson(res, 200, state.recorded);
				return;
			case 'DELETE /recorder':
				state.recorded.length = 0;
				writeJson(res, 200, { ok: true });
				return;
			default:
				writeJson(res, 404, { ok: false, error: `unknown simulator control ${key}` });
		}
	};

	const server = createServer((req, res) => {
		const pathname = (req.url ?? '/').split('?')[0];
		readBody(req)
			.then((rawBody) =>
				pathname === '/__sim' || pathname.startsWith('/__sim/')
					? handleControl(req, res, pathname, rawBody)
					: handleApi(req, res, pathname, rawBody),
			)
			.catch((error: Error) => {
				writeJson(res, 500, { success: false, error: `simulator error: ${error.message}` });
			});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(state.options.port, state.options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const hostForUrl = state.options.host.includes(':')
		? `[${state.options.host}]`
		: state.options.host;
	const origin = `http://${hostForUrl}:${port}`;

	const simulator: Simulator = {
		baseUrl: `${origin}/api`,
		origin,
		port,
		requests: state.requests,
		sentMessages: () => state.messages.map((message) => ({ ...message })),
		contacts: state.contacts,
		calls: state.calls,
		get webhooks(): WebhookUrls {
			const account = state.primaryAccount();
			if (!account) throw new Error('the simulator has no account');
			return account.webhooks;
		},
		webhooksFor,
		store: (login) => {
			const account = login ? state.findAccount(login) : state.primaryAccount();
			if (!account) throw new Error(`no simulated account ${login ?? '(primary)'}`);
			return state.storeFor(account.login);
		},
		recorded: state.recorded,
		firedWebhooks: state.firedWebhooks,
		addFault: (rule) => faults.add(rule),
		clearFaults: () => faults.clear(),
		setVariant: (path, variant) => variants.set(path, variant),
		clearVariants: (path) => variants.clear(path),
		variants: () => variants.list(),
		numericIdOf: (hexId) => variants.aliasOf(hexId),
		setOptions: (partial) => state.setOptions(partial),
		reset: () => {
			state.reset();
			faults.clear();
			variants.reset();
		},
		fireWebhook,
		close: () => {
			closePromise ??= (async () => {
				for (const timer of latencyTimers) clearTimeout(timer);
				latencyTimers.clear();
				await sender.closeAll();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					// Hung requests and idle keep-alive sockets would otherwise keep the process alive.
					server.closeAllConnections();
				});
			})();
			return closePromise;
		},
	};
	return simulator;
}
