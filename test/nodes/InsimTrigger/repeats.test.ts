/**
 * The shared line of Drop Repeated Deliveries (nodes/InsimTrigger/repeats/database.ts) against an in-memory
 * stand-in for n8n's processed-data store with the same contract as n8n 2.40's 'entries' mode:
 * keys are recorded in order, the oldest dropped past maxEntries, `processed` lists the keys
 * already there. The real store (Postgres, across processes) is tested in test/queue.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	SHARED_REPEAT_MAX_ENTRIES,
	dropRecordedRepeats,
	windowKeys,
} from '../../../nodes/InsimTrigger/repeats/database';
import { InsimTrigger } from '../../../nodes/InsimTrigger/InsimTrigger.node';
import {
	dropRepeatsSeenHere,
	releaseRepeatFilter,
} from '../../../nodes/InsimTrigger/repeats/memory';

type Store = { keys: string[]; calls: number; failNext: number; maxEntries?: number };

function context(options: Record<string, unknown>, store: Store, mode = 'webhook') {
	return {
		getNodeParameter: (name: string, _index: number, fallback: unknown) =>
			name === 'options' ? options : fallback,
		getMode: () => mode,
		getNode: () => ({ name: 'inSIM Trigger', id: 'n1' }),
		getInputData: () => [],
		helpers: {
			checkProcessedAndRecord: async (
				items: string[],
				scope: string,
				opts: { mode: string; maxEntries?: number },
			) => {
				store.calls++;
				expect({ scope, mode: opts.mode }).toEqual({ scope: 'node', mode: 'entries' });
				store.maxEntries = opts.maxEntries;
				if (store.failNext > 0) {
					store.failNext--;
					throw new Error('duplicate key value violates unique constraint');
				}
				const known = new Set(store.keys);
				const processed = items.filter((key) => known.has(key));
				store.keys.push(...items.filter((key) => !known.has(key)));
				store.keys.splice(0, Math.max(0, store.keys.length - (opts.maxEntries ?? Infinity)));
				return { new: items.filter((key) => !known.has(key)), processed };
			},
		},
	} as unknown as IExecuteFunctions;
}

const item = (deliveryId?: string, text = 'hi'): INodeExecutionData => ({
	json: deliveryId === undefined ? { text } : { text, deliveryId },
});
const newStore = (): Store => ({ keys: [], calls: 0, failNext: 0 });
const WINDOW = { dropRepeats: true, repeatWindowSeconds: 300 };
const run = (ctx: IExecuteFunctions, items: INodeExecutionData[]) =>
	dropRecordedRepeats.call(ctx, items);

let now = 1_700_000_000_000;
beforeEach(() => {
	now = 1_700_000_000_000;
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

test('a delivery seen by any process (the shared store) is dropped; others pass', async () => {
	const store = newStore();
	const ctx = context(WINDOW, store);
	expect(await run(ctx, [item('d1')])).toHaveLength(1);
	now += 60_000;
	expect(await run(ctx, [item('d1')])).toHaveLength(0);
	const mixed = await run(ctx, [item('d1'), item('d2', 'two'), item(undefined, 'no id')]);
	expect(mixed.map((entry) => entry.json.text)).toEqual(['two', 'no id']);
	expect(store.maxEntries).toBe(SHARED_REPEAT_MAX_ENTRIES);
});

test('the window: a repeat within it is always dropped, one two windows later passes', async () => {
	const store = newStore();
	const ctx = context({ dropRepeats: true, repeatWindowSeconds: 10 }, store);
	// Just before a window boundary: the repeat lands in the next window and is still found.
	now = 10_000 * 1000 + 9_999;
	expect(await run(ctx, [item('d1')])).toHaveLength(1);
	now += 9_000;
	expect(await run(ctx, [item('d1')])).toHaveLength(0);
	now += 30_000;
	expect(await run(ctx, [item('d1')])).toHaveLength(1);
	expect(windowKeys('d', 25_000, 10)).toEqual(['d@2', 'd@1']);
});

test('two identical events in one request: the second is dropped', async () => {
	const ctx = context(WINDOW, newStore());
	expect(await run(ctx, [item('d1'), item('d1')])).toHaveLength(1);
});

test('option off, test executions and empty input: nothing is checked or recorded', async () => {
	const store = newStore();
	expect(await run(context({}, store), [item('d1')])).toHaveLength(1);
	expect(await run(context(WINDOW, store, 'manual'), [item('d1')])).toHaveLength(1);
	expect(await run(context(WINDOW, store), [])).toHaveLength(0);
	expect(store.calls).toBe(0);
	expect(await run(context(WINDOW, store), [item('d1')])).toHaveLength(1);
});

test('a failed first record (two first deliveries at once) is retried once, then an error', async () => {
	const store = newStore();
	store.failNext = 1;
	expect(await run(context(WINDOW, store), [item('d1')])).toHaveLength(1);
	expect(store.calls).toBe(2);
	store.failNext = 2;
	const error = await run(context(WINDOW, store), [item('d2')]).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toMatch(/Drop Repeated Deliveries/);
});

test('an invalid window is an error naming the field', async () => {
	const ctx = context({ dropRepeats: true, repeatWindowSeconds: 0 }, newStore());
	await expect(run(ctx, [item('d1')])).rejects.toThrow(/Repeat Window \(Seconds\)/);
});

test('memory stays bounded: the store keeps the last keys only', async () => {
	const store = newStore();
	const ctx = context(WINDOW, store);
	for (let n = 0; n < 60; n++) {
		await run(
			ctx,
			Array.from({ length: 100 }, (_, i) => item(`d${n}-${i}`)),
		);
	}
	expect(store.keys.length).toBe(SHARED_REPEAT_MAX_ENTRIES);
});

test("execute() passes the webhook's items on, paired, after the shared check", async () => {
	const store = newStore();
	const ctx = {
		...context(WINDOW, store),
		getInputData: () => [item('d1'), item('d1'), item('d2', 'two')],
	} as unknown as IExecuteFunctions;
	const [output] = await new InsimTrigger().execute.call(ctx);
	expect(output.map((entry) => [entry.json.deliveryId, entry.pairedItem])).toEqual([
		['d1', { item: 0 }],
		['d2', { item: 2 }],
	]);
});

describe("the first line: this process's memory of each trigger node", () => {
	const nodeOf = (workflowId: string, nodeId: string) =>
		({
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: nodeId, name: 'inSIM Trigger' }),
		}) as unknown as Parameters<typeof releaseRepeatFilter>[0];
	const seenOnce = (node: ReturnType<typeof nodeOf>, id: string, windowSeconds = 60) =>
		dropRepeatsSeenHere(node, [{ deliveryId: id }], windowSeconds).length === 1;

	test('released per node: the released node forgets, the others remember', () => {
		const first = nodeOf('wf-memory', 'n1');
		const second = nodeOf('wf-memory', 'n2');
		const otherWorkflow = nodeOf('wf-other', 'n1');
		expect([seenOnce(first, 'd1'), seenOnce(first, 'd1')]).toEqual([true, false]);
		expect([seenOnce(second, 'd1'), seenOnce(otherWorkflow, 'd1')]).toEqual([true, true]);
		releaseRepeatFilter(first);
		expect(seenOnce(first, 'd1')).toBe(true);
		expect([seenOnce(second, 'd1'), seenOnce(otherWorkflow, 'd1')]).toEqual([false, false]);
		releaseRepeatFilter(second);
		releaseRepeatFilter(otherWorkflow);
	});

	test("a new Repeat Window replaces the node's memory instead of keeping a second one", () => {
		const node = nodeOf('wf-window', 'n1');
		expect([seenOnce(node, 'd1', 60), seenOnce(node, 'd1', 60)]).toEqual([true, false]);
		expect([seenOnce(node, 'd1', 120), seenOnce(node, 'd1', 120)]).toEqual([true, false]);
		// Back to 60: the first window's memory is gone, not kept beside the second.
		expect(seenOnce(node, 'd1', 60)).toBe(true);
		releaseRepeatFilter(node);
	});
});
