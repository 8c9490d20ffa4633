// Local phone numbers, read in the account's country.
//
// The vendor's clients send numbers in local form as well as international form to
// `find_contact` and `sendsms` (ReachTechnologies/insim-mcp src/insim_mcp/server.py docstrings of
// find_contact and send_sms; ReachTechnologies/insim-cli cli_anything/insim/skills/SKILL.md
// workflow 3), and inSIM accounts are not all French: the CLI's own example account is in
// Tunisia (`country_code` "TN" in cli_anything/insim/skills/SKILL.md), where local numbers have
// 8 digits and no trunk 0. So a local number is checked against the account's numbering plan
// where the simulator knows it, and accepted as any 6 to 15 digits where it does not: refusing
// what no vendor file refuses would be taste, not evidence.
import { E164 } from '../api';

interface NumberingPlan {
	callingCode: string;
	/** the national trunk prefix dialled before a local number ('' when there is none) */
	trunk: string;
	/** the digits of a local number, trunk prefix included */
	local: RegExp;
	/** what a VALIDATION_ERROR says about a local number */
	hint: string;
}

const PLANS: Record<string, NumberingPlan> = {
	FR: {
		callingCode: '33',
		trunk: '0',
		local: /^0[1-9]\d{8}$/,
		hint: 'a local number has 10 digits, like 0612345678',
	},
	TN: {
		callingCode: '216',
		trunk: '',
		local: /^[2-9]\d{7}$/,
		hint: 'a local number has 8 digits, like 20123456',
	},
};

/** Why a local number was refused, in the account's country. */
export function localNumberHint(countryCode: string): string {
	return PLANS[countryCode]?.hint ?? 'a local number has 6 to 15 digits';
}

/** True for a number in local form that the account's country could dial. */
export function isLocalNumber(phone: string, countryCode: string): boolean {
	const trimmed = phone.trim();
	if (trimmed.startsWith('+') || !/^[\d\s.()-]+$/.test(trimmed)) return false;
	const digits = trimmed.replace(/\D/g, '');
	const plan = PLANS[countryCode];
	if (!plan) return digits.length >= 6 && digits.length <= 15;
	return plan.local.test(digits);
}

/** A local number in international form (E.164), or undefined when it is not a local number. */
export function toInternational(phone: string, countryCode: string): string | undefined {
	if (!isLocalNumber(phone, countryCode)) return undefined;
	const plan = PLANS[countryCode];
	if (!plan) return undefined; // unknown plan: only a suffix match is possible
	const digits = phone.replace(/\D/g, '');
	return `+${plan.callingCode}${digits.slice(plan.trunk.length)}`;
}

/** An international number, or a local one of the account's country. */
export function isDialable(phone: unknown, countryCode: string): phone is string {
	return typeof phone === 'string' && (E164.test(phone) || isLocalNumber(phone, countryCode));
}
