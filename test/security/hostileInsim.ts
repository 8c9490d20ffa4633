/**
 * A misbehaving "inSIM" on loopback, for the security suite. The behaviour is chosen by the base
 * URL itself (`http://127.0.0.1:<port>/<mode>/api`), so one server serves every credential of a
 * test, in-process or for a real n8n, with no shared state to set between runs.
 *
 * Every mode that answers puts the request body (which carries the access key) somewhere in its
 * answer, the way a debugging proxy, a WAF page or a careless error handler would. Redirect modes
 * point at a second "catcher" server (another port) or at the same port under another host name
 * (`localhost` vs `127.0.0.1`): no request may ever arrive there.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOSTILE_MODES = [
	/** 500, text/plain: the raw request body */
	'echo500Text',
	/** 400, JSON: `{ error: body, error_code: body, field: key, feature: key, upgrade_url: key }` */
	'echo400Json',
	/** 200, text/html: a page quoting the body */
	'echo200Html',
	/** 200, JSON: `{ success: false, error: body, message: body }` */
	'echoSuccessFalse',
	/** 200, JSON: a success-shaped answer whose every string (and a key) carries the key */
	'echoInSuccess',
	/** 502, JSON: the key URL-encoded, JSON-escaped PHP-style, HTML-escaped, lower-case % codes */
	'echoEncoded',
	/** 200, JSON with the key spelled in \u escapes (raw text never contains it) */
	'echoUnicodeEscaped',
	/** 429 then 500 echoing the body (the retry path) */
	'echoAfterRateLimit',
	/** 301/302/303/307/308 to the catcher server (other port) */
	'redirect301',
	'redirect302',
	'redirect303',
	'redirect307',
	'redirect308',
	/** 307 to http://localhost:<same port>: another origin on the same server */
	'redirect307Localhost',
	/** 308 to the catcher with the key in the Location's query */
	'redirect308KeyInLocation',
	/** never answers (Timeout cases) */
	'hang',
] as const;

export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface ReceivedRequest {
	mode: string;
	method: string;
	url: string;
	host: string;
	body: string;
}

export interface HostileInsim {
	/** `http://127.0.0.1:<port>/<mode>/api` */
	baseUrl(mode: HostileMode | string): string;
	port: number;
	/** requests that reached the configured origin (127.0.0.1:<port>) */
	received: ReceivedRequest[];
	/** requests that reached anything else: the catcher, or this port under `localhost` */
	strayed: ReceivedRequest[];
	catcherPort: number;
	close(): Promise<void>;
}

export interface HostileOptions {
	/** the access key, to spell it in encoded forms (the echo modes need no knowledge of it) */
	accessKey: string;
}

const REDIRECT_STATUS: Record<string, number> = {
	redirect301: 301,
	redirect302: 302,
	redirect303: 303,
	redirect307: 307,
	redirect308: 308,
	redirect307Localhost: 307,
	redirect308KeyInLocation: 308,
};

export async function startHostileInsim(options: HostileOptions): Promise<HostileInsim> {
	const received: ReceivedRequest[] = [];
	const strayed: ReceivedRequest[] = [];
	const hanging = new Set<ServerResponse>();
	const key = options.accessKey;

	const catchers: Server[] = [];
	const catcherHandler = async (req: IncomingMessage, res: ServerResponse) => {
		strayed.push({ mode: 'catcher', ...(await readRequest(req)) });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"success":true,"caught":true}');
	};
	const catcher = createServer((req, res) => void catcherHandler(req, res));
	await listen(catcher, 0, '127.0.0.1');
	const catcherPort = (catcher.address() as AddressInfo).port;
	catchers.push(catcher);
	// `localhost` may resolve to ::1 first: listen there too, or a followed redirect would be
	// refused and look like a pass.
	const catcher6 = createServer((req, res) => void catcherHandler(req, res));
	if (
		await listen(catcher6, catcherPort, '::1').then(
			() => true,
			() => false,
		)
	) {
		catchers.push(catcher6);
	}

	let port = 0;
	const handler = async (req: IncomingMessage, res: ServerResponse) => {
		const request = await readRequest(req);
		const mode = (request.url.split('/')[1] ?? '').split('?')[0];
		if (request.host !== `127.0.0.1:${port}`) {
			strayed.push({ mode, ...request });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"success":true,"caught":true}');
			return;
		}
		received.push({ mode, ...request });
		const body = request.body;
		const send = (status: number, type: string, text: string, headers = {}) => {
			res.writeHead(status, { 'content-type': type, ...headers });
			res.end(text);
		};
		const json = (status: number, value: unknown) =>
			send(status, 'application/json', JSON.stringify(value));
		const path = request.url.slice(mode.length + 1);

		if (mode in REDIRECT_STATUS) {
			const status = REDIRECT_STATUS[mode];
			const location =
				mode === 'redirect307Localhost'
					? `http://localhost:${port}${request.url}`
					: mode === 'redirect308KeyInLocation'
						? `http://127.0.0.1:${catcherPort}${path}?accessKey=${encodeURIComponent(key)}&raw=${key}`
						: `http://127.0.0.1:${catcherPort}${path}`;
			send(status, 'text/plain', `Moved: ${body}`, { location });
			return;
		}
		switch (mode) {
			case 'echo500Text':
				return send(500, 'text/plain', `Internal error while handling ${body}`);
			case 'echo400Json':
				return json(400, {
					success: false,
					error: `bad request ${body}`,
					error_code: `E_${key}`,
					field: key,
					feature: key,
					subscription_type: key,
					upgrade_url: `https://example.test/?k=${key}`,
				});
			case 'echo200Html':
				return send(200, 'text/html', `<html><body><pre>${body}</pre></body></html>`);
			case 'echoSuccessFalse':
				return json(200, { success: false, error: body, message: body });
			case 'echoInSuccess':
				return json(200, successEcho(path, body, key));
			case 'echoEncoded':
				return json(502, {
					success: false,
					error: [
						encodeURIComponent(key),
						encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
						encodeURIComponent(key).replace(/%20/g, '+'),
						JSON.stringify(key).slice(1, -1),
						key
							.replace(/&/g, '&amp;')
							.replace(/</g, '&lt;')
							.replace(/>/g, '&gt;')
							.replace(/"/g, '&quot;'),
					].join(' | '),
				});
			case 'echoUnicodeEscaped': {
				const escaped = [...key]
					.map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
					.join('');
				return send(200, 'application/json', `{"success":false,"error":"key ${escaped}"}`);
			}
			case 'echoAfterRateLimit': {
				const seen = received.filter((entry) => entry.mode === mode && entry.url === request.url);
				if (seen.length % 2 === 1)
					return send(429, 'text/plain', `slow down ${body}`, { 'retry-after': '0' });
				return send(500, 'text/plain', `after the rate limit: ${body}`);
			}
			case 'hang':
				hanging.add(res);
				res.on('close', () => hanging.delete(res));
				return;
			default:
				return json(404, { success: false, error: `unknown mode ${mode}: ${body}` });
		}
	};
	const server = createServer((req, res) => void handler(req, res));
	await listen(server, 0, '127.0.0.1');
	port = (server.address() as AddressInfo).port;
	const server6 = createServer((req, res) => void handler(req, res));
	const servers = [server];
	if (
		await listen(server6, port, '::1').then(
			() => true,
			() => false,
		)
	)
		servers.push(server6);

	return {
		port,
		catcherPort,
		received,
		strayed,
		baseUrl: (mode) => `http://127.0.0.1:${port}/${mode}/api`,
		async close() {
			for (const res of hanging) res.destroy();
			await Promise.all(
				[...servers, ...catchers].map(
					(each) =>
						new Promise<void>((resolve) => {
							each.closeAllConnections();
							each.close(() => resolve());
						}),
				),
			);
		},
	};
}

/** A 200 that looks like success for each endpoint, with the body and the key in every string. */
function successEcho(path: string, body: string, key: string): unknown {
	const echo = `echo ${body}`;
	if (path.startsWith('/api/v1/sendsms')) {
		let count = 1;
		try {
			count = (JSON.parse(body) as { messages?: unknown[] }).messages?.length ?? 1;
		} catch {
			// not JSON: one entry
		}
		return Array.from({ length: count }, (_, index) => ({
			id_sms_api: `id-${index}-${key}`,
			sent: index % 2,
			user: echo,
			message: echo,
			error: echo,
			[`extra_${key}`]: key,
			nested: { deeper: [{ text: echo }] },
		}));
	}
	if (path.startsWith('/api/v1/contact')) {
		return { data: { contact: [{ result: echo, phonenumber: echo, errors: [echo] }] } };
	}
	if (path.startsWith('/api/v1/clictocall')) {
		return [{ result: echo, info: echo, errors: [`#${key}`] }];
	}
	return {
		success: true,
		account: { login: echo, note: key, [`k_${key}`]: echo },
		webhooks: { sms: echo },
	};
}

async function readRequest(req: IncomingMessage) {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return {
		method: req.method ?? '',
		url: req.url ?? '',
		host: String(req.headers.host ?? ''),
		body: Buffer.concat(chunks).toString('utf8'),
	};
}

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/** Every spelling of `secret` a leak could take in stored text (see the transport's list). */
export function leakForms(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const uri = encodeURIComponent(secret);
	return [
		...new Set([
			secret,
			json,
			JSON.stringify(json).slice(1, -1),
			json.replace(/\//g, '\\/'),
			uri,
			uri.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
			uri.replace(/%20/g, '+'),
			secret
				.replace(/&/g, '&amp;')
				.replace(/</g, '&lt;')
				.replace(/>/g, '&gt;')
				.replace(/"/g, '&quot;'),
			Buffer.from(secret, 'utf8').toString('base64'),
			// A distinctive middle part: catches any other escaping of the whole key.
			secret
				.replace(/[^A-Za-z0-9]+/g, ' ')
				.trim()
				.split(' ')
				.sort((a, b) => b.length - a.length)[0],
		]),
	];
}

/** How many times any form of `secret` occurs in `text`. */
export function countLeaks(text: string, secret: string): number {
	let count = 0;
	for (const form of leakForms(secret)) {
		if (form.length < 6) continue;
		count += text.split(form).length - 1;
	}
	return count;
}
