// A copy of the built package whose SMS node reads plain `{{ $json.field }}` parameters straight
// from the item: a prototype of the change BENCHMARKS.md proposes for nodes/Insim, measured in a
// real n8n without touching the node's sources. Lives in a temp folder; never published.
import { cpSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../n8n';

const WRAPPER = `'use strict';
// Benchmark prototype (scripts/bench/fastPathPackage.ts): not the published node.
const { Insim: PublishedInsim } = require('./Insim.node.published.js');
const SIMPLE_JSON_FIELD = /^=\\{\\{\\s*\\$json\\.([A-Za-z_$][\\w$]*)\\s*\\}\\}$/;
class Insim extends PublishedInsim {
	async execute() {
		const context = this;
		const parameters = context.getNode().parameters;
		const items = context.getInputData();
		const getNodeParameter = (name, itemIndex, fallback, options) => {
			const raw = parameters[name];
			const match = typeof raw === 'string' ? SIMPLE_JSON_FIELD.exec(raw) : null;
			if (match) return items[itemIndex]?.json[match[1]] ?? fallback;
			return context.getNodeParameter(name, itemIndex, fallback, options);
		};
		const proxy = new Proxy(context, {
			get(target, property) {
				if (property === 'getNodeParameter') return getNodeParameter;
				const value = Reflect.get(target, property, target);
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		return await PublishedInsim.prototype.execute.call(proxy);
	}
}
exports.Insim = Insim;
`;

/** Returns the folder to give startN8n as `packageDir`. */
export function buildFastPathPackage(): string {
	const dir = mkdtempSync(join(tmpdir(), 'insim-bench-fast-path-'));
	cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
	cpSync(join(REPO_ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
	const nodeDir = join(dir, 'dist', 'nodes', 'Insim');
	renameSync(join(nodeDir, 'Insim.node.js'), join(nodeDir, 'Insim.node.published.js'));
	writeFileSync(join(nodeDir, 'Insim.node.js'), WRAPPER);
	return dir;
}
