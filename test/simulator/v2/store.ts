// Per-account v2 state: what the v2 endpoints read and change. One store per login.
import { randomBytes } from 'node:crypto';

/** 24-hex ids, like the MongoDB ObjectIds the vendor's tests show. */
export function newId(): string {
	return randomBytes(12).toString('hex');
}

export interface SimContact {
	id: string;
	firstname: string;
	lastname: string;
	phone_number: string;
	email: string;
	address: string;
	company: string;
	tags: string[];
	pro: boolean;
	custom: Record<string, string>;
	deleted: boolean;
	date_add: string;
}

export interface SimCustomField {
	key: string;
	label: string;
	type: 'text' | 'number' | 'date';
}

export interface SimSms {
	id: string;
	direction: 'inbound' | 'outbound';
	phone_number: string;
	message: string;
	/** 'YYYY-MM-DD HH:mm:ss' */
	date: string;
	/** delivery status for outbound: pending | sent | delivered | failed | blocked */
	status: string;
	url?: string;
	short_url?: string;
	clicks: Array<{ clicked_at: string; link: string }>;
	id_sms_api?: string;
}

export interface SimCall {
	id: string;
	type: 'incoming' | 'outgoing' | 'missed' | 'blocked' | 'voicemail';
	phone_number: string;
	duration_seconds: number;
	/** 'YYYY-MM-DD HH:mm:ss' */
	call_time: string;
	qualification?: { option_id: string; label: string; notes: string; qualified_at: string };
}

export interface SimQualificationOption {
	id: string;
	label: string;
	deleted: boolean;
}

export interface SimList {
	id: string;
	name: string;
	description: string;
	contactIds: string[];
	created: string;
	deleted: boolean;
}

/** 0 = ready (has recipients), 1 = launched, 2 = no recipients, 3 = completed, 4 = cancelled. */
export type CampaignStatus = 0 | 1 | 2 | 3 | 4;

export interface SimCampaign {
	id: string;
	name: string;
	message: string;
	url: string;
	priority: number;
	/** E.164 numbers, resolved at creation from list, contact ids and phone numbers */
	recipients: string[];
	status: CampaignStatus;
	sent: number;
	created: string;
}

export interface SimTemplate {
	id: string;
	name: string;
	message: string;
	created: string;
	deleted: boolean;
}

/** Everything one account holds for API v2. Arrays keep insertion order (oldest first). */
export class V2Store {
	readonly contacts: SimContact[] = [];
	readonly customFields: SimCustomField[] = [];
	readonly sms: SimSms[] = [];
	readonly calls: SimCall[] = [];
	readonly qualificationOptions: SimQualificationOption[] = [];
	readonly lists: SimList[] = [];
	readonly campaigns: SimCampaign[] = [];
	readonly templates: SimTemplate[] = [];

	clear(): void {
		for (const array of [
			this.contacts,
			this.customFields,
			this.sms,
			this.calls,
			this.qualificationOptions,
			this.lists,
			this.campaigns,
			this.templates,
		] as unknown[][]) {
			array.length = 0;
		}
	}

	liveContacts(): SimContact[] {
		return this.contacts.filter((contact) => !contact.deleted);
	}

	findContactByPhone(phone: string): SimContact | undefined {
		const key = phoneKey(phone);
		return this.liveContacts().find((contact) => phoneKey(contact.phone_number) === key);
	}

	/** Create or update by phone number, as `addcontacts` and v1 `contact` do. */
	upsertContact(fields: Partial<Omit<SimContact, 'id' | 'deleted'>> & { phone_number: string }): {
		contact: SimContact;
		created: boolean;
	} {
		const existing = this.findContactByPhone(fields.phone_number);
		if (existing) {
			for (const [key, value] of Object.entries(fields)) {
				if (value !== undefined && value !== '')
					(existing as unknown as Record<string, unknown>)[key] = value;
			}
			return { contact: existing, created: false };
		}
		const contact: SimContact = {
			id: newId(),
			firstname: '',
			lastname: '',
			email: '',
			address: '',
			company: '',
			tags: [],
			pro: false,
			custom: {},
			deleted: false,
			date_add: insimNow(),
			...fields,
		};
		this.contacts.push(contact);
		return { contact, created: true };
	}

	/** Adds an SMS to the history (sent by v1/v2 sendsms, campaigns, templates; or received). */
	recordSms(entry: Omit<SimSms, 'id' | 'clicks' | 'date' | 'status'> & Partial<SimSms>): SimSms {
		const sms: SimSms = {
			id: newId(),
			clicks: [],
			date: insimNow(),
			status: entry.direction === 'inbound' ? 'received' : 'pending',
			...entry,
		};
		this.sms.push(sms);
		return sms;
	}
}

/** Digits only, and a French local 0X… read as +33X…, so local and international forms meet. */
export function phoneKey(phone: string): string {
	const digits = String(phone).replace(/\D/g, '');
	if (/^0[1-9]\d{8}$/.test(digits)) return `33${digits.slice(1)}`;
	return digits;
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, the date format of inSIM's answers. */
export function insimNow(at: Date = new Date()): string {
	return at.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The cursor convention the simulator picked (the real token is not shown by any vendor file):
 * answers carry `has_more` and, when there is more, `cursor`, an opaque string to send back as
 * `cursor`. Here it is the base64 of the next offset.
 */
export function encodeCursor(offset: number): string {
	return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: unknown): number | undefined {
	if (cursor === undefined || cursor === null || cursor === '') return 0;
	if (typeof cursor !== 'string') return undefined;
	const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
	return match ? Number(match[1]) : undefined;
}
