// Second lint pass (npm run lint runs it after `n8n-node lint`): eslint-plugin-n8n-nodes-base 2.0.0,
// the release the product owner named. n8n-node lint's default config (eslint.config.mjs, which its
// strict mode requires unchanged) runs this plugin's rule sets too, but from its own pinned 1.16.5 and
// with node-param-type-options-max-value-present and cred-class-field-type-options-password-missing
// off; this pass runs 2.0.0 with both on.
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';

const ruleSets = n8nNodesBase.configs;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		// The TypeScript parser reads package.json as one object expression, which the community
		// rules inspect; under jsonc-eslint-parser none of them fires.
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: ruleSets.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...ruleSets.credentials.rules,
			// The plugin predates external docs: it wants an n8n docs slug, while a community
			// credential links a full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...ruleSets.nodes.rules,
			// These want the literal ['main']; n8n's community rules ask for NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
