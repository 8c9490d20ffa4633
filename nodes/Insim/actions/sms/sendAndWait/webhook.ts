import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { askedFacts } from './asked';
import { pageContent, webhookReader } from './config';
import { APPROVED_FIELD, answerRecordedPage, formFieldName, questionPage } from './page';

/**
 * The waiting execution's page. n8n calls it for `/webhook-waiting/<execution>/<node id>` after
 * checking the URL's signature. GET shows the question and resumes nothing; only the POST of a
 * button or form resumes the execution, with the answer as this node's output.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const content = pageContent(this.getNode(), webhookReader(this));

	if (request.method !== 'POST') {
		response
			.status(200)
			.setHeader('Content-Type', 'text/html; charset=utf-8')
			.setHeader('Cache-Control', 'no-store')
			.send(questionPage(content));
		return { noWebhookResponse: true };
	}

	const body = formBody(this.getBodyData());
	let data: IDataObject;
	if (content.choices.kind === 'approval') {
		const value = body[APPROVED_FIELD];
		// A decline button exists only for "Approve and Disapprove"; anything else approves.
		data = {
			approved: !(content.choices.declineLabel !== undefined && String(value) === 'false'),
		};
	} else if (this.getNodeParameter('responseType', 'approval') === 'freeText') {
		data = { text: String(body[formFieldName(0)] ?? '') };
	} else {
		data = {};
		content.choices.fields.forEach((field, index) => {
			const value = body[formFieldName(index)];
			data[field.label] =
				field.type === 'number' && value !== undefined && value !== ''
					? Number(value)
					: (value ?? '');
		});
	}

	const asked = askedFacts(this);
	return {
		webhookResponse: answerRecordedPage(),
		workflowData: [
			[
				{
					json: {
						data,
						answered: true,
						answeredAt: new Date().toISOString(),
						...asked,
					},
					pairedItem: { item: 0 },
				},
			],
		],
	};
}

/** n8n hands a urlencoded body over as an object; some setups nest it under `data`. */
function formBody(body: IDataObject): IDataObject {
	if (typeof body.data === 'object' && body.data !== null && !Array.isArray(body.data)) {
		return body.data as IDataObject;
	}
	return body;
}
