/**
 * Request guards for the inSIM Trigger: IP allow-list, caller address behind proxies, shared
 * secret, and a filter for repeated deliveries. inSIM signs nothing and sends no auth header, so
 * these are the only ways to tell its calls from anyone else's. Pure: no I/O, no timers, and no
 * exported function throws.
 */
import { createHash, randomUUID, timingSafeEqual } from 'crypto';

export type CidrRange = {
	family: 4 | 6;
	/** The network address, host bits cleared. */
	bits: bigint;
	prefix: number;
	/** The entry as written. */
	text: string;
};

// BigInt() rather than literals: the build targets ES2019.
const ZERO = BigInt(0);
const ONE = BigInt(1);
const BYTE_BITS = BigInt(8);
const GROUP_BITS = BigInt(16);
const V4_IN_V6_SHIFT = BigInt(32);
const V4_ALL_ONES = BigInt(0xffffffff);
const MAPPED_V4_MARKER = BigInt(0xffff);
// ::ffff:0:0/96 is the IPv4-mapped block: a shorter prefix reaches beyond it.
const MAPPED_PREFIX = 96;

const ADDRESS_BITS: Readonly<Record<4 | 6, number>> = { 4: 32, 6: 128 };
// MASKS[family][prefix]: the network mask, built once.
const MASKS: Readonly<Record<4 | 6, bigint[]>> = { 4: buildMasks(32), 6: buildMasks(128) };

function buildMasks(width: number): bigint[] {
	const all = (ONE << BigInt(width)) - ONE;
	const masks: bigint[] = [];
	for (let prefix = 0; prefix <= width; prefix++) {
		masks.push(all ^ ((ONE << BigInt(width - prefix)) - ONE));
	}
	return masks;
}

type ParsedAddress = { family: 4 | 6; bits: bigint } | { reason: string };

/**
 * Parse an allow-list: entries separated by commas, semicolons, spaces or new lines; each an IPv4
 * or IPv6 address, optionally with a /prefix. A bare address is /32 or /128. Host bits after the
 * prefix are ignored (10.1.2.3/8 is 10.0.0.0/8), as in most firewalls. Empty text: no ranges.
 */
export function parseAllowedRanges(
	text: string,
): { ok: true; ranges: CidrRange[] } | { ok: false; reason: string } {
	if (typeof text !== 'string') return { ok: false, reason: 'is not text' };
	const ranges: CidrRange[] = [];
	for (const entry of text.split(/[\s,;]+/)) {
		if (entry === '') continue;
		const range = parseRange(entry);
		if ('reason' in range) return { ok: false, reason: `"${shorten(entry)}" ${range.reason}` };
		ranges.push(range);
	}
	return { ok: true, ranges };
}

function parseRange(entry: string): CidrRange | { reason: string } {
	const slash = entry.indexOf('/');
	const addressText = slash === -1 ? entry : entry.slice(0, slash);
	if (addressText.includes('%')) {
		return { reason: 'has a zone id (%…): zone ids are not allowed in ranges' };
	}
	const address = parseAddress(addressText);
	if ('reason' in address) return address;
	const width = ADDRESS_BITS[address.family];
	let prefix = width;
	if (slash !== -1) {
		const prefixText = entry.slice(slash + 1);
		prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
		if (!(prefix <= width)) {
			return {
				reason: `has an invalid prefix length: use a whole number from 0 to ${width} for IPv${address.family}`,
			};
		}
	}
	return {
		family: address.family,
		bits: address.bits & MASKS[address.family][prefix],
		prefix,
		text: entry,
	};
}

function parseAddress(text: string): ParsedAddress {
	if (text === '') return { reason: 'has no address before the /' };
	if (text.includes(':')) return parseIpv6(text);
	if (/^[\d.]+$/.test(text)) return parseIpv4(text);
	return { reason: 'is not an IPv4 or IPv6 address' };
}

function parseIpv4(text: string): ParsedAddress {
	const parts = text.split('.');
	if (parts.length !== 4) return { reason: 'is not an IPv4 address: it needs 4 numbers a.b.c.d' };
	let bits = ZERO;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) {
			return { reason: 'is not an IPv4 address: a part is not 0 to 255' };
		}
		// Some systems read a leading 0 as octal (010 = 8): refuse rather than guess.
		if (part.length > 1 && part.startsWith('0')) {
			return { reason: 'has a part with a leading zero, which some systems read as octal' };
		}
		const value = Number(part);
		if (value > 255) return { reason: 'is not an IPv4 address: a part is greater than 255' };
		bits = (bits << BYTE_BITS) | BigInt(value);
	}
	return { family: 4, bits };
}

function parseIpv6(text: string): ParsedAddress {
	const invalid = { reason: 'is not a valid IPv6 address' };
	let hex = text;
	// An IPv4 tail (::ffff:1.2.3.4) stands for the last two 16-bit groups.
	const lastColon = text.lastIndexOf(':');
	const tail = text.slice(lastColon + 1);
	if (tail.includes('.')) {
		const v4 = parseIpv4(tail);
		if ('reason' in v4) return invalid;
		const high = Number(v4.bits >> GROUP_BITS);
		const low = Number(v4.bits & BigInt(0xffff));
		hex = `${text.slice(0, lastColon + 1)}${high.toString(16)}:${low.toString(16)}`;
	}
	const gap = hex.indexOf('::');
	let groups: string[];
	if (gap === -1) {
		groups = hex.split(':');
		if (groups.length !== 8) return invalid;
	} else {
		if (hex.indexOf('::', gap + 1) !== -1) return { reason: 'has "::" more than once' };
		const before = hex.slice(0, gap);
		const after = hex.slice(gap + 2);
		const head = before === '' ? [] : before.split(':');
		const rest = after === '' ? [] : after.split(':');
		// "::" stands for at least one group of zeros.
		if (head.length + rest.length > 7) return invalid;
		groups = [...head, ...new Array<string>(8 - head.length - rest.length).fill('0'), ...rest];
	}
	let bits = ZERO;
	for (const group of groups) {
		if (!/^[0-9a-f]{1,4}$/i.test(group)) return invalid;
		bits = (bits << GROUP_BITS) | BigInt(parseInt(group, 16));
	}
	return { family: 6, bits };
}

/**
 * Whether `ip` is in one of `ranges`; no ranges means everyone is allowed. Families as in Express
 * (proxy-addr 2.0.8): an IPv4-mapped IPv6 address (::ffff:10.0.0.1, what a dual-stack socket
 * reports) is read as the IPv4 address, so it matches IPv4 ranges; an IPv6 range covers IPv4
 * addresses only if it is itself a mapped range of at least /96 (::ffff:10.0.0.0/104), so ::/0
 * does not let every IPv4 caller in; and a native IPv6 address never matches a mapped range. An
 * unreadable address is refused.
 */
export function isIpAllowed(ip: string, ranges: CidrRange[]): boolean {
	try {
		if (!Array.isArray(ranges) || ranges.length === 0) return true;
		if (typeof ip !== 'string') return false;
		let text = stripBracketsAndPort(ip.trim());
		// A zone id (fe80::1%eth0) names the interface, not the address.
		const zone = text.indexOf('%');
		if (zone !== -1 && text.includes(':')) text = text.slice(0, zone);
		const address = parseAddress(text);
		if ('reason' in address) return false;
		const v4 = address.family === 4 ? address.bits : mappedIpv4Of(address.bits);
		return ranges.some((range) => {
			const mask = MASKS[range.family]?.[range.prefix];
			if (mask === undefined) return false;
			if (range.family === 4) return v4 !== undefined && (v4 & mask) === range.bits;
			const mappedRange = mappedIpv4Of(range.bits) !== undefined;
			if (v4 !== undefined) {
				if (!mappedRange || range.prefix < MAPPED_PREFIX) return false;
				return (((MAPPED_V4_MARKER << V4_IN_V6_SHIFT) | v4) & mask) === range.bits;
			}
			return !mappedRange && (address.bits & mask) === range.bits;
		});
	} catch {
		// A malformed range list (not from parseAllowedRanges): refuse.
		return false;
	}
}

/** The IPv4 address inside ::ffff:a.b.c.d, or undefined for any other IPv6 address. */
function mappedIpv4Of(bits: bigint): bigint | undefined {
	return bits >> V4_IN_V6_SHIFT === MAPPED_V4_MARKER ? bits & V4_ALL_ONES : undefined;
}

/**
 * The caller's address. With `trustProxyHops` = N > 0, the address N hops from the right of the
 * chain X-Forwarded-For + socket address, the leftmost when the chain is shorter (Express's
 * 'trust proxy' = N). Entries to the left of that are written by the client and can be forged.
 * With 0, the socket address. Ports and IPv6 brackets ([::1]:443) are removed.
 */
export function clientIpOf(input: {
	remoteAddress?: string;
	forwardedFor?: string | string[];
	trustProxyHops: number;
}): string {
	try {
		const socketAddress = stripBracketsAndPort(String(input?.remoteAddress ?? '').trim());
		const hops = Number(input?.trustProxyHops);
		if (!Number.isFinite(hops) || hops < 1) return socketAddress;
		const header = input.forwardedFor;
		// Several X-Forwarded-For headers read as one list, in order.
		const headerText = Array.isArray(header) ? header.join(',') : String(header ?? '');
		const chain = headerText
			.split(',')
			.map((entry) => stripBracketsAndPort(entry.trim()))
			.filter((entry) => entry !== '');
		chain.push(socketAddress);
		return chain[Math.max(0, chain.length - 1 - Math.floor(hops))];
	} catch {
		// Only a hostile input object gets here: an empty address matches no range.
		return '';
	}
}

/** '[::1]:443' → '::1', '[::1]' → '::1', '1.2.3.4:80' → '1.2.3.4'; anything else unchanged. */
function stripBracketsAndPort(address: string): string {
	if (address.startsWith('[')) {
		const close = address.indexOf(']');
		return close === -1 ? address : address.slice(1, close);
	}
	const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(address);
	return v4WithPort === null ? address : v4WithPort[1];
}

/**
 * Whether `provided` equals `expected`, in time independent of where they differ: both are hashed
 * to SHA-256 first, so lengths match and timingSafeEqual applies. An empty expected secret never
 * matches (fail closed).
 */
export function secretMatches(expected: string, provided: string | undefined): boolean {
	if (typeof expected !== 'string' || expected === '' || typeof provided !== 'string') {
		return false;
	}
	return timingSafeEqual(sha256(expected), sha256(provided));
}

const URL_SAFE_SECRET = /^[A-Za-z0-9._~-]{8,128}$/;

/**
 * The secret travels as `?secret=…` in the callback URL, which inSIM extends by appending
 * `?PARAM=…` without encoding anything. Only RFC 3986 unreserved characters survive that intact:
 * `&`, `?`, `#`, `%`, `+`, `=` or a space would split, truncate or alter the value on the way.
 */
export function isValidSecret(secret: string): boolean {
	return typeof secret === 'string' && URL_SAFE_SECRET.test(secret);
}

/**
 * Remembers recent deliveries to spot inSIM's retries. Memory is bounded: expired entries are
 * dropped on each call and, past `maxEntries`, the oldest ones (a Map keeps insertion order, which
 * is time order as entries are never refreshed). The caller passes the clock: no timers.
 */
export class RepeatedDeliveryFilter {
	private readonly seenAt = new Map<string, number>();

	private readonly windowMs: number;

	private readonly maxEntries: number;

	constructor(windowMs: number, maxEntries: number) {
		this.windowMs = Number.isFinite(windowMs) && windowMs > 0 ? windowMs : 0;
		this.maxEntries = Number.isFinite(maxEntries) && maxEntries > 0 ? Math.floor(maxEntries) : 0;
	}

	/** True when an identical key was seen within the window; records it otherwise. */
	isRepeat(key: string, nowMs: number): boolean {
		this.evictExpired(nowMs);
		const seen = this.seenAt.get(key);
		// The window runs from the first sighting: retries do not extend it.
		if (seen !== undefined && nowMs - seen < this.windowMs) return true;
		if (this.maxEntries === 0 || this.windowMs === 0) return false;
		// Re-inserted at the end, so the Map stays in time order.
		this.seenAt.delete(key);
		while (this.seenAt.size >= this.maxEntries) this.dropOldest();
		this.seenAt.set(key, nowMs);
		return false;
	}

	get size(): number {
		return this.seenAt.size;
	}

	private evictExpired(nowMs: number): void {
		for (const [key, seen] of this.seenAt) {
			if (nowMs - seen < this.windowMs) break;
			this.seenAt.delete(key);
		}
	}

	private dropOldest(): void {
		const oldest = this.seenAt.keys().next();
		if (!oldest.done) this.seenAt.delete(oldest.value);
	}
}

/**
 * Identity of a delivery: SHA-256 of the parameter name and the payload as canonical JSON (keys
 * sorted at every level), so the same payload gives the same key whether it came as query text or
 * as a parsed POST body, whatever its key order.
 */
export function deliveryKey(param: string, value: unknown): string {
	try {
		let payload = value;
		if (typeof value === 'string') {
			try {
				payload = JSON.parse(value) as unknown;
			} catch {
				// Not JSON: the text itself is the identity.
				payload = value;
			}
		}
		const name = typeof param === 'string' ? param.toLowerCase() : '';
		return createHash('sha256')
			.update(`${name}\n${canonicalJson(payload)}`, 'utf8')
			.digest('hex');
	} catch {
		// Unreadable (a throwing getter): a unique key, so the delivery is never wrongly dropped.
		return `unreadable-${randomUUID()}`;
	}
}

type Work = { value: unknown } | { text: string } | { leave: object };

/** JSON with sorted keys, iterative so that deep nesting cannot overflow the stack. */
function canonicalJson(root: unknown): string {
	const out: string[] = [];
	const work: Work[] = [{ value: root }];
	const open = new Set<object>();
	while (work.length > 0) {
		const item = work.pop() as Work;
		if ('text' in item) {
			out.push(item.text);
			continue;
		}
		if ('leave' in item) {
			open.delete(item.leave);
			continue;
		}
		const value = item.value;
		if (typeof value !== 'object' || value === null) {
			out.push(primitiveJson(value));
		} else if (open.has(value)) {
			out.push('"[circular]"');
		} else {
			open.add(value);
			work.push({ leave: value });
			if (Array.isArray(value)) {
				out.push('[');
				work.push({ text: ']' });
				for (let index = value.length - 1; index >= 0; index--) {
					work.push({ value: value[index] as unknown });
					if (index > 0) work.push({ text: ',' });
				}
			} else {
				out.push('{');
				work.push({ text: '}' });
				const record = value as Record<string, unknown>;
				const keys = Object.keys(record).sort();
				for (let index = keys.length - 1; index >= 0; index--) {
					work.push({ value: record[keys[index]] });
					work.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(keys[index])}:` });
				}
			}
		}
	}
	return out.join('');
}

function primitiveJson(value: unknown): string {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? JSON.stringify(value) : 'null';
		case 'bigint':
			return JSON.stringify(`${String(value)}n`);
		default:
			return 'null';
	}
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
