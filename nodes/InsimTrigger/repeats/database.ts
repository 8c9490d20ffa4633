/**
 * The shared line of Drop Repeated Deliveries (the first is memory.ts): runs in the trigger's `execute()`, which n8n calls
 * where the execution runs (a worker in queue mode, the main process otherwise), with the items
 * `webhook()` produced. There n8n offers its database-backed processed-data store
 * (`helpers.checkProcessedAndRecord`), which every n8n process of the instance shares and which
 * survives restarts; the webhook context does not offer it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { REPEAT_WINDOW_OPTION, checkNumericOption } from '../../Insim/helpers/options';

/**
 * Keys kept per trigger node in n8n's database, oldest dropped first: two per delivery (see
 * `windowKeys`), so the last 5,000 deliveries. n8n reads and writes them as one row per call.
 */
export const SHARED_REPEAT_MAX_ENTRIES = 10_000;

/**
 * The keys a delivery is recorded under: its id in the current window and in the previous one.
 * A repeat in the same or the next window meets one of them, so a repeat within the window is
 * always found (and one up to twice the window later may be). Time lives in the keys: no timer
 * and no clean-up is needed, and the row stays bounded by `SHARED_REPEAT_MAX_ENTRIES`.
 */
export function windowKeys(deliveryId: string, nowMs: number, windowSeconds: number): string[] {
	const window = Math.floor(nowMs / (windowSeconds * 1000));
	return [`${deliveryId}@${window}`, `${deliveryId}@${window - 1}`];
}

/**
 * Drops the items whose `deliveryId` n8n's database already holds within the repeat window, and
 * records the others. Items without a `deliveryId` pass. Test executions (mode `manual`) are not
 * checked and not recorded, so listening for a test event never hides a later production one.
 */
export async function dropRecordedRepeats(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	if (options.dropRepeats !== true || items.length === 0 || this.getMode() === 'manual') {
		return items;
	}
	const windowSeconds = checkNumericOption(options.repeatWindowSeconds, REPEAT_WINDOW_OPTION);
	if (!windowSeconds.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`Repeat Window (Seconds) ${windowSeconds.reason}`,
			{ itemIndex: 0 },
		);
	}
	const now = Date.now();
	const keysOf = items.map((item) =>
		typeof item.json.deliveryId === 'string'
			? windowKeys(item.json.deliveryId, now, windowSeconds.value)
			: [],
	);
	const allKeys = [...new Set(keysOf.flat())];
	if (allKeys.length === 0) return items;
	const processed = new Set((await recordKeys(this, allKeys)).map(String));
	const seenNow = new Set<string>();
	return items.filter((item, index) => {
		const keys = keysOf[index];
		if (keys.length === 0) return true;
		// Also drops the second of two identical events in one request.
		const repeat = keys.some((key) => processed.has(key) || seenNow.has(key));
		keys.forEach((key) => seenNow.add(key));
		return !repeat;
	});
}

async function recordKeys(ctx: IExecuteFunctions, keys: string[]): Promise<unknown[]> {
	const record = async () =>
		await ctx.helpers.checkProcessedAndRecord(keys, 'node', {
			mode: 'entries',
			maxEntries: SHARED_REPEAT_MAX_ENTRIES,
		});
	try {
		return (await record()).processed;
	} catch {
		// n8n reads, then inserts or updates its row: two first deliveries of a node at the same
		// moment make the second insert fail. The row exists now, so once more is enough.
		try {
			return (await record()).processed;
		} catch (error) {
			throw new NodeOperationError(
				ctx.getNode(),
				"Drop Repeated Deliveries could not read or record the delivery in n8n's database",
				{ itemIndex: 0, description: (error as Error)?.message ?? String(error) },
			);
		}
	}
}
