// test/engine/harness.ts registers a jest `afterAll` hook when it loads; outside jest that global
// does not exist. The benchmark stops the engine's timers itself (stopEngineTimers).
const globals = globalThis as { afterAll?: (hook: () => unknown) => void };
globals.afterAll ??= () => undefined;

export {};
