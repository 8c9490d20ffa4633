// `n8n-node lint` (npm run lint) holds the package's sources to n8n's rules for community nodes: no
// `process`, timers or console. This folder runs in Node, outside n8n, and is checked by tsc
// (npm run typecheck) instead. Read because npm run lint sets ESLINT_FLAGS=unstable_config_lookup_from_file.
export default [{ ignores: ['**'] }];
