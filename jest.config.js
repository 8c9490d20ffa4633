const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
};

/** @type {import('jest').Config} */
module.exports = {
	maxWorkers: 2,
	// jest-circus reads the timeout from the global config only: a project's own is ignored.
	testTimeout: 60000,
	projects: [
		{
			// Unit, simulator and engine tests: everything runs inside the jest process.
			displayName: 'in-process',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: [
				'/node_modules/',
				'<rootDir>/test/e2e/',
				'<rootDir>/test/browser/',
				'<rootDir>/test/security/e2e/',
			],
			transform,
			testTimeout: 60000,
		},
		{
			// A real n8n per test file (scripts/n8n); globalSetup installs it on the first run.
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e', '<rootDir>/test/security/e2e'],
			testMatch: ['**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			transform,
			testTimeout: 180000,
		},
		{
			// The n8n editor in a real Chromium (playwright-core), against `npm start`.
			displayName: 'browser',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/browser'],
			testMatch: ['**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			transform,
			testTimeout: 180000,
		},
	],
};
