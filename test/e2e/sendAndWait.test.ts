/**
 * SMS → Send and Wait for Response inside a real n8n: a published workflow (Webhook → inSIM →
 * No-Op) is started, the execution waits, the simulator holds the SMS with the link, a GET of the
 * link shows the page and resumes nothing, the button's POST resumes it with the answer, and a
 * time limit resumes it without one. Everything read back through n8n's public API.
 */
import { DEMO_ACCOUNT } from '../simulator';
import { majorOf, selectedRuntime } from '../../scripts/n8n';
import { setUpE2e } from './harness';

const CREDENTIAL_ID = 'insimSendAndWait';
const credentialRef = { insimApi: { id: CREDENTIAL_ID, name: 'inSIM account' } };
const RECIPIENT = '+33612345678';

const { context, e2eTest } = setUpE2e('send-and-wait');

/**
 * Waiting for an answer is tested on n8n 2.x only: on n8n 1.123 no execution of this workflow was
 * ever seen waiting (README, "Tested n8n versions"); the check that needs no wait runs on both.
 */
const waitingTest: typeof e2eTest =
	majorOf(selectedRuntime().n8nVersion) >= 2
		? e2eTest
		: (name) => test.skip(`${name} (n8n 2.x only)`, () => undefined);

beforeAll(async () => {
	await context.n8n.importCredential({
		id: CREDENTIAL_ID,
		name: 'inSIM account',
		type: 'insimApi',
		data: {
			login: DEMO_ACCOUNT.login,
			apiKey: DEMO_ACCOUNT.accessKey,
			baseUrl: context.sim.baseUrl,
		},
	});
}, 120_000);

interface Execution {
	id: string;
	status: string;
	finished?: boolean;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

async function publishAskWorkflow(path: string, insimParameters: Record<string, unknown>) {
	const id = await context.n8n.importWorkflow({
		name: `e2e: send and wait ${path}`,
		nodes: [
			{
				id: `${path}-webhook`,
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${path}-webhook-id`,
				parameters: { path, httpMethod: 'POST', responseMode: 'onReceived' },
			},
			{
				id: `${path}-ask`,
				name: 'Ask',
				type: 'n8n-nodes-insim.insim',
				typeVersion: 1,
				position: [220, 0],
				webhookId: `${path}-ask-webhook`,
				parameters: {
					resource: 'sms',
					operation: 'sendAndWait',
					phoneNumber: RECIPIENT,
					...insimParameters,
				},
				credentials: credentialRef,
			},
			{
				id: `${path}-done`,
				name: 'Answered',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Answered', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	await context.n8n.publishWorkflow(id);
	return id;
}

async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function executionsOf(workflowId: string) {
	const page = await context.n8n.publicApi<{ data: Execution[] }>(
		'GET',
		`/executions?workflowId=${workflowId}&includeData=false`,
	);
	return page.data;
}

async function executionWithData(id: string) {
	return await context.n8n.publicApi<Execution>('GET', `/executions/${id}?includeData=true`);
}

/** Starts the workflow and returns its waiting execution and the SMS the simulator received. */
async function startAndWait(workflowId: string, path: string) {
	const sentBefore = context.sim.sentMessages().length;
	const started = Date.now();
	const response = await fetch(`${context.n8n.baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ quote: 1042 }),
	});
	expect(response.status).toBe(200);
	const waiting = await poll('a waiting execution', async () =>
		(await executionsOf(workflowId)).find((execution) => execution.status === 'waiting'),
	);
	const sms = await poll('the SMS', async () => context.sim.sentMessages()[sentBefore]);
	return { waiting, sms, started };
}

const askOutput = (execution: Execution, node = 'Ask') =>
	execution.data?.resultData.runData[node]?.at(-1)?.data?.main[0]?.map((item) => item.json) ?? [];

waitingTest(
	'Approval: the SMS links to the page; GET shows it; the button resumes the execution',
	async () => {
		const path = 'ask-approval';
		const workflowId = await publishAskWorkflow(path, {
			message: 'Quote #1042 for 1,250 EUR: approve?',
			responseType: 'approval',
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Yes, go', disapproveLabel: 'No' },
			},
		});
		const { waiting, sms, started } = await startAndWait(workflowId, path);

		// The SMS: the question and inSIM's 29-character tracked link standing for the resume URL.
		expect(sms.phone_number).toBe(RECIPIENT);
		expect(sms.short_url).toMatch(/^https:\/\/arsms\.co\/\w{12}$/);
		expect(sms.message).toBe(`Quote #1042 for 1,250 EUR: approve? ${sms.short_url}`);
		const resumeUrl = String(sms.url);
		expect(resumeUrl).toContain(`/webhook-waiting/${waiting.id}/${path}-ask?`);
		expect(resumeUrl).toMatch(/[?&]signature=/);
		process.stdout.write(
			`[send-and-wait] SMS: ${sms.message.length} characters with the link (${sms.sms_per_message} part); resume URL ${resumeUrl.length} characters\n`,
		);

		// GET (what a link preview or a bot does) shows the page and decides nothing.
		const page = await fetch(resumeUrl);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Quote #1042 for 1,250 EUR: approve?');
		expect(html).toContain('>Yes, go</button>');
		expect(html).toContain('>No</button>');
		expect(html).not.toContain(DEMO_ACCOUNT.accessKey);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await executionsOf(workflowId)).find((e) => e.id === waiting.id)?.status).toBe(
			'waiting',
		);

		// Without n8n's signature the page is refused.
		const unsigned = new URL(resumeUrl);
		unsigned.searchParams.delete('signature');
		const refused = await fetch(unsigned, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'approved=true',
		});
		expect(refused.status).toBe(401);

		// The button: a POST of the form to the same address.
		const pressed = Date.now();
		const answer = await fetch(resumeUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'approved=true',
		});
		expect(answer.status).toBe(200);
		expect(await answer.text()).toContain('Got it, thanks');
		const finished = await poll('the execution to finish', async () => {
			const execution = (await executionsOf(workflowId)).find((e) => e.id === waiting.id);
			return execution?.status === 'success' ? execution : undefined;
		});
		const resumedMs = Date.now() - pressed;
		const full = await executionWithData(finished.id);
		const [output] = askOutput(full, 'Answered');
		expect(output).toMatchObject({
			data: { approved: true },
			answered: true,
			phoneNumber: RECIPIENT,
			sms: { id_sms_api: sms.id_sms_api },
		});
		process.stdout.write(`[send-and-wait] answer output: ${JSON.stringify(output)}\n`);
		expect(Date.parse(String(output.answeredAt))).toBeGreaterThanOrEqual(
			Date.parse(String(output.askedAt)),
		);
		expect(JSON.stringify(full)).not.toContain(DEMO_ACCOUNT.accessKey);
		process.stdout.write(
			`[send-and-wait] round trip: start → waiting ${pressed - started} ms (incl. GET checks); button POST → execution finished ${resumedMs} ms\n`,
		);

		// The link again once answered: n8n's "no action required" page, nothing resumed twice.
		const again = await fetch(resumeUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'approved=false',
		});
		expect(again.status).not.toBe(500);
		expect((await executionsOf(workflowId)).filter((e) => e.status === 'success')).toHaveLength(1);
	},
);

waitingTest('Free Text: the form answer is the output', async () => {
	const path = 'ask-text';
	const workflowId = await publishAskWorkflow(path, {
		message: 'The job at 12 rue Victor Hugo is marked failed: what went wrong?',
		responseType: 'freeText',
		options: { linkType: 'full' },
	});
	const { waiting, sms } = await startAndWait(workflowId, path);
	// Full link: the resume URL itself is in the text.
	expect(sms.url).toBeUndefined();
	const resumeUrl = /(http:\/\/\S+)$/.exec(sms.message)?.[1] ?? '';
	expect(resumeUrl).toContain(`/webhook-waiting/${waiting.id}/${path}-ask?`);
	const html = await (await fetch(resumeUrl)).text();
	expect(html).toContain('<textarea');
	const answer = await fetch(resumeUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ 'field-0': 'No access code for the gate' }).toString(),
	});
	expect(answer.status).toBe(200);
	const finished = await poll('the execution to finish', async () => {
		const execution = (await executionsOf(workflowId)).find((e) => e.id === waiting.id);
		return execution?.status === 'success' ? execution : undefined;
	});
	const [output] = askOutput(await executionWithData(finished.id), 'Answered');
	expect(output).toMatchObject({
		data: { text: 'No access code for the gate' },
		answered: true,
		sms: { id_sms_api: expect.stringMatching(/^n8n-/) },
	});
});

waitingTest(
	'Limit Wait Time: without an answer the execution resumes at the limit',
	async () => {
		const path = 'ask-limit';
		const workflowId = await publishAskWorkflow(path, {
			message: 'Confirm tomorrow 9:30?',
			responseType: 'approval',
			options: {
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 3, resumeUnit: 'seconds' },
				},
			},
		});
		const { waiting } = await startAndWait(workflowId, path);
		const finished = await poll(
			'the execution to resume at its limit',
			async () => {
				const execution = (await executionsOf(workflowId)).find((e) => e.id === waiting.id);
				return execution?.status === 'success' ? execution : undefined;
			},
			150_000,
		);
		const [output] = askOutput(await executionWithData(finished.id), 'Answered');
		// n8n resumes a waiting node at its limit without running it: its input goes on unchanged.
		expect(output.body).toEqual({ quote: 1042 });
		expect(output.answered).toBeUndefined();
	},
	200_000,
);

e2eTest('A number that is not a phone number fails before anything is sent', async () => {
	const path = 'ask-bad-number';
	const workflowId = await publishAskWorkflow(path, { message: 'Approve?', phoneNumber: '12' });
	const sentBefore = context.sim.sentMessages().length;
	await fetch(`${context.n8n.baseUrl}/webhook/${path}`, { method: 'POST' });
	const failed = await poll('the failed execution', async () =>
		(await executionsOf(workflowId)).find((execution) => execution.status === 'error'),
	);
	expect(failed.status).toBe('error');
	expect(context.sim.sentMessages()).toHaveLength(sentBefore);
});
