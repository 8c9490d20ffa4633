/**
 * The IP allow-list of the inSIM Trigger: CIDR ranges (IPv4 and IPv6) and the caller's address
 * behind reverse proxies. inSIM signs nothing and sends no auth header, so its address is one of
 * the few ways to tell its calls from anyone else's. Pure: no I/O, and no exported function throws.
 */

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

function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
