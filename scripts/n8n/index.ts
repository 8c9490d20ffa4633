// The real-n8n harness shared by `npm start` (scripts/start.ts) and the e2e tests (test/e2e).
export { INSIM_CREDENTIAL_TYPE, INSIM_NODE_TYPES, REPO_ROOT, cacheDir, logsDir } from './config';
export { ensureN8n, pinnedN8nVersion } from './ensureN8n';
export type { EnsureN8nOptions, N8nRuntime, ProgressReporter } from './ensureN8n';
export { HarnessStepError, inStep, stepError } from './errors';
export type { HarnessStep } from './errors';
export { stopAllGuarded } from './processes';
export { freePort, newId, startN8n } from './startN8n';
export type {
	CliOptions,
	CliResult,
	CredentialToImport,
	ExecutionJson,
	HttpResult,
	N8nInstance,
	OutputItem,
	OwnerLogin,
	StartN8nOptions,
	WorkflowRunResult,
	WorkflowToImport,
} from './startN8n';
