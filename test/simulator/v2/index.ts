// API v2 routing: one table of endpoint → handler, filled by one file per resource.
import type { ApiOutcome } from '../api';
import { V2Error, type V2Context, type V2Handler, v2ErrorOutcome } from './common';
import { routes as account } from './account';
import { routes as calls } from './calls';
import { routes as campaigns } from './campaigns';
import { routes as contacts } from './contacts';
import { routes as lists } from './lists';
import { routes as qualifications } from './qualifications';
import { routes as sms } from './sms';
import { routes as stats } from './stats';
import { routes as templates } from './templates';

export const V2_ROUTES: Record<string, V2Handler> = {
	...account,
	...contacts,
	...sms,
	...calls,
	...qualifications,
	...lists,
	...campaigns,
	...templates,
	...stats,
};

/** `/v2/contacts/detail` → `contacts/detail`; undefined when it is not a v2 endpoint. */
export function v2Endpoint(path: string): string | undefined {
	const match = /^\/v2\/(.+?)\/*$/i.exec(path);
	if (!match) return undefined;
	const endpoint = match[1].toLowerCase();
	return endpoint in V2_ROUTES ? endpoint : undefined;
}

export function handleV2(endpoint: string, ctx: V2Context): ApiOutcome {
	try {
		return V2_ROUTES[endpoint](ctx);
	} catch (error) {
		if (error instanceof V2Error) return v2ErrorOutcome(ctx.state, error);
		throw error;
	}
}

export { V2Store } from './store';
export type * from './store';
