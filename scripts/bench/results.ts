// The figures of one `npm run bench` run, as written to docs/benchmarks.json.
import type { BulkResults } from './bulkSend';
import type { InProcessResults } from './inProcess';
import type { BenchOptions } from './options';
import type { PackageWeight } from './packageWeight';
import type { IntakeResults } from './webhookIntake';

export interface MachineInfo {
	cpuModel: string;
	cores: number;
	memoryGb: number;
	benchNode: string;
	n8nNode: string;
	n8nVersion: string;
	/** other `n8n start` processes seen at the start and the end of the run */
	otherN8nAtStart: number;
	otherN8nAtEnd: number;
	/** 1-minute load average when the run started (2 cores: 2.0 = both busy) */
	loadAverageAtStart?: number;
}

/** The same open-profile bulk send and intake, in an n8n whose expressions skip the isolate. */
export interface DiagnosisResults {
	n8nEnv: Record<string, string>;
	bulk?: BulkResults;
	intake?: IntakeResults;
}

export const DIAGNOSIS_N8N_ENV = { N8N_EXPRESSION_ENGINE: 'legacy' };

export interface BenchResults {
	startedAt: string;
	durationMs: number;
	options: BenchOptions;
	machine: MachineInfo;
	bulk?: BulkResults;
	intake?: IntakeResults;
	inProcess?: InProcessResults;
	weight?: PackageWeight;
	diagnosis?: DiagnosisResults;
}
