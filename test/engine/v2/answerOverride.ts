/**
 * A tiny HTTP server in front of the simulator: for the v2 endpoints a test names, it answers
 * itself (another plausible shape of inSIM's answer); every other request is passed on to the
 * simulator unchanged, so the simulator's request log shows exactly what reached "inSIM" behind.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Simulator } from '../../simulator';

/** Returned by an AnswerFor: pass this request on to the simulator. */
export const FORWARD = Symbol('forward');

/** The answer to one request: a JSON body (HTTP 200), from the request's JSON body. */
export type AnswerFor = (body: Record<string, unknown>) => unknown;

export interface AnswerOverride {
	/** API Base URL for the credential: requests go through the override server */
	baseUrl: string;
	/** answer `endpoint` (e.g. `account/webhooks`) with this JSON from now on */
	set(endpoint: string, answer: unknown): void;
	/** answer `endpoint` with what `answerFor` gives for each request's body */
	answerWith(endpoint: string, answerFor: AnswerFor): void;
	clear(): void;
	/** bodies of the requests this server answered itself, per endpoint */
	answered(endpoint: string): Array<Record<string, unknown>>;
	close(): Promise<void>;
}

export async function startAnswerOverride(sim: Simulator): Promise<AnswerOverride> {
	const overrides = new Map<string, AnswerFor>();
	const answered: Array<{ endpoint: string; body: Record<string, unknown> }> = [];
	const target = new URL(sim.origin);

	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const endpoint = /^\/api\/v2\/(.+?)\/?$/i.exec(req.url ?? '')?.[1]?.toLowerCase();
			const answerFor = endpoint === undefined ? undefined : overrides.get(endpoint);
			if (endpoint !== undefined && answerFor !== undefined) {
				const body = raw.length
					? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)
					: {};
				const answer = answerFor(body);
				if (answer !== FORWARD) {
					answered.push({ endpoint, body });
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify(answer));
					return;
				}
			}
			const forwarded = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: target.host },
				},
				(upstream) => {
					res.writeHead(upstream.statusCode ?? 502, upstream.headers);
					upstream.pipe(res);
				},
			);
			forwarded.on('error', () => res.destroy());
			forwarded.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}/api`,
		set(endpoint, answer) {
			overrides.set(endpoint.toLowerCase(), () => answer);
		},
		answerWith(endpoint, answerFor) {
			overrides.set(endpoint.toLowerCase(), answerFor);
		},
		clear() {
			overrides.clear();
			answered.length = 0;
		},
		answered: (endpoint) =>
			answered.filter((entry) => entry.endpoint === endpoint).map((entry) => entry.body),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
