/**
 * The waiting page the SMS links to: the question and the choices, sized for a phone. Every
 * choice is a form POST to the page's own address (which keeps n8n's signature in its query), so
 * opening the link (a GET, as a link preview or a bot does) shows the page and decides nothing.
 */

export interface PageField {
	label: string;
	type: 'text' | 'textarea' | 'number' | 'email' | 'date' | 'dropdown' | 'password';
	required: boolean;
	placeholder?: string;
	options?: string[];
}

export type PageChoices =
	| { kind: 'approval'; approveLabel: string; declineLabel?: string }
	| { kind: 'form'; fields: PageField[]; buttonLabel: string };

export interface PageContent {
	title: string;
	message: string;
	choices: PageChoices;
}

/** The form field names of the answer: `approved`, and `field-0`, `field-1` … for a form. */
export const APPROVED_FIELD = 'approved';
export const formFieldName = (index: number) => `field-${index}`;

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const STYLE = `
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f2f4f7;color:#1f2937}
main{max-width:480px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:24px}
h1{font-size:20px;margin:0 0 12px}
.message{font-size:17px;line-height:1.45;white-space:pre-wrap;margin:0 0 24px}
label{display:block;font-weight:600;margin:0 0 6px;font-size:15px}
.field{margin:0 0 18px}
input,textarea,select{box-sizing:border-box;width:100%;font-size:16px;padding:12px;border:1px solid #cbd2d9;border-radius:8px;background:#fff}
textarea{min-height:120px}
.buttons{display:flex;gap:12px;flex-wrap:wrap}
button{flex:1 1 140px;font-size:17px;font-weight:600;padding:14px 16px;border-radius:8px;border:1px solid #ff6d5a;cursor:pointer}
.primary{background:#ff6d5a;color:#fff}
.secondary{background:#fff;color:#ff6d5a}
.note{color:#6b7280;font-size:13px;margin:16px 0 0;text-align:center}`;

function layout(title: string, body: string): string {
	return (
		'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
		'<meta name="viewport" content="width=device-width,initial-scale=1">' +
		'<meta name="robots" content="noindex,nofollow">' +
		`<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
		`<body><main><div class="card">${body}</div></main></body></html>`
	);
}

function fieldHtml(field: PageField, index: number): string {
	const name = formFieldName(index);
	const id = `f${index}`;
	const required = field.required ? ' required' : '';
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	let control: string;
	if (field.type === 'textarea') {
		control = `<textarea id="${id}" name="${name}"${placeholder}${required}></textarea>`;
	} else if (field.type === 'dropdown') {
		const options = (field.options ?? [])
			.map((option) => `<option value="${escapeHtml(option)}">${escapeHtml(option)}</option>`)
			.join('');
		control = `<select id="${id}" name="${name}"${required}><option value=""></option>${options}</select>`;
	} else {
		control = `<input id="${id}" name="${name}" type="${field.type}"${placeholder}${required}>`;
	}
	return `<div class="field"><label for="${id}">${escapeHtml(field.label)}</label>${control}</div>`;
}

/** The page shown on GET. `action` is empty: the form posts back to this very (signed) address. */
export function questionPage(content: PageContent): string {
	const title = content.title.trim() || 'Your answer is requested';
	const heading = content.title.trim() ? `<h1>${escapeHtml(content.title)}</h1>` : '';
	const message = `<p class="message">${escapeHtml(content.message)}</p>`;
	let form: string;
	if (content.choices.kind === 'approval') {
		const { approveLabel, declineLabel } = content.choices;
		const decline =
			declineLabel === undefined
				? ''
				: `<button class="secondary" type="submit" name="${APPROVED_FIELD}" value="false">${escapeHtml(declineLabel)}</button>`;
		form =
			'<form method="post" action=""><div class="buttons">' +
			decline +
			`<button class="primary" type="submit" name="${APPROVED_FIELD}" value="true">${escapeHtml(approveLabel)}</button>` +
			'</div></form>';
	} else {
		const fields = content.choices.fields.map(fieldHtml).join('');
		form =
			`<form method="post" action="">${fields}<div class="buttons">` +
			`<button class="primary" type="submit">${escapeHtml(content.choices.buttonLabel)}</button>` +
			'</div></form>';
	}
	return layout(title, `${heading}${message}${form}`);
}

/** The page shown once the answer is recorded. */
export function answerRecordedPage(): string {
	return layout(
		'Answer recorded',
		'<h1>Got it, thanks</h1><p class="message">Your answer has been recorded. You can close this page.</p>',
	);
}
