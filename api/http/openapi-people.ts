import { accountPaths } from './openapi-people-accounts.ts';
import { auditPaths, catalogPaths, tokenPaths } from './openapi-people-admin.ts';
import { platformPaths } from './openapi-people-platform.ts';
import { SESSION_SCHEMA, sessionPaths } from './openapi-people-sessions.ts';
import { PEOPLE_SCHEMAS, schema } from './openapi-people-shared.ts';
import { unitPaths } from './openapi-people-units.ts';
import { WEBHOOK_SCHEMA, webhookPaths } from './openapi-people-webhooks.ts';

export { SESSION_SECURITY_SCHEME } from './openapi-people-sessions.ts';

// The OpenAPI paths of sign-in, people, units, routing, tokens and the audit log (issue 19),
// merged into the document by openapi.ts. Each job's paths are in a file of its own
// (openapi-people-*.ts); their order here is the document's.

export function peopleSchemas() {
  return {
    ...Object.fromEntries(Object.entries(PEOPLE_SCHEMAS).map(([name, s]) => [name, schema(s)])),
    Session: SESSION_SCHEMA,
    Webhook: WEBHOOK_SCHEMA,
  };
}

export function peoplePaths() {
  return {
    ...sessionPaths(),
    ...platformPaths(),
    ...catalogPaths(),
    ...accountPaths(),
    ...unitPaths(),
    ...tokenPaths(),
    ...webhookPaths(),
    ...auditPaths(),
  };
}
