/**
 * Spanish texts of every message the API and the shared schema produce. A validation message names
 * its field and says what to do (GOV.UK's rule), so the error summary can be read on its own.
 */

/** What is wrong with a field; `{field}` is its name (below), `{n}` a limit, `{rule}` a document's rule. */
const issues = {
  attachments_unavailable: 'Todavía no se pueden adjuntar archivos a una respuesta: envíela sin adjuntos.',
  // Failures of the schema's built-in checks. Each field below words the ones a citizen can meet;
  // these templates cover the rest (mostly a program's mistakes), still naming the field.
  required: 'Complete «{field}».',
  invalid_type: '«{field}» no tiene el tipo de dato esperado.',
  invalid_value: 'Revise «{field}»: el valor no es válido.',
  too_short: 'Escriba al menos {n} caracteres en «{field}».',
  too_long: 'Escriba como máximo {n} caracteres en «{field}».',
  too_many: 'Elija como máximo {n} opciones en «{field}».',
  too_small: 'Escriba en «{field}» un número igual o mayor que {n}.',
  too_large: 'Escriba en «{field}» un número igual o menor que {n}.',
  invalid_option: 'Elija una de las opciones de «{field}».',
  invalid_format: '«{field}» no tiene el formato esperado.',
  invalid_date: 'Escriba en «{field}» una fecha real con el formato AAAA-MM-DD.',
  invalid_text:
    '«{field}» tiene caracteres invisibles que no se pueden guardar (suele pasar al pegar texto de un PDF): vuelva a escribir esa parte.',
  // Rules of our own: each is about one field and names it.
  invisible_text:
    '«{field}» tiene caracteres invisibles que cambian el sentido o el orden del texto (controles de dirección o de ancho cero, frecuentes al pegar): vuelva a escribir esa parte.',
  invalid_email: 'Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.org.',
  invalid_phone: 'Escriba un número de teléfono válido, con código de país si lo tiene.',
  citizen_required:
    'Escriba sus datos de identificación o, si el tipo de solicitud lo permite, preséntela de forma anónima.',
  channel_required: 'Elija cómo recibir la respuesta: por correo electrónico o por teléfono.',
  anonymous_no_citizen:
    'Una solicitud anónima no lleva datos de identificación: quítelos, o preséntela con sus datos.',
  anonymous_no_channel:
    'Una solicitud anónima no elige cómo recibir la respuesta: quite el medio elegido, o preséntela con sus datos.',
  email_required_for_channel: 'Escriba su correo electrónico: es donde recibirá la respuesta.',
  phone_required_for_channel: 'Escriba su teléfono: es donde recibirá la respuesta.',
  unknown_type: 'Elija un tipo de solicitud de la lista: el enviado no existe en esta institución.',
  unknown_service: 'Elija un servicio de la lista: el enviado no existe en esta institución.',
  service_type_mismatch:
    'Elija otro servicio, u otro tipo de solicitud: este servicio no recibe el tipo de solicitud elegido.',
  anonymous_not_allowed:
    'Este tipo de solicitud no admite la presentación anónima: preséntela con sus datos.',
  unknown_document_type: 'Elija un tipo de documento de la lista: esta institución no acepta el enviado.',
  invalid_document_number: 'El número de documento no es válido: {rule}. Revíselo.',
  description_needs_facts:
    'La descripción debe contar los hechos en al menos {n} caracteres: qué ocurrió, cuándo, dónde y quiénes participaron.',
  invalid_status: 'Elija un estado válido.',
  catalog_code_mismatch: 'El código del catálogo debe ser {code}, el de esta institución.',
  invalid_cursor: 'El cursor de paginación no es válido: use el nextCursor de la página anterior.',
  tracking_code_in_url:
    'El código de seguimiento no va en la dirección (?code=): envíelo en la cabecera X-Tracking-Code.',
  range_reversed: '«{field}» no puede ser una fecha anterior a «Desde».',
  range_too_long:
    '«{field}» puede estar como máximo a {n} días de «Desde»: pida un periodo más corto, o varios.',
  attachment_unavailable:
    'Uno de los archivos adjuntos ya no está disponible (caducó, ya se usó o es de otra institución): súbalo otra vez.',
  attachment_repeated: 'Uno de los archivos adjuntos está dos veces: quite una de ellas.',
  too_many_files: 'Puede enviar como máximo {n} archivos adjuntos.',
  // The institution's webhooks: the address's form, then where its server is (outbox/webhooks.ts).
  webhook_url: 'Escriba la dirección completa del webhook, como https://sistema.institucion.gob.ec/webhooks.',
  webhook_not_https: 'La dirección del webhook debe empezar por https://.',
  webhook_unresolvable: 'No se encuentra el servidor {host}: revise la dirección del webhook.',
  webhook_not_public:
    '{host} lleva a una dirección privada, local o reservada: el webhook debe ir a un servidor público.',
} as const;

type FieldWords = { name: string } & { [K in keyof typeof issues]?: string };

export const es = {
  issues,
  /** Each field by its path: its name as the form labels it, and its own words where a template would be vague. */
  fields: {
    '': { name: 'Datos enviados' },
    attachments: { name: 'Archivos adjuntos' },
    type: { name: 'Tipo de solicitud', required: 'Elija el tipo de solicitud.' },
    service: { name: 'Servicio', required: 'Elija el servicio sobre el que trata su solicitud.' },
    subject: { name: 'Asunto', too_long: 'El asunto debe tener como máximo {n} caracteres.' },
    description: {
      name: 'Descripción',
      required: 'Escriba la descripción de lo que pasó.',
      too_long: 'La descripción debe tener como máximo {n} caracteres.',
    },
    anonymous: { name: 'Presentación anónima' },
    citizen: { name: 'Datos de identificación' },
    'citizen.documentType': { name: 'Tipo de documento', required: 'Elija el tipo de documento.' },
    'citizen.documentNumber': {
      name: 'Número de documento',
      required: 'Escriba el número de documento.',
      too_long: 'El número de documento debe tener como máximo {n} caracteres.',
    },
    'citizen.firstName': {
      name: 'Nombres',
      required: 'Escriba sus nombres.',
      too_long: 'Sus nombres deben tener como máximo {n} caracteres.',
    },
    'citizen.lastName': {
      name: 'Apellidos',
      required: 'Escriba sus apellidos.',
      too_long: 'Sus apellidos deben tener como máximo {n} caracteres.',
    },
    'citizen.email': {
      name: 'Correo electrónico',
      too_long: 'El correo electrónico debe tener como máximo {n} caracteres.',
    },
    'citizen.phone': { name: 'Teléfono' },
    'citizen.preferentialAttention': {
      name: 'Atención prioritaria',
      invalid_option: 'Elija solo grupos de la lista de atención prioritaria.',
    },
    responseChannel: { name: 'Cómo recibir la respuesta' },
    locale: { name: 'Idioma' },
    // Not ticked and not sent are the same problem, so consent's literal says `required` too.
    consent: { name: 'Aviso de privacidad', required: 'Debe aceptar el aviso de privacidad para continuar.' },
    captcha: { name: 'Verificación' },
    // Staff: events and the inbox's filters.
    status: { name: 'Estado' },
    note: { name: 'Nota pública' },
    internalNote: { name: 'Nota interna' },
    overdue: { name: 'Vencidas' },
    cursor: { name: 'Cursor' },
    limit: { name: 'Límite' },
    from: { name: 'Desde' },
    to: { name: 'Hasta' },
    reason: { name: 'Motivo', required: 'Escriba el motivo.' },
    ticket: { name: 'Número de solicitud' },
    documentType: { name: 'Tipo de documento del ciudadano' },
    message: { name: 'Respuesta', required: 'Escriba su respuesta a la institución.' },
    resolved: { name: '¿Se resolvió?' },
    rating: { name: 'Calificación' },
    comment: { name: 'Comentario' },
    dueDate: { name: 'Nueva fecha límite' },
    toName: { name: 'Entidad receptora' },
    documentNumber: { name: 'Número de documento del ciudadano' },
    url: { name: 'Dirección del webhook', required: 'Escriba la dirección del webhook.' },
  } satisfies Record<string, FieldWords>,
  /** What a valid number of each kind of document looks like: the `{rule}` of invalid_document_number. */
  documents: {
    'ec-cedula': 'una cédula tiene 10 dígitos y el último es un dígito verificador',
    'ec-ruc': 'un RUC ecuatoriano tiene 13 dígitos',
    'co-cc': 'una cédula de ciudadanía tiene de 3 a 10 dígitos',
    'co-ce': 'una cédula de extranjería tiene de 3 a 15 letras o dígitos',
    'co-nit': 'un NIT tiene de 8 a 15 dígitos y el último es un dígito de verificación',
    'pe-dni': 'un DNI tiene 8 dígitos',
    'pe-ce': 'un carné de extranjería tiene 9 dígitos',
    'pe-ruc': 'un RUC peruano tiene 11 dígitos y empieza por 10, 15, 16, 17 o 20',
    passport: 'un pasaporte tiene de 5 a 20 letras o dígitos',
  },
  errors: {
    invalid_json: 'El cuerpo de la solicitud no es JSON válido.',
    validation_failed: 'Revise los datos: algunos campos no son válidos.',
    captcha_failed: 'No pudimos verificar que es una persona. Vuelva a resolver la verificación.',
    origin_not_allowed: 'Este sitio web no está autorizado para enviar solicitudes a esta institución.',
    institution_not_found: 'No existe una institución con ese código.',
    request_not_found: 'No encontramos una solicitud con ese número y código de seguimiento.',
    idempotency_conflict: 'Esta clave de idempotencia ya se usó con otra solicitud distinta.',
    payload_too_large: 'La solicitud es demasiado grande (máximo {n} KB).',
    unsupported_media_type:
      'Este tipo de contenido no se acepta aquí: los datos van como application/json, y un archivo adjunto solo puede ser de los tipos que acepta la institución (decididos por su contenido, no por su nombre).',
    rate_limited: 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
    captcha_unavailable:
      'El servicio de verificación no responde. Intente de nuevo en unos minutos; sus datos se conservan.',
    unauthorized: 'Falta un token de acceso válido.',
    forbidden: 'Este token no puede hacer esto: es de otra institución o es de solo lectura.',
    invalid_transition: 'No se puede pasar del estado «{from}» al estado «{to}».',
    already_anonymized: 'Esta solicitud ya fue anonimizada el {at}: no quedan datos personales que borrar.',
    not_found: 'La dirección solicitada no existe.',
    method_not_allowed: 'Método no permitido.',
    not_awaiting_reply: 'Esta solicitud no está esperando una respuesta suya.',
    not_open: 'Esta solicitud ya no está abierta: no se puede desistir de ella.',
    extension_not_allowed:
      'No se puede ampliar el plazo así: solo antes de que venza, hasta el máximo que permite la norma ({cap}), y en tipos de solicitud con plazo.',
    transfer_not_allowed: 'No se puede trasladar la solicitud a esa institución: {why}.',
    already_rated: 'Ya calificó la respuesta a esta solicitud.',
    not_answered: 'Esta solicitud todavía no tiene respuesta que calificar.',
    internal_error: 'Ocurrió un error inesperado. Sus datos no se guardaron; intente de nuevo.',
    invalid_credentials: 'El correo o la contraseña no son correctos.',
    second_factor_required:
      'Falta el código de su segundo factor, o no es correcto (o debe activarlo primero).',
    csrf_failed: 'La solicitud no vino de esta aplicación (falta la protección CSRF o es de otro sitio).',
    invalid_link: 'El enlace no es válido: ya se usó o caducó. Pida uno nuevo.',
    email_taken: 'Ya existe una cuenta con ese correo.',
    account_not_found: 'No hay ninguna cuenta con ese número en esta institución.',
    unit_not_found: 'No hay ninguna unidad {id} en esta institución.',
    service_not_found: 'No hay ningún servicio “{id}” en esta institución.',
    unit_cycle: 'Una unidad no puede quedar debajo de sí misma.',
    mail_unavailable: 'El correo no está configurado en este servidor: no se pudo enviar el enlace.',
  },
} as const;
