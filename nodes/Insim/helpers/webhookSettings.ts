import type { DashboardKey } from '../../shared/callbackUrls';
import { DASHBOARD_KEYS } from '../../shared/callbackUrls';
import { readAnswer } from '../contracts/reader';
import { WEBHOOKS_READ, WEBHOOKS_WRITE } from '../contracts/reads';
import type { InsimFunctions, InsimRequestOptions } from '../transport';
import { insimV2Request } from '../transport';

export { DASHBOARD_KEYS, type DashboardKey };

/**
 * The five callback URLs, '' where none is set. An answer the WEBHOOKS_READ contract does not
 * recognise is an error: nothing is ever written after it, since a write sends all five back.
 */
export async function readDashboardUrls(
	this: InsimFunctions,
	options: InsimRequestOptions = {},
): Promise<Record<DashboardKey, string>> {
	const answer = await insimV2Request.call(
		this,
		WEBHOOKS_READ.endpoint,
		{ action: 'get' },
		options,
	);
	const { record } = readAnswer(this.getNode(), WEBHOOKS_READ, answer, options.itemIndex);
	const urls = {} as Record<DashboardKey, string>;
	// The contract makes all five present, as text ('' for a null).
	for (const key of DASHBOARD_KEYS) urls[key] = String(record[key]);
	return urls;
}

/**
 * Writes all five URLs: `urls` must come from a recognised read with only the user's changes
 * applied. Whether inSIM clears a key a write leaves out is undocumented, and every vendor client
 * sends all five (ReachTechnologies/insim-cli cli_anything/insim/core/account.py).
 */
export async function writeDashboardUrls(
	this: InsimFunctions,
	urls: Record<DashboardKey, string>,
	options: InsimRequestOptions = {},
): Promise<void> {
	const webhooks: Record<string, string> = {};
	for (const key of DASHBOARD_KEYS) webhooks[key] = urls[key];
	const answer = await insimV2Request.call(
		this,
		WEBHOOKS_WRITE.endpoint,
		{ action: 'set', webhooks },
		options,
	);
	readAnswer(this.getNode(), WEBHOOKS_WRITE, answer, options.itemIndex);
}
