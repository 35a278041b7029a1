import type { es } from './es.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts; the type keeps every key of the Spanish file present here, field by field. */
export const en: Shape<typeof es> = {
  issues: {
    required: 'Enter or choose “{field}”.',
    invalid_type: '“{field}” does not have the expected type of value.',
    invalid_value: 'Check “{field}”: the value is not valid.',
    too_short: '“{field}” must be {n} characters or more.',
    too_long: '“{field}” must be {n} characters or fewer.',
    too_many: 'Choose {n} options or fewer in “{field}”.',
    too_small: '“{field}” must be a number of {n} or more.',
    too_large: '“{field}” must be a number of {n} or less.',
    invalid_option: 'Choose one of the options of “{field}”.',
    invalid_format: '“{field}” is not in the expected format.',
    invalid_date: 'Enter a real date in “{field}”, in the format YYYY-MM-DD.',
    invalid_text:
      '“{field}” has invisible characters that cannot be stored (it happens when pasting from a PDF): type that part again.',
    invisible_text:
      '“{field}” has invisible characters that change the meaning or the order of the text (direction or zero-width controls, common when pasting): type that part again.',
    invalid_email: 'Enter a valid email address, like name@example.org.',
    invalid_phone: 'Enter a valid phone number, with the country code if it has one.',
    citizen_required:
      'Enter your identification details or, where the type of request allows it, file it anonymously.',
    channel_required: 'Choose how to receive the answer: by email or by phone.',
    anonymous_no_citizen:
      'An anonymous request carries no identification details: remove them, or file it with your details.',
    anonymous_no_channel:
      'An anonymous request does not choose how to receive the answer: remove the choice, or file it with your details.',
    email_required_for_channel: 'Enter your email address: it is where you will receive the answer.',
    phone_required_for_channel: 'Enter your phone number: it is where you will receive the answer.',
    unknown_type: 'Choose a type of request from the list: the one sent does not exist at this institution.',
    unknown_service: 'Choose a service from the list: the one sent does not exist at this institution.',
    service_type_mismatch:
      'Choose another service, or another type of request: this service does not take the type of request chosen.',
    anonymous_not_allowed: 'This type of request does not allow anonymous filing: file it with your details.',
    unknown_document_type:
      'Choose a document type from the list: this institution does not accept the one sent.',
    invalid_document_number: 'The document number is not valid: {rule}. Check it.',
    description_needs_facts:
      'The description must give the facts in at least {n} characters: what happened, when, where and who was involved.',
    invalid_status: 'Choose a valid status.',
    invalid_cursor: 'The pagination cursor is not valid: use the nextCursor of the previous page.',
    tracking_code_in_url:
      'The tracking code does not go in the address (?code=): send it in the X-Tracking-Code header.',
    range_reversed: '“{field}” must not be a date before “From”.',
    range_too_long: '“{field}” can be at most {n} days after “From”: ask for a shorter period, or several.',
    attachment_unavailable:
      'One of the attached files is no longer available (it expired, was already used or belongs to another institution): upload it again.',
    attachment_repeated: 'One of the attached files is there twice: remove one of them.',
    too_many_files: 'You can send at most {n} attached files.',
  },
  fields: {
    '': { name: 'Data sent' },
    attachments: { name: 'Attached files' },
    type: { name: 'Type of request', required: 'Choose the type of request.' },
    service: { name: 'Service', required: 'Choose the service your request is about.' },
    subject: { name: 'Subject', too_long: 'The subject must be {n} characters or fewer.' },
    description: {
      name: 'Description',
      required: 'Enter a description of what happened.',
      too_long: 'The description must be {n} characters or fewer.',
    },
    anonymous: { name: 'Anonymous filing' },
    citizen: { name: 'Identification details' },
    'citizen.documentType': { name: 'Document type', required: 'Choose the document type.' },
    'citizen.documentNumber': {
      name: 'Document number',
      required: 'Enter the document number.',
      too_long: 'The document number must be {n} characters or fewer.',
    },
    'citizen.firstName': {
      name: 'First names',
      required: 'Enter your first names.',
      too_long: 'Your first names must be {n} characters or fewer.',
    },
    'citizen.lastName': {
      name: 'Last names',
      required: 'Enter your last names.',
      too_long: 'Your last names must be {n} characters or fewer.',
    },
    'citizen.email': {
      name: 'Email address',
      too_long: 'The email address must be {n} characters or fewer.',
    },
    'citizen.phone': { name: 'Phone number' },
    'citizen.preferentialAttention': {
      name: 'Priority attention',
      invalid_option: 'Choose only groups from the priority attention list.',
    },
    responseChannel: { name: 'How to receive the answer' },
    locale: { name: 'Language' },
    consent: { name: 'Privacy notice', required: 'You must accept the privacy notice to continue.' },
    captcha: { name: 'Verification' },
    status: { name: 'Status' },
    note: { name: 'Public note' },
    internalNote: { name: 'Internal note' },
    overdue: { name: 'Overdue' },
    cursor: { name: 'Cursor' },
    limit: { name: 'Limit' },
    from: { name: 'From' },
    to: { name: 'To' },
    reason: { name: 'Reason', required: 'Enter the reason for the anonymisation.' },
    ticket: { name: 'Ticket' },
    documentType: { name: "Citizen's document type" },
    documentNumber: { name: "Citizen's document number" },
  },
  documents: {
    'ec-cedula': 'an Ecuadorian cédula has 10 digits, the last one a check digit',
    'ec-ruc': 'an Ecuadorian RUC has 13 digits',
    'co-cc': 'a Colombian cédula de ciudadanía has 3 to 10 digits',
    'co-ce': 'a cédula de extranjería has 3 to 15 letters or digits',
    'co-nit': 'a NIT has 8 to 15 digits, the last one a check digit',
    'pe-dni': 'a DNI has 8 digits',
    'pe-ce': 'a carné de extranjería has 9 digits',
    'pe-ruc': 'a Peruvian RUC has 11 digits and starts with 10, 15, 16, 17 or 20',
    passport: 'a passport number has 5 to 20 letters or digits',
  },
  errors: {
    invalid_json: 'The request body is not valid JSON.',
    validation_failed: 'Check the data: some fields are not valid.',
    captcha_failed: 'We could not verify that you are a person. Please solve the check again.',
    origin_not_allowed: 'This website is not allowed to file requests with this institution.',
    institution_not_found: 'There is no institution with that code.',
    request_not_found: 'We found no request with that number and tracking code.',
    idempotency_conflict: 'This idempotency key was already used with a different request.',
    payload_too_large: 'The request is too large (at most {n} KB).',
    unsupported_media_type:
      'This type of content is not accepted here: data goes as application/json, and an attached file can only be of the types the institution accepts (decided by its content, not its name).',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    captcha_unavailable:
      'The verification service is not answering. Try again in a few minutes; your data is kept.',
    unauthorized: 'A valid access token is missing.',
    forbidden: 'This token may not do this: it belongs to another institution, or it is read-only.',
    invalid_transition: 'A request cannot go from status “{from}” to status “{to}”.',
    already_anonymized: 'This request was already anonymised on {at}: no personal data is left to erase.',
    not_found: 'The requested address does not exist.',
    method_not_allowed: 'Method not allowed.',
    internal_error: 'Something unexpected went wrong. Your data was not saved; please try again.',
    invalid_credentials: 'The email or the password is not correct.',
    second_factor_required:
      'The code of your second factor is missing or wrong (or you must enrol one first).',
    csrf_failed:
      'The request did not come from this application (the CSRF token is missing or it is cross-site).',
    invalid_link: 'The link is not valid: it was used or it expired. Ask for a new one.',
    email_taken: 'An account with that email already exists.',
    account_not_found: 'There is no account with that number in this institution.',
    unit_not_found: 'There is no unit {id} in this institution.',
    service_not_found: 'There is no service “{id}” in this institution.',
    unit_cycle: 'A unit cannot be placed under itself.',
    mail_unavailable: 'Mail is not configured on this server: the link could not be sent.',
  },
};
