// Everything the simulator remembers: accounts, options, request log, messages, contacts, calls.
import { randomInt } from 'node:crypto';
import type {
	FiredWebhook,
	RecordedRequest,
	RecorderEntry,
	SentMessage,
	SimAccount,
	SimulatorOptions,
	WebhookKey,
	WebhookUrls,
} from './types';
import { seedDemoData } from './v2/demo';
import { V2Store } from './v2/store';

export const DEMO_ACCOUNT: SimAccount = Object.freeze({
	login: 'demo@insim.test',
	accessKey: 'sim-access-key-demo-0001',
	plan: 'premium',
	smsCredits: 10000,
	active: true,
}) as SimAccount;

/** Not configured by default; handy to test LICENSE_REQUIRED and the free-plan footer. */
export const FREE_DEMO_ACCOUNT: SimAccount = Object.freeze({
	login: 'free@insim.test',
	accessKey: 'sim-access-key-free-0001',
	plan: 'free',
	smsCredits: 100,
	active: true,
}) as SimAccount;

export const WEBHOOK_KEYS: readonly WebhookKey[] = [
	'incoming_sms',
	'delivery_status',
	'link_clicks',
	'call_events',
	'call_qualifications',
];

/** Options after defaults; port/host only matter at start. */
export type ResolvedOptions = Required<Omit<SimulatorOptions, 'accounts'>> & {
	accounts: SimAccount[];
};

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
	return {
		port: options.port ?? 0,
		host: options.host ?? '127.0.0.1',
		latencyMs: options.latencyMs ?? 0,
		accounts: (options.accounts ?? [DEMO_ACCOUNT]).map((account) => ({ ...account })),
		badCredentialsStatus: options.badCredentialsStatus ?? 401,
		rateLimitPerSecond: options.rateLimitPerSecond ?? 0,
		failPhoneNumbers: [...(options.failPhoneNumbers ?? [])],
		singleObjectResponse: options.singleObjectResponse ?? false,
		phoneConnected: options.phoneConnected ?? true,
		autoDeliveryReports: options.autoDeliveryReports ?? false,
		v2ErrorsAs200: options.v2ErrorsAs200 ?? false,
		demoData: options.demoData ?? false,
	};
}

/** An account as the server sees it at run time (credits go down as messages are sent). */
export interface LiveAccount {
	login: string;
	accessKey: string;
	plan: 'free' | 'premium';
	smsCredits: number;
	active: boolean;
	countryCode: string;
	webhooks: WebhookUrls;
}

export function emptyWebhookUrls(): WebhookUrls {
	return {
		incoming_sms: '',
		delivery_status: '',
		link_clicks: '',
		call_events: '',
		call_qualifications: '',
	};
}

const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
	let text = '';
	for (let i = 0; i < length; i++) text += ALPHANUMERICS[randomInt(ALPHANUMERICS.length)];
	return text;
}

export class SimulatorState {
	options: ResolvedOptions;
	// Arrays are cleared in place so references held by tests stay valid across reset().
	readonly requests: RecordedRequest[] = [];
	readonly messages: SentMessage[] = [];
	readonly contacts: Array<Record<string, unknown>> = [];
	readonly calls: Array<{ phone_number: string; at: number }> = [];
	readonly recorded: RecorderEntry[] = [];
	readonly firedWebhooks: FiredWebhook[] = [];
	private accountsByLogin = new Map<string, LiveAccount>();
	private storesByLogin = new Map<string, V2Store>();
	private acceptedTimesByLogin = new Map<string, number[]>();
	private nextSeq = 1;
	private nextRecorderSeq = 1;

	constructor(options: SimulatorOptions = {}) {
		this.options = resolveOptions(options);
		this.rebuildAccounts();
	}

	setOptions(partial: Partial<SimulatorOptions>): void {
		const accountsChanged = partial.accounts !== undefined;
		this.options = resolveOptions({ ...this.options, ...partial });
		if (accountsChanged) this.rebuildAccounts();
	}

	reset(): void {
		this.requests.length = 0;
		this.messages.length = 0;
		this.contacts.length = 0;
		this.calls.length = 0;
		this.recorded.length = 0;
		this.firedWebhooks.length = 0;
		this.acceptedTimesByLogin.clear();
		this.nextSeq = 1;
		this.nextRecorderSeq = 1;
		// Credits, webhook URLs and v2 data come back to the configured accounts' starting point.
		this.storesByLogin.clear();
		this.rebuildAccounts();
	}

	/** The v2 data (contacts, lists, campaigns …) of one account, created on first use. */
	storeFor(login: string): V2Store {
		let store = this.storesByLogin.get(login);
		if (!store) {
			store = new V2Store();
			if (this.options.demoData) seedDemoData(store);
			this.storesByLogin.set(login, store);
		}
		return store;
	}

	takeSeq(): number {
		return this.nextSeq++;
	}

	takeRecorderSeq(): number {
		return this.nextRecorderSeq++;
	}

	findAccount(login: string): LiveAccount | undefined {
		return this.accountsByLogin.get(login);
	}

	/** The account `Simulator.webhooks` points at. */
	primaryAccount(): LiveAccount | undefined {
		const first = this.options.accounts[0];
		return first ? this.accountsByLogin.get(first.login) : undefined;
	}

	/** Sliding one-second window; only requests that were let through count. */
	checkRateLimit(
		login: string,
		now: number,
	): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
		const limit = this.options.rateLimitPerSecond;
		if (!limit || limit <= 0) return { allowed: true };
		const recent = (this.acceptedTimesByLogin.get(login) ?? []).filter((t) => now - t < 1000);
		if (recent.length >= limit) {
			this.acceptedTimesByLogin.set(login, recent);
			const waitMs = recent[0] + 1000 - now;
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
		}
		recent.push(now);
		this.acceptedTimesByLogin.set(login, recent);
		return { allowed: true };
	}

	private rebuildAccounts(): void {
		this.accountsByLogin.clear();
		for (const account of this.options.accounts) {
			this.accountsByLogin.set(account.login, {
				login: account.login,
				accessKey: account.accessKey,
				plan: account.plan ?? 'premium',
				smsCredits: account.smsCredits ?? 10000,
				active: account.active ?? true,
				countryCode: account.countryCode ?? 'FR',
				webhooks: emptyWebhookUrls(),
			});
		}
	}
}
