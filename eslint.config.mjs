// ESLint 9 flat config. n8n's base plugin ships eslintrc-style configs, so its rule sets are
// registered here by hand; the community-nodes plugin ships a flat `recommended` config.
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import * as jsoncParser from 'jsonc-eslint-parser';

const baseConfigs = n8nNodesBase.configs;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: baseConfigs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...baseConfigs.credentials.rules,
			// The base plugin predates external docs: it wants an n8n docs slug, while community
			// credentials must link a full URL (enforced by @n8n/community-nodes below).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...baseConfigs.nodes.rules,
			// These two expect the legacy one-file-per-resource `<Resource>Description.ts` layout and
			// `execute()` bodies in the node class; this package follows n8n's newer versioned layout
			// (router + `<op>.operation.ts`), where continueOnFail lives in the router.
			'n8n-nodes-base/node-resource-description-filename-against-convention': 'off',
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			// These want the literal ['main'], which @n8n/community-nodes/node-connection-type-literal
			// forbids in favour of NodeConnectionTypes.Main; the newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		...communityNodes.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
	},
];
