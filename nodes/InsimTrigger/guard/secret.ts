/**
 * The shared secret of the inSIM Trigger, carried as `?secret=…` in the callback URL (inSIM
 * signs nothing and sends no auth header). No exported function throws.
 */
import { createHash, timingSafeEqual } from 'crypto';

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

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
