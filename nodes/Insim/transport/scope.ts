import type { IDataObject } from 'n8n-workflow';

import type { InsimCredentials, InsimFunctions } from './credentials';

/** What an operation may ask of one call to inSIM. */
export interface InsimRequestOptions {
	/** Seconds to wait for an answer before giving up (the request may still be processed). */
	timeoutSeconds?: number;
	/** Attempts in all for failures that provably did not reach inSIM. */
	maxAttempts?: number;
	/** Longest single wait a `Retry-After` may impose before the call fails instead. */
	maxRetryAfterSeconds?: number;
	itemIndex?: number;
	/** inSIM's field names (`phone_number`) → the node's field names (`Phone Number`), for errors. */
	fieldLabels?: Record<string, string>;
}

/** Who an error is about: the node, and the item when the call was made for one. */
export interface ErrorTarget {
	ctx: InsimFunctions;
	itemIndex?: number;
}

/**
 * One call to inSIM, settled once by insimRequest and handed to every step (send, retry, parse,
 * error) instead of the same values as a list of parameters.
 */
export interface RequestScope extends ErrorTarget {
	/** e.g. `/v1/sendsms`, `/v2/contacts` */
	path: string;
	body: IDataObject;
	credentials: InsimCredentials;
	timeoutSeconds: number;
	maxAttempts: number;
	maxRetryAfterSeconds: number;
	fieldLabels?: Record<string, string>;
	/** Removes the access key and the login from a text bound for an error. */
	redact: (text: string) => string;
}
