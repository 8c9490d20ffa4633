/**
 * The first line of Drop Repeated Deliveries: runs in `webhook()`, in the n8n process that
 * received the call, before any execution starts. It only knows what this process saw; the
 * shared line (database.ts) checks n8n's database where the execution runs.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

/** Deliveries remembered per trigger node in this process, oldest dropped first. */
const REPEAT_FILTER_MAX_ENTRIES = 10_000;

/**
 * Remembers recent deliveries to spot inSIM's retries. Memory is bounded: expired entries are
 * dropped on each call and, past `maxEntries`, the oldest ones (a Map keeps insertion order, which
 * is time order as entries are never refreshed). The caller passes the clock: no timers.
 */
export class RepeatedDeliveryFilter {
	private readonly seenAt = new Map<string, number>();

	private readonly windowMs: number;

	private readonly maxEntries: number;

	constructor(windowMs: number, maxEntries: number) {
		this.windowMs = Number.isFinite(windowMs) && windowMs > 0 ? windowMs : 0;
		this.maxEntries = Number.isFinite(maxEntries) && maxEntries > 0 ? Math.floor(maxEntries) : 0;
	}

	/** True when an identical key was seen within the window; records it otherwise. */
	isRepeat(key: string, nowMs: number): boolean {
		this.evictExpired(nowMs);
		const seen = this.seenAt.get(key);
		// The window runs from the first sighting: retries do not extend it.
		if (seen !== undefined && nowMs - seen < this.windowMs) return true;
		if (this.maxEntries === 0 || this.windowMs === 0) return false;
		// Re-inserted at the end, so the Map stays in time order.
		this.seenAt.delete(key);
		while (this.seenAt.size >= this.maxEntries) this.dropOldest();
		this.seenAt.set(key, nowMs);
		return false;
	}

	get size(): number {
		return this.seenAt.size;
	}

	private evictExpired(nowMs: number): void {
		for (const [key, seen] of this.seenAt) {
			if (nowMs - seen < this.windowMs) break;
			this.seenAt.delete(key);
		}
	}

	private dropOldest(): void {
		const oldest = this.seenAt.keys().next();
		if (!oldest.done) this.seenAt.delete(oldest.value);
	}
}

/** What tells one trigger node from another: its workflow and its node id. */
type NodeScope = Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>;

/**
 * One filter per trigger node, kept in this module so that it lives across requests in the n8n
 * process (a webhook call has no other memory that is not written to the database). Released when
 * the workflow is deactivated; a new Repeat Window replaces the node's filter.
 */
const repeatFilters = new Map<string, { windowSeconds: number; filter: RepeatedDeliveryFilter }>();

/** The events this process did not see within the window, which it now remembers. */
export function dropRepeatsSeenHere<Event extends { deliveryId: string }>(
	ctx: NodeScope,
	events: Event[],
	windowSeconds: number,
): Event[] {
	const scope = scopeOf(ctx);
	let held = repeatFilters.get(scope);
	if (held === undefined || held.windowSeconds !== windowSeconds) {
		const filter = new RepeatedDeliveryFilter(windowSeconds * 1000, REPEAT_FILTER_MAX_ENTRIES);
		held = { windowSeconds, filter };
		repeatFilters.set(scope, held);
	}
	const { filter } = held;
	const now = Date.now();
	return events.filter((event) => !filter.isRepeat(event.deliveryId, now));
}

/** Forgets the node's deliveries: its workflow was deactivated (or is being re-activated). */
export function releaseRepeatFilter(ctx: NodeScope): void {
	repeatFilters.delete(scopeOf(ctx));
}

function scopeOf(ctx: NodeScope): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}
