import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/** The name of the inSIM credential type (credentials/InsimApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'insimApi';

export type InsimFunctions = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface InsimCredentials {
	login: string;
	accessKey: string;
	baseUrl: string;
}

/**
 * One load per execution context: n8n reads and decrypts the credential from its database on
 * every getCredentials call, which cost milliseconds per batch. A new execution has a new context.
 */
const credentialsByContext = new WeakMap<object, Promise<InsimCredentials>>();

export async function getInsimCredentials(this: InsimFunctions): Promise<InsimCredentials> {
	let loading = credentialsByContext.get(this);
	if (!loading) {
		loading = loadInsimCredentials.call(this);
		credentialsByContext.set(this, loading);
		// A failed load is not kept: the next call asks n8n again.
		loading.catch(() => credentialsByContext.delete(this));
	}
	return await loading;
}

async function loadInsimCredentials(this: InsimFunctions): Promise<InsimCredentials> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		login: String(credentials.login ?? ''),
		accessKey: String(credentials.apiKey ?? ''),
		baseUrl: normalizeBaseUrl(String(credentials.baseUrl ?? '')),
	};
}

function normalizeBaseUrl(baseUrl: string): string {
	return (baseUrl.trim() || 'https://www.insim.app/api').replace(/\/+$/, '');
}
