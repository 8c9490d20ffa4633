import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { readDashboardUrls, writeDashboardUrls } from '../Insim/helpers/webhookSettings';
import type { DashboardKey } from '../shared/callbackUrls';
import { DASHBOARD_KEYS } from '../shared/callbackUrls';

export { DASHBOARD_KEYS, readDashboardUrls, type DashboardKey };

/** What activation replaced, kept in the node's static data to be restored on deactivation. */
interface RegistrationState extends IDataObject {
	registeredUrl?: string;
	replaced?: Partial<Record<DashboardKey, string>>;
}

/** True when every selected dashboard key points at this node's URL. */
export async function isRegistered(
	this: IHookFunctions,
	keys: DashboardKey[],
	url: string,
): Promise<boolean> {
	const current = await readDashboardUrls.call(this);
	return keys.every((key) => current[key] === url);
}

/**
 * Points the selected keys at `url`, keeping every other key as it is, and remembers what was
 * there so that `unregister` can put it back. Read first (an unrecognised read is an error and
 * nothing is written), change only ours: what inSIM does with an omitted key is not documented.
 */
export async function register(
	this: IHookFunctions,
	keys: DashboardKey[],
	url: string,
): Promise<void> {
	const current = await readDashboardUrls.call(this);
	const state = this.getWorkflowStaticData('node') as RegistrationState;
	const replaced: Partial<Record<DashboardKey, string>> = { ...(state.replaced ?? {}) };
	const next = { ...current };
	for (const key of keys) {
		if (current[key] === url) continue;
		// A re-activation must not remember our own URL as "the previous one".
		if (!(key in replaced)) replaced[key] = current[key];
		next[key] = url;
	}
	// n8n saves static data only when it changed, and as a whole: a process that finds inSIM
	// already pointing here (another main of a multi-main setup racing this one) leaves the record
	// the first registration saved alone instead of overwriting it with its older copy.
	if (DASHBOARD_KEYS.every((key) => next[key] === current[key])) return;
	await writeDashboardUrls.call(this, next);
	state.registeredUrl = url;
	state.replaced = replaced;
}

/**
 * Restores what `register` replaced, but only for keys that still point at this node: if another
 * workflow took an event over since, it keeps it. An unrecognised read is an error: the record of
 * what to restore is then kept for the next deactivation.
 */
export async function unregister(this: IHookFunctions, url: string): Promise<void> {
	const state = this.getWorkflowStaticData('node') as RegistrationState;
	const replaced = state.replaced ?? {};
	const current = await readDashboardUrls.call(this);
	const next = { ...current };
	for (const key of DASHBOARD_KEYS) {
		const registeredHere = current[key] === url || current[key] === state.registeredUrl;
		const previous = replaced[key];
		if (registeredHere && previous !== undefined) next[key] = previous;
	}
	if (DASHBOARD_KEYS.some((key) => next[key] !== current[key])) {
		await writeDashboardUrls.call(this, next);
	}
	delete state.replaced;
	delete state.registeredUrl;
}
