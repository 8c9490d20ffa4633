// The real-n8n harness shared by `npm start` (scripts/start.ts) and the e2e tests (test/e2e).
export {
	DEFAULT_N8N_VERSION,
	INSIM_CREDENTIAL_TYPE,
	INSIM_NODE_TYPES,
	INSIM_PACKAGE_NAME,
	REPO_ROOT,
	cacheDir,
	knownN8nVersions,
	logsDir,
	majorOf,
	selectedRuntime,
} from './config';
export type { N8nRuntimeSpec } from './config';
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
