import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { campaignForStart } from '../../contracts/sending';
import { TIMEOUT_OPTION, readItemOptions } from '../../helpers/options';
import { recordOf } from '../../helpers/records';
import { locatorId } from '../../helpers/v2Parameters';
import { deliveryCertaintyOf, insimV2Request } from '../../transport';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';
import { READY_STATUS, statusOf, statusTextOf, withStatusText } from './status';

const FIELD_LABELS = { campaign_id: 'Campaign' };

const properties: INodeProperties[] = [
	{
		displayName:
			'Starting a campaign sends real SMS to all its recipients (a premium feature). The node first checks that the campaign is ready and has recipients, starts each campaign once per run, and never retries a start whose outcome is unknown.',
		name: 'startNotice',
		type: 'notice',
		default: '',
	},
	resourceLocatorProperty('campaign', {
		description: 'The campaign to start. It must be ready (status 0) and have recipients.',
	}),
	optionsCollection([
		timeoutOption(
			'Seconds to wait for inSIM to answer the start. A start that times out is not retried, since inSIM may be sending the campaign.',
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['start'] } },
	properties,
);

/** Which item of this run started (or may have started) a campaign. */
interface StartAttempt {
	itemIndex: number;
	certain: boolean;
}

/**
 * API v2 `campaigns/start`, one request per item. Before it, `campaigns/detail` must show status
 * 0 and recipients; a campaign is started at most once per run; a start that failed in a way that
 * may have reached inSIM is reported as such and never repeated.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	const attempts = new Map<string, StartAttempt>();
	// Every item's Timeout is checked before the first start.
	const timeouts = readItemOptions(this, items.length, 'timeout', TIMEOUT_OPTION);
	if (!this.continueOnFail() && timeouts.outcomes.length > 0) return timeouts.outcomes;
	const badTimeout = new Map(timeouts.outcomes.map((outcome) => [outcome.itemIndex, outcome]));
	return await runPerItem(this, items, {
		writes: true,
		run: async (itemIndex) => {
			const node = this.getNode();
			const invalid = badTimeout.get(itemIndex);
			if (invalid && 'error' in invalid) throw invalid.error;
			const timeoutSeconds = timeouts.values.get(itemIndex) as number;
			const campaignId = locatorId(this, 'campaignId', itemIndex, 'Campaign');

			const earlier = attempts.get(campaignId);
			if (earlier) {
				throw new NodeOperationError(
					node,
					earlier.certain
						? `campaign ${campaignId} was already started by item ${earlier.itemIndex} in this run; it is not started twice`
						: `campaign ${campaignId} was not started again: item ${earlier.itemIndex} already tried to start it in this run and inSIM may have processed that start`,
					{
						itemIndex,
						description: 'Nothing was sent for this item.',
					},
				);
			}

			const detail = await readCampaignDetail(this, campaignId, itemIndex);
			const name = typeof detail.name === 'string' && detail.name !== '' ? detail.name : undefined;
			const label = name ? `"${name}" (${campaignId})` : campaignId;
			const status = statusOf(detail);
			const recipients =
				detail.recipients === undefined || detail.recipients === null
					? undefined
					: Number(detail.recipients);
			if (status !== READY_STATUS || recipients === 0) {
				const why =
					status !== READY_STATUS
						? `its status is ${status ?? 'unknown'} (${statusTextOf(status)}); only a ready campaign (status 0) can start`
						: 'it has no recipients';
				throw new NodeOperationError(node, `campaign ${label} cannot be started: ${why}`, {
					itemIndex,
					description:
						'Nothing was sent. Check the campaign with Campaign → Get; a campaign without recipients needs a new one with recipients.',
				});
			}

			let answer: IDataObject | undefined;
			let failure: unknown;
			try {
				answer = await insimV2Request.call(
					this,
					'campaigns/start',
					{ campaign_id: campaignId },
					{ itemIndex, fieldLabels: FIELD_LABELS, timeoutSeconds },
				);
			} catch (error) {
				failure = error;
			}
			if (answer === undefined) {
				// The transport throws NodeApiErrors only, and has retried what provably never arrived.
				if (failure instanceof NodeApiError && deliveryCertaintyOf(failure) === 'notSent') {
					throw failure;
				}
				attempts.set(campaignId, { itemIndex, certain: false });
				throw mayHaveStartedError(this, failure, itemIndex, label);
			}
			attempts.set(campaignId, { itemIndex, certain: true });
			return withStatusText({
				id: campaignId,
				...(name ? { name } : {}),
				...(recipients !== undefined ? { recipients } : {}),
				...recordOf(answer, 'campaign'),
				started: true,
			});
		},
	});
}

/** `campaigns/detail`; when it fails, nothing was started, whatever happened to the read. */
async function readCampaignDetail(
	ctx: IExecuteFunctions,
	campaignId: string,
	itemIndex: number,
): Promise<IDataObject> {
	let failure: unknown;
	try {
		const answer = await insimV2Request.call(
			ctx,
			'campaigns/detail',
			{ campaign_id: campaignId },
			{ itemIndex, fieldLabels: FIELD_LABELS },
		);
		return campaignForStart(ctx.getNode(), answer, itemIndex);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeApiError) {
		failure.context.deliveryCertainty = 'notSent';
		throw failure;
	}
	throw new NodeOperationError(ctx.getNode(), failure as Error, { itemIndex });
}

function mayHaveStartedError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	label: string,
): NodeApiError {
	const known = error instanceof NodeApiError ? error : undefined;
	const cause = String((error as Error)?.message ?? error);
	const unknown = new NodeApiError(
		ctx.getNode(),
		{ message: cause },
		{
			message: `the start of campaign ${label} may have been processed: ${cause}`,
			description:
				'inSIM may be sending this campaign. It was not retried: check the campaign with Campaign → Get (or in the inSIM app) before starting it again.',
			httpCode: known?.httpCode ?? undefined,
			itemIndex,
		},
	);
	unknown.context.deliveryCertainty = 'unknown';
	return unknown;
}
