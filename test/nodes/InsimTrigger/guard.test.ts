import * as crypto from 'crypto';

import type { CidrRange } from '../../../nodes/InsimTrigger/guard/ipAllowList';
import {
	clientIpOf,
	isIpAllowed,
	parseAllowedRanges,
} from '../../../nodes/InsimTrigger/guard/ipAllowList';
import { isValidSecret, secretMatches } from '../../../nodes/InsimTrigger/guard/secret';
import { deliveryKey } from '../../../nodes/InsimTrigger/repeats/deliveryKey';
import { RepeatedDeliveryFilter } from '../../../nodes/InsimTrigger/repeats/memory';

// Express's own resolver (installed with n8n-core) is the oracle for 'trust proxy' = N.
const proxyAddr = require('proxy-addr') as (
	req: { socket: { remoteAddress?: string }; headers: Record<string, string | undefined> },
	trust: (address: string, index: number) => boolean,
) => string;

function ranges(text: string): CidrRange[] {
	const result = parseAllowedRanges(text);
	if (!result.ok) throw new Error(`expected ranges for ${text}: ${result.reason}`);
	return result.ranges;
}

function reasonOf(text: string): string {
	const result = parseAllowedRanges(text);
	if (result.ok) throw new Error(`expected a refusal for ${text}`);
	return result.reason;
}

function allowed(ip: string, list: string): boolean {
	return isIpAllowed(ip, ranges(list));
}

describe('parseAllowedRanges', () => {
	test('empty text: no ranges (everyone allowed)', () => {
		for (const text of ['', '   ', '\n', ', ,']) expect(ranges(text)).toEqual([]);
	});

	test('separators: commas, spaces, semicolons, new lines; bare addresses are /32 and /128', () => {
		const list = ranges(' 10.0.0.0/8, 192.168.1.1\n2001:db8::/32 ;::1\r\n\t203.0.113.7 ');
		expect(list.map(({ family, prefix, text }) => [family, prefix, text])).toEqual([
			[4, 8, '10.0.0.0/8'],
			[4, 32, '192.168.1.1'],
			[6, 32, '2001:db8::/32'],
			[6, 128, '::1'],
			[4, 32, '203.0.113.7'],
		]);
		expect(list[0].bits).toBe(BigInt(0x0a000000));
		expect(list[3].bits).toBe(BigInt(1));
	});

	test('host bits after the prefix are cleared', () => {
		expect(ranges('10.1.2.3/8')[0].bits).toBe(BigInt(0x0a000000));
		expect(ranges('2001:db8:ffff::1/32')[0].bits).toBe(ranges('2001:db8::/32')[0].bits);
	});

	test.each([
		['::', 6, BigInt(0)],
		['::/0', 6, BigInt(0)],
		['0.0.0.0/0', 4, BigInt(0)],
		['255.255.255.255', 4, BigInt(0xffffffff)],
		['::ffff:1.2.3.4', 6, (BigInt(0xffff) << BigInt(32)) | BigInt(0x01020304)],
		['::FFFF:102:304', 6, (BigInt(0xffff) << BigInt(32)) | BigInt(0x01020304)],
		['1:2:3:4:5:6:7:8', 6, BigInt('0x00010002000300040005000600070008')],
		['1:2:3:4:5:6:7::', 6, BigInt('0x00010002000300040005000600070000')],
		['::2:3:4:5:6:7:8', 6, BigInt('0x00000002000300040005000600070008')],
		['1::8', 6, BigInt('0x00010000000000000000000000000008')],
		['1:2:3:4:5:6:1.2.3.4', 6, BigInt('0x00010002000300040005000601020304')],
		['fe80::/10', 6, BigInt('0xfe800000000000000000000000000000')],
		['2001:DB8::/32', 6, BigInt('0x20010db8000000000000000000000000')],
	])('%s parses (family %d)', (text, family, bits) => {
		const [range] = ranges(text);
		expect(range.family).toBe(family);
		expect(range.bits).toBe(bits);
	});

	test.each([
		[
			'10.0.0.0/33',
			'"10.0.0.0/33" has an invalid prefix length: use a whole number from 0 to 32 for IPv4',
		],
		['2001:db8::/129', 'from 0 to 128 for IPv6'],
		['10.0.0.0/', 'invalid prefix length'],
		['10.0.0.0/-1', 'invalid prefix length'],
		['10.0.0.0/8/9', 'invalid prefix length'],
		['10.0.0.0/0x8', 'invalid prefix length'],
		['10.0.0.0/ 8', '"10.0.0.0/" has an invalid prefix length'],
		['/8', 'has no address'],
		['256.1.1.1', 'greater than 255'],
		['1.2.3', 'needs 4 numbers'],
		['1.2.3.4.5', 'needs 4 numbers'],
		['1..2.3', 'a part is not 0 to 255'],
		['010.0.0.1', 'leading zero'],
		['1.2.3.04', 'leading zero'],
		['fe80::1%eth0', 'zone id'],
		['1::2::3', '"::" more than once'],
		['1:2:3:4:5:6:7:8:9', 'not a valid IPv6 address'],
		['1:2:3:4:5:6:7:8::', 'not a valid IPv6 address'],
		['12345::', 'not a valid IPv6 address'],
		['gggg::', 'not a valid IPv6 address'],
		['::ffff:1.2.3', 'not a valid IPv6 address'],
		['::ffff:1.2.3.256', 'not a valid IPv6 address'],
		['1.2.3.4::', 'not a valid IPv6 address'],
		[':::', '"::" more than once'],
		['1:2', 'not a valid IPv6 address'],
		['localhost', 'is not an IPv4 or IPv6 address'],
		['10.0.0.0/8,example.com', '"example.com" is not an IPv4 or IPv6 address'],
		['*', 'is not an IPv4 or IPv6 address'],
	])('%j is refused: %s', (text, reason) => {
		expect(reasonOf(text)).toContain(reason);
	});

	test('a very long bad entry is shortened in the reason', () => {
		expect(reasonOf('x'.repeat(500)).length).toBeLessThan(120);
	});

	test('non-text input is refused, not thrown', () => {
		expect(parseAllowedRanges(undefined as unknown as string)).toEqual({
			ok: false,
			reason: 'is not text',
		});
	});
});

describe('isIpAllowed', () => {
	test('no ranges: everyone, even an unreadable address', () => {
		expect(isIpAllowed('203.0.113.9', [])).toBe(true);
		expect(isIpAllowed('garbage', [])).toBe(true);
	});

	test('/32 and /128 are exact', () => {
		expect(allowed('203.0.113.7', '203.0.113.7')).toBe(true);
		expect(allowed('203.0.113.8', '203.0.113.7')).toBe(false);
		expect(allowed('::1', '::1/128')).toBe(true);
		expect(allowed('::2', '::1/128')).toBe(false);
		expect(allowed('0:0:0:0:0:0:0:1', '::1')).toBe(true);
	});

	test('/0 allows its whole family, never the other one (as Express does)', () => {
		expect(allowed('8.8.8.8', '0.0.0.0/0')).toBe(true);
		expect(allowed('::ffff:8.8.8.8', '0.0.0.0/0')).toBe(true);
		expect(allowed('2001:db8::1', '0.0.0.0/0')).toBe(false);
		expect(allowed('2001:db8::1', '::/0')).toBe(true);
		// ::/0 technically contains ::ffff:0:0/96, but "all IPv6" must not let IPv4 callers in.
		expect(allowed('8.8.8.8', '::/0')).toBe(false);
		expect(allowed('::ffff:8.8.8.8', '::/0')).toBe(false);
		expect(allowed('8.8.8.8', '0.0.0.0/0, ::/0')).toBe(true);
	});

	test('/8, /24 and range boundaries', () => {
		expect(allowed('10.255.255.255', '10.0.0.0/8')).toBe(true);
		expect(allowed('11.0.0.0', '10.0.0.0/8')).toBe(false);
		expect(allowed('9.255.255.255', '10.0.0.0/8')).toBe(false);
		expect(allowed('192.168.1.0', '192.168.1.0/24')).toBe(true);
		expect(allowed('192.168.1.255', '192.168.1.0/24')).toBe(true);
		expect(allowed('192.168.2.0', '192.168.1.0/24')).toBe(false);
		expect(allowed('192.168.1.130', '192.168.1.128/25')).toBe(true);
		expect(allowed('192.168.1.127', '192.168.1.128/25')).toBe(false);
	});

	test('/64 and other IPv6 prefixes, any spelling', () => {
		const list = '2001:db8:1:2::/64';
		expect(allowed('2001:db8:1:2::1', list)).toBe(true);
		expect(allowed('2001:db8:1:2:ffff:ffff:ffff:ffff', list)).toBe(true);
		expect(allowed('2001:0DB8:0001:0002:0000:0000:0000:0abc', list)).toBe(true);
		expect(allowed('2001:db8:1:3::1', list)).toBe(false);
		expect(allowed('2001:db8:1:1:ffff:ffff:ffff:ffff', list)).toBe(false);
		expect(allowed('fe80::abcd', 'fe80::/10')).toBe(true);
		expect(allowed('febf::1', 'fe80::/10')).toBe(true);
		expect(allowed('fec0::1', 'fe80::/10')).toBe(false);
	});

	test('IPv4-mapped IPv6 (what a dual-stack socket reports) matches IPv4 ranges', () => {
		expect(allowed('::ffff:10.0.0.1', '10.0.0.0/8')).toBe(true);
		expect(allowed('::FFFF:10.0.0.1', '10.0.0.1')).toBe(true);
		expect(allowed('::ffff:a00:1', '10.0.0.0/8')).toBe(true);
		expect(allowed('0:0:0:0:0:ffff:0a00:0001', '10.0.0.0/8')).toBe(true);
		expect(allowed('::ffff:11.0.0.1', '10.0.0.0/8')).toBe(false);
		// Only the ::ffff:0:0/96 block is IPv4: ::10.0.0.1 and 64:ff9b::10.0.0.1 are not.
		expect(allowed('::10.0.0.1', '10.0.0.0/8')).toBe(false);
		expect(allowed('::10.0.0.1', '::a00:1')).toBe(true);
		expect(allowed('64:ff9b::10.0.0.1', '64:ff9b::/96')).toBe(true);
		expect(allowed('64:ff9b::10.0.0.1', '10.0.0.0/8')).toBe(false);
	});

	test('an IPv4 address matches a range written in mapped IPv6 form (/96 or longer)', () => {
		expect(allowed('10.0.0.1', '::ffff:10.0.0.0/104')).toBe(true);
		expect(allowed('::ffff:10.0.0.1', '::ffff:10.0.0.0/104')).toBe(true);
		expect(allowed('10.0.0.1', '::ffff:0:0/96')).toBe(true);
		expect(allowed('11.0.0.1', '::ffff:10.0.0.0/104')).toBe(false);
		expect(allowed('10.0.0.1', '::ffff:10.0.0.1')).toBe(true);
		// Shorter than /96 reaches beyond the mapped block: not an IPv4 range.
		expect(allowed('10.0.0.1', '::ffff:0:0/95')).toBe(false);
		// A native IPv6 address is never in a mapped range.
		expect(allowed('::1', '::ffff:0:0/96')).toBe(false);
	});

	test('brackets, ports, zone ids and spaces around the address', () => {
		expect(allowed('[::1]', '::1')).toBe(true);
		expect(allowed('[::1]:8443', '::1')).toBe(true);
		expect(allowed('10.0.0.1:5678', '10.0.0.0/8')).toBe(true);
		expect(allowed('fe80::1%eth0', 'fe80::/10')).toBe(true);
		expect(allowed(' 10.0.0.1 ', '10.0.0.0/8')).toBe(true);
	});

	test('unreadable addresses are refused when there are ranges', () => {
		for (const ip of ['', 'localhost', '10.0.0', '10.0.0.256', '::g', '1::2::3', '010.0.0.1']) {
			expect(allowed(ip, '0.0.0.0/0, ::/0')).toBe(false);
		}
		expect(isIpAllowed(undefined as unknown as string, ranges('0.0.0.0/0'))).toBe(false);
	});

	test('several ranges: any one suffices', () => {
		const list = '203.0.113.0/24, 198.51.100.7, 2001:db8::/32';
		expect(allowed('198.51.100.7', list)).toBe(true);
		expect(allowed('2001:db8:abcd::1', list)).toBe(true);
		expect(allowed('203.0.113.200', list)).toBe(true);
		expect(allowed('198.51.100.8', list)).toBe(false);
	});

	test('a hand-made, inconsistent range list refuses instead of throwing', () => {
		const bogus = [{ family: 5, bits: BigInt(0), prefix: 0, text: 'x' }] as unknown as CidrRange[];
		expect(isIpAllowed('10.0.0.1', bogus)).toBe(false);
		const badPrefix = [{ family: 4, bits: BigInt(0), prefix: 99, text: 'x' }] as CidrRange[];
		expect(isIpAllowed('10.0.0.1', badPrefix)).toBe(false);
	});
});

describe('clientIpOf', () => {
	const socket = '10.0.0.2';
	const header = '198.51.100.1, 203.0.113.5, 10.0.0.1';

	test('0 hops: the socket address, whatever X-Forwarded-For claims', () => {
		expect(clientIpOf({ remoteAddress: socket, forwardedFor: header, trustProxyHops: 0 })).toBe(
			socket,
		);
		expect(clientIpOf({ remoteAddress: '::ffff:10.0.0.2', trustProxyHops: 0 })).toBe(
			'::ffff:10.0.0.2',
		);
	});

	test('N hops: N positions from the right of X-Forwarded-For + socket', () => {
		const at = (hops: number) =>
			clientIpOf({ remoteAddress: socket, forwardedFor: header, trustProxyHops: hops });
		expect(at(1)).toBe('10.0.0.1');
		expect(at(2)).toBe('203.0.113.5');
		expect(at(3)).toBe('198.51.100.1');
		// More hops than addresses: the leftmost one.
		expect(at(4)).toBe('198.51.100.1');
		expect(at(100)).toBe('198.51.100.1');
	});

	test('no X-Forwarded-For: the socket address', () => {
		expect(clientIpOf({ remoteAddress: socket, trustProxyHops: 1 })).toBe(socket);
		expect(clientIpOf({ remoteAddress: socket, forwardedFor: '', trustProxyHops: 2 })).toBe(socket);
	});

	test('several X-Forwarded-For headers read as one list, in order', () => {
		const forwardedFor = ['198.51.100.1, 203.0.113.5', '10.0.0.1'];
		expect(clientIpOf({ remoteAddress: socket, forwardedFor, trustProxyHops: 2 })).toBe(
			'203.0.113.5',
		);
	});

	test('empty entries are skipped; ports and brackets removed', () => {
		const forwardedFor = ' 198.51.100.1:4711 ,, [2001:db8::7]:443 , ';
		expect(clientIpOf({ remoteAddress: '[::1]:80', forwardedFor, trustProxyHops: 1 })).toBe(
			'2001:db8::7',
		);
		expect(clientIpOf({ remoteAddress: '[::1]:80', forwardedFor, trustProxyHops: 2 })).toBe(
			'198.51.100.1',
		);
		expect(clientIpOf({ remoteAddress: '[::1]:80', trustProxyHops: 0 })).toBe('::1');
	});

	test('odd hop counts: negative or not a number means 0, fractions round down', () => {
		for (const trustProxyHops of [-1, NaN, Infinity, 0.5]) {
			expect(clientIpOf({ remoteAddress: socket, forwardedFor: header, trustProxyHops })).toBe(
				socket,
			);
		}
		expect(clientIpOf({ remoteAddress: socket, forwardedFor: header, trustProxyHops: 1.9 })).toBe(
			'10.0.0.1',
		);
	});

	test('no socket address at all', () => {
		expect(clientIpOf({ trustProxyHops: 0 })).toBe('');
		expect(clientIpOf({ forwardedFor: '198.51.100.1', trustProxyHops: 1 })).toBe('198.51.100.1');
	});

	test('agrees with Express (proxy-addr) for every hop count and chain length', () => {
		const pool = ['198.51.100.1', '203.0.113.5', '10.0.0.1', '2001:db8::1', '::ffff:10.1.1.1'];
		for (let length = 0; length <= pool.length; length++) {
			const forwardedFor = pool.slice(0, length).join(', ');
			for (let hops = 0; hops <= 7; hops++) {
				const expected = proxyAddr(
					{ socket: { remoteAddress: socket }, headers: { 'x-forwarded-for': forwardedFor } },
					(_address, index) => index < hops,
				);
				expect({
					length,
					hops,
					ip: clientIpOf({ remoteAddress: socket, forwardedFor, trustProxyHops: hops }),
				}).toEqual({
					length,
					hops,
					ip: expected,
				});
			}
		}
	});

	test('a hostile input object gives an empty address, not an exception', () => {
		const hostile = {
			trustProxyHops: 1,
			get remoteAddress(): string {
				throw new Error('boom');
			},
		};
		expect(clientIpOf(hostile)).toBe('');
	});
});

describe('secretMatches', () => {
	const expected = 'S3cr3t-Value_1.2~x';

	test('right, wrong, missing, different length', () => {
		expect(secretMatches(expected, expected)).toBe(true);
		expect(secretMatches(expected, 'S3cr3t-Value_1.2~y')).toBe(false);
		expect(secretMatches(expected, undefined)).toBe(false);
		expect(secretMatches(expected, '')).toBe(false);
		expect(secretMatches(expected, expected.slice(0, -1))).toBe(false);
		expect(secretMatches(expected, `${expected}x`)).toBe(false);
		expect(secretMatches(expected, expected.repeat(100))).toBe(false);
		expect(secretMatches(expected, ` ${expected}`)).toBe(false);
		expect(secretMatches(expected, expected.toUpperCase())).toBe(false);
	});

	test('an empty expected secret never matches (fail closed)', () => {
		expect(secretMatches('', '')).toBe(false);
		expect(secretMatches('', undefined)).toBe(false);
		expect(secretMatches(undefined as unknown as string, 'x')).toBe(false);
	});

	test('non-ASCII text compares correctly', () => {
		expect(secretMatches('clé-secrète-😀', 'clé-secrète-😀')).toBe(true);
		expect(secretMatches('clé-secrète-😀', 'cle-secrete-😀')).toBe(false);
	});

	test('compares fixed-length SHA-256 digests with crypto.timingSafeEqual', () => {
		// The module object itself: guard/secret.ts reads crypto.timingSafeEqual from it at call time.
		const cryptoModule = require('crypto') as typeof crypto;
		const spy = jest.spyOn(cryptoModule, 'timingSafeEqual');
		try {
			secretMatches(expected, 'short');
			secretMatches(expected, expected.repeat(10));
			expect(spy).toHaveBeenCalledTimes(2);
			for (const [left, right] of spy.mock.calls) {
				expect((left as Buffer).length).toBe(32);
				expect((right as Buffer).length).toBe(32);
			}
		} finally {
			spy.mockRestore();
		}
	});
});

describe('isValidSecret', () => {
	test.each([
		['abcdefgh', true],
		['a'.repeat(128), true],
		['A-Za-z0-9._~', true],
		['S3cr3t-Value_1.2~x', true],
		['abcdefg', false],
		['a'.repeat(129), false],
		['', false],
		['abcd&efgh', false],
		['abcd?efgh', false],
		['abcd#efgh', false],
		['abcd%efgh', false],
		['abcd+efgh', false],
		['abcd=efgh', false],
		['abcd efgh', false],
		['abcd/efgh', false],
		['abcdéfgh', false],
		['abcdefgh\n', false],
	])('%j → %s', (secret, valid) => {
		expect(isValidSecret(secret)).toBe(valid);
	});

	test("a valid secret survives the trip through inSIM's URL unchanged", () => {
		const secret = 'Ab-9._~zZ';
		const url = `/webhook/x?secret=${secret}?message=${encodeURIComponent('{"a":1}')}`;
		expect(new URLSearchParams(url.split('?')[1]).get('secret')).toBe(secret);
		expect(isValidSecret(undefined as unknown as string)).toBe(false);
	});
});

describe('RepeatedDeliveryFilter', () => {
	test('a key seen within the window is a repeat; the window runs from the first sighting', () => {
		const filter = new RepeatedDeliveryFilter(1000, 10);
		expect(filter.isRepeat('a', 0)).toBe(false);
		expect(filter.isRepeat('a', 1)).toBe(true);
		expect(filter.isRepeat('a', 999)).toBe(true);
		// Retries did not extend the window: at 1000 ms it has expired and is recorded afresh.
		expect(filter.isRepeat('a', 1000)).toBe(false);
		expect(filter.isRepeat('a', 1999)).toBe(true);
		expect(filter.isRepeat('a', 2000)).toBe(false);
	});

	test('different keys are independent', () => {
		const filter = new RepeatedDeliveryFilter(1000, 10);
		expect(filter.isRepeat('a', 0)).toBe(false);
		expect(filter.isRepeat('b', 0)).toBe(false);
		expect(filter.isRepeat('a', 10)).toBe(true);
		expect(filter.isRepeat('b', 10)).toBe(true);
		expect(filter.size).toBe(2);
	});

	test('expired entries are evicted as time passes', () => {
		const filter = new RepeatedDeliveryFilter(1000, 100);
		for (let index = 0; index < 50; index++) filter.isRepeat(`k${index}`, index * 10);
		expect(filter.size).toBe(50);
		filter.isRepeat('late', 1250);
		// k0..k25 (seen at 0..250 ms) have expired at 1250 ms.
		expect(filter.size).toBe(50 - 26 + 1);
		filter.isRepeat('later', 100_000);
		expect(filter.size).toBe(1);
	});

	test('bounded: 100 000 keys with maxEntries 1000 never hold more than 1000', () => {
		const filter = new RepeatedDeliveryFilter(3_600_000, 1000);
		let largest = 0;
		for (let index = 0; index < 100_000; index++) {
			expect(filter.isRepeat(`key-${index}`, index)).toBe(false);
			largest = Math.max(largest, filter.size);
		}
		expect(largest).toBe(1000);
		expect(filter.size).toBe(1000);
		// The oldest were dropped; the newest are remembered.
		expect(filter.isRepeat('key-99999', 100_000)).toBe(true);
		expect(filter.isRepeat('key-99000', 100_000)).toBe(true);
		expect(filter.isRepeat('key-0', 100_000)).toBe(false);
		expect(filter.size).toBe(1000);
	});

	test('a clock going backwards counts as within the window', () => {
		const filter = new RepeatedDeliveryFilter(1000, 10);
		filter.isRepeat('a', 5000);
		expect(filter.isRepeat('a', 4000)).toBe(true);
	});

	test('window 0 or maxEntries 0: nothing is ever a repeat, nothing kept', () => {
		for (const filter of [
			new RepeatedDeliveryFilter(0, 10),
			new RepeatedDeliveryFilter(1000, 0),
			new RepeatedDeliveryFilter(NaN, NaN),
			new RepeatedDeliveryFilter(-5, -5),
		]) {
			expect(filter.isRepeat('a', 0)).toBe(false);
			expect(filter.isRepeat('a', 0)).toBe(false);
			expect(filter.size).toBe(0);
		}
	});

	test('together with deliveryKey: an inSIM retry of the same payload is a repeat', () => {
		const filter = new RepeatedDeliveryFilter(300_000, 1000);
		const payload = { title: 'incoming_sms', from: '+33612345678', message: 'Hi' };
		expect(filter.isRepeat(deliveryKey('message', JSON.stringify(payload)), 0)).toBe(false);
		expect(filter.isRepeat(deliveryKey('message', { ...payload }), 4000)).toBe(true);
		const other = { ...payload, message: 'Hi!' };
		expect(filter.isRepeat(deliveryKey('message', other), 4000)).toBe(false);
	});
});

describe('deliveryKey', () => {
	const payload = { title: 'incoming_call', phone_number: '+33612345678', duration: '00:05:23' };

	test('a SHA-256 hex of the parameter and the canonical JSON', () => {
		const expected = crypto
			.createHash('sha256')
			.update(
				'calls\n{"duration":"00:05:23","phone_number":"+33612345678","title":"incoming_call"}',
			)
			.digest('hex');
		expect(deliveryKey('calls', payload)).toBe(expected);
		expect(deliveryKey('calls', payload)).toMatch(/^[0-9a-f]{64}$/);
	});

	test('same payload → same key, whatever the key order, text or object, parameter case', () => {
		const reordered = {
			duration: '00:05:23',
			title: 'incoming_call',
			phone_number: '+33612345678',
		};
		const key = deliveryKey('calls', payload);
		expect(deliveryKey('calls', reordered)).toBe(key);
		expect(deliveryKey('calls', JSON.stringify(reordered))).toBe(key);
		expect(deliveryKey('CALLS', payload)).toBe(key);
		const nested = { a: { z: 1, y: [3, { c: 1, b: 2 }] }, b: null };
		const nestedReordered = { b: null, a: { y: [3, { b: 2, c: 1 }], z: 1 } };
		expect(deliveryKey('x', nested)).toBe(deliveryKey('x', nestedReordered));
	});

	test('anything different → a different key', () => {
		const key = deliveryKey('calls', payload);
		expect(deliveryKey('call', payload)).not.toBe(key);
		expect(deliveryKey('calls', { ...payload, duration: '00:05:24' })).not.toBe(key);
		expect(deliveryKey('calls', { ...payload, extra: null })).not.toBe(key);
		expect(deliveryKey('x', [1, 2])).not.toBe(deliveryKey('x', [2, 1]));
		expect(deliveryKey('x', { a: '1' })).not.toBe(deliveryKey('x', { a: 1 }));
		expect(deliveryKey('x', 'not json')).not.toBe(deliveryKey('x', 'not json!'));
		// A text that is not JSON and the same text as a JSON string are the same value.
		expect(deliveryKey('x', 'plain')).toBe(deliveryKey('x', '"plain"'));
	});

	test('deep nesting and cycles do not throw', () => {
		let deep: unknown = 'bottom';
		for (let level = 0; level < 100_000; level++) deep = level % 2 === 0 ? [deep] : { d: deep };
		expect(deliveryKey('x', deep)).toMatch(/^[0-9a-f]{64}$/);
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		cyclic.list = [cyclic, { back: cyclic }];
		expect(deliveryKey('x', cyclic)).toMatch(/^[0-9a-f]{64}$/);
		// The same object twice (not a cycle) is written twice.
		const shared = { s: 1 };
		expect(deliveryKey('x', { a: shared, b: shared })).toBe(
			deliveryKey('x', { a: { s: 1 }, b: { s: 1 } }),
		);
	});

	test('odd values: undefined, NaN, bigint, functions, __proto__ keys', () => {
		for (const value of [undefined, null, NaN, Infinity, BigInt(7), () => 1, Symbol('s')]) {
			expect(deliveryKey('x', value)).toMatch(/^[0-9a-f]{64}$/);
		}
		const polluted = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown;
		expect(deliveryKey('x', polluted)).not.toBe(deliveryKey('x', { a: 1 }));
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	test('an unreadable value gets a unique key (never wrongly taken for a repeat)', () => {
		const hostile = {
			get boom(): string {
				throw new Error('boom');
			},
		};
		const first = deliveryKey('x', hostile);
		expect(first).not.toBe(deliveryKey('x', hostile));
	});
});
