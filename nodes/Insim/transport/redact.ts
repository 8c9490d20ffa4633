import type { InsimCredentials } from './credentials';

/**
 * Secret scrubbing: the access key (and, in errors, the login) never leaves the transport inside
 * an answer or an error, in whatever form a server may echo it back.
 */

/** The text put where a secret was. */
const SCRUBBED = '***';
const MIN_SECRET_LENGTH = 4;

/**
 * Every form in which a secret can come back inside server text: as sent, JSON-escaped (also
 * PHP-style, with `\/` and `\uXXXX`), URL-encoded (percent codes in either case, `+` for space)
 * and HTML-escaped.
 */
export function secretVariants(secret: string): string[] {
	if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return [];
	const json = JSON.stringify(secret).slice(1, -1);
	const phpJson = json
		.replace(/\//g, '\\/')
		.replace(
			/[\u007f-\uffff]/g,
			(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
		);
	const uriComponent = encodeURIComponent(secret);
	const variants = new Set([
		secret,
		json,
		phpJson,
		uriComponent,
		uriComponent.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
		uriComponent.replace(/%20/g, '+'),
		encodeURI(secret),
		secret
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&#39;'),
	]);
	// Longest first, so a longer form is never left half-replaced by a shorter one.
	return [...variants].filter((variant) => variant.length > 0).sort((a, b) => b.length - a.length);
}

/** A function that replaces every form of every given secret in a text (see secretVariants). */
export function secretScrubber(secrets: string[]): (text: string) => string {
	const variants = secrets.flatMap(secretVariants);
	if (variants.length === 0) return (text) => text;
	return (text) => {
		if (typeof text !== 'string') return text;
		let scrubbed = text;
		for (const variant of variants) {
			if (scrubbed.includes(variant)) scrubbed = scrubbed.split(variant).join(SCRUBBED);
		}
		return scrubbed;
	};
}

/** The two scrubbers of one request: for errors, and for the answer handed to the node. */
export function requestScrubbers(credentials: InsimCredentials): {
	redact: (text: string) => string;
	scrubAnswer: (text: string) => string;
} {
	// Errors lose the login too. In answers a value that is exactly the login names the account
	// (`user`, `account.login`) and stays; the login inside a longer text (an echo) goes.
	const redact = secretScrubber([credentials.accessKey, credentials.login]);
	const scrubKey = secretScrubber([credentials.accessKey]);
	const scrubAnswer = (text: string) => {
		const withoutKey = scrubKey(text);
		return withoutKey === credentials.login ? withoutKey : redact(withoutKey);
	};
	return { redact, scrubAnswer };
}

/**
 * Scrubs every string and every key of a parsed answer, in place (it is the node's own copy),
 * without recursion (a hostile answer may be nested thousands deep) and without ever assigning
 * a `__proto__` key.
 */
export function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
	if (typeof value === 'string') return scrub(value) as T;
	if (typeof value !== 'object' || value === null) return value;
	const pending: object[] = [value];
	const seen = new Set<object>();
	while (pending.length > 0) {
		const container = pending.pop() as Record<string, unknown>;
		if (seen.has(container)) continue;
		seen.add(container);
		for (const key of Object.keys(container)) {
			const child = container[key];
			let next = child;
			if (typeof child === 'string') next = scrub(child);
			else if (typeof child === 'object' && child !== null) pending.push(child);
			const cleanKey = Array.isArray(container) ? key : scrub(key);
			if (cleanKey !== key) {
				delete container[key];
				Object.defineProperty(container, cleanKey, {
					value: next,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			} else if (next !== child) {
				container[key] = next;
			}
		}
	}
	return value;
}

/** Scrubs what an error says and carries: message, description, stack, cause, context. */
export function scrubError(error: unknown, scrub: (text: string) => string): unknown {
	if (typeof error !== 'object' || error === null) return error;
	const target = error as Record<string, unknown>;
	for (const field of ['message', 'description', 'stack']) {
		if (typeof target[field] === 'string') target[field] = scrub(target[field] as string);
	}
	for (const field of ['cause', 'context', 'messages', 'errorResponse']) {
		if (typeof target[field] === 'object' && target[field] !== null) {
			scrubDeep(target[field], scrub);
		}
	}
	return error;
}
