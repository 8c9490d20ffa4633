import type { INode, INodeProperties } from 'n8n-workflow';

import { invalidFieldError } from './itemErrors';

/** `[link]` is current; `[Lien_Tracking]` is what older inSIM docs used. */
export const LINK_PLACEHOLDER = /\[link\]|\[Lien_Tracking\]/i;

/** A full web address: http(s)://, then a host that does not start with a dot, slash or `?#$`. */
const TRACKED_URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** The concept's one name, as the user sees it. */
export const TRACKED_URL_FIELD = 'Tracked URL';

export const PRIORITIES = [0, 1, 2];
export const NORMAL_PRIORITY = 1;

/** The Tracked URL field. Its stored name differs (`trackedUrl` in SMS Send, `url` in Campaign
 * Create) and stays so: saved workflows keep their values. */
export function trackedUrlProperty(name: string, placeholder: string): INodeProperties {
	return {
		displayName: TRACKED_URL_FIELD,
		name,
		type: 'string',
		default: '',
		placeholder,
		description:
			'Link to track. The message must contain [link]: inSIM replaces it with a short link (29 characters) and reports clicks.',
	};
}

export function priorityProperty(): INodeProperties {
	return {
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'High', value: 2 },
			{ name: 'Low', value: 0 },
			{ name: 'Normal', value: NORMAL_PRIORITY },
		],
		default: NORMAL_PRIORITY,
		description: 'Order in which the phone sends queued messages',
	};
}

/**
 * The tracked URL of a message, checked with it: a URL needs `[link]` in the message and `[link]`
 * needs a URL. Undefined when neither is there. Throws an item error naming the field.
 */
export function readTrackedUrl(
	node: INode,
	itemIndex: number,
	message: string,
	rawUrl: unknown,
): string | undefined {
	const url = typeof rawUrl === 'string' ? rawUrl.trim() : String(rawUrl ?? '').trim();
	const hasPlaceholder = LINK_PLACEHOLDER.test(message);
	if (url === '') {
		if (!hasPlaceholder) return undefined;
		throw invalidFieldError(
			node,
			itemIndex,
			TRACKED_URL_FIELD,
			url,
			'the message contains [link] but no Tracked URL is set',
		);
	}
	if (!TRACKED_URL_PATTERN.test(url)) {
		throw invalidFieldError(
			node,
			itemIndex,
			TRACKED_URL_FIELD,
			url,
			'must be a full web address starting with https:// or http://',
		);
	}
	if (!hasPlaceholder) {
		throw invalidFieldError(
			node,
			itemIndex,
			'Message',
			message,
			'a Tracked URL is set but the message has no [link] placeholder to put it in',
		);
	}
	return url;
}

/** The Priority (0, 1 or 2), Normal when not set. Throws an item error naming the field. */
export function readPriority(node: INode, itemIndex: number, raw: unknown): number {
	if (raw === undefined || raw === null || raw === '') return NORMAL_PRIORITY;
	const priority = Number(raw);
	if (!PRIORITIES.includes(priority)) {
		throw invalidFieldError(
			node,
			itemIndex,
			'Priority',
			raw,
			'must be Low (0), Normal (1) or High (2)',
		);
	}
	return priority;
}
