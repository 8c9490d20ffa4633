/** How a template's message is written: shared by the Create and Update fields. */
export const MESSAGE_DESCRIPTION =
	'Text of the SMS. Placeholders are filled for each recipient: {firstname}, {lastname}, {email} and {phone_number} from the inSIM contact with that number, {custom.X} from its custom field X, and any {name} from the variables given when sending (a variable wins over the contact record).';
