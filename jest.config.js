const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
};

/** @type {import('jest').Config} */
module.exports = {
	maxWorkers: 2,
	// jest-circus reads the timeout from the global config only: a file that needs longer sets its
	// own with jest.setTimeout.
	testTimeout: 60000,
	projects: [
		{
			// Unit, simulator and engine tests: everything runs inside the jest process (npm test).
			displayName: 'in-process',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: [
				'/node_modules/',
				'<rootDir>/test/e2e/',
				'<rootDir>/test/browser/',
				'<rootDir>/test/security/e2e/',
				'<rootDir>/test/package/',
			],
			transform,
		},
		{
			// A real n8n per test file (scripts/n8n); globalSetup installs it on the first run.
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e', '<rootDir>/test/security/e2e'],
			testMatch: ['**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			transform,
		},
		{
			// The n8n editor in a real Chromium (playwright-core), against `npm start`.
			displayName: 'browser',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/browser'],
			testMatch: ['**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			transform,
		},
		{
			// The packed tarball, the lint setup and the release workflows (npm run test:package,
			// after npm run build).
			displayName: 'package',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/package'],
			testMatch: ['**/*.test.ts'],
			transform,
		},
	],
};
