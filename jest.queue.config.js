// `npm run test:queue`: the package in n8n's queue mode (scripts/queue). Kept apart from `jest`
// (npm test): it starts 5 n8n processes, Postgres and Redis, and needs them to itself.
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
};

/** @type {import('jest').Config} */
module.exports = {
	displayName: 'queue',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	transform,
	testTimeout: 240000,
	maxWorkers: 1,
};
