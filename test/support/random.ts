/** mulberry32: a small seeded PRNG, so every run checks the same generated inputs. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The same generator with the helpers random tests keep needing. */
export function prng(seed: number) {
	const next = seededRandom(seed);
	const int = (max: number) => Math.floor(next() * max);
	const pick = <T>(items: readonly T[]): T => items[int(items.length)];
	const chance = (probability: number) => next() < probability;
	return { next, int, pick, chance };
}
