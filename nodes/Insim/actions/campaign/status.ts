import type { IDataObject } from 'n8n-workflow';

/**
 * inSIM's campaign status codes (ReachTechnologies/insim-cli cli_anything/insim/skills/SKILL.md
 * tip 8; ReachTechnologies/insim-mcp src/insim_mcp/server.py start_campaign). 4 is not in the
 * vendor's lists: it is what this project's simulator gives a cancelled campaign, a guess at what
 * inSIM does.
 */
const STATUS_TEXT: Record<number, string> = {
	0: 'ready',
	1: 'launched',
	2: 'no recipients',
	3: 'completed',
	4: 'cancelled',
};

export const READY_STATUS = 0;

/** `status` as a number, or undefined when the record has none. */
export function statusOf(record: IDataObject): number | undefined {
	const value = record.status;
	if (value === undefined || value === null || value === '') return undefined;
	const status = Number(value);
	return Number.isInteger(status) ? status : undefined;
}

export function statusTextOf(status: number | undefined): string {
	if (status === undefined) return 'unknown';
	return STATUS_TEXT[status] ?? `unknown (${status})`;
}

/** The record with a readable `statusText` next to inSIM's numeric `status`. */
export function withStatusText(record: IDataObject): IDataObject {
	if (record.status === undefined) return record;
	return { ...record, statusText: statusTextOf(statusOf(record)) };
}
