/**
 * The public contract as valibot schemas and types. It imports valibot and small pure helpers only,
 * because the widget imports it too (as `#schema`, package.json `imports`): one set of rules for the
 * citizen's browser and the API.
 */
export * from './attachments.ts';
export * from './catalog.ts';
export * from './constants.ts';
export * from './documents.ts';
export * from './filing.ts';
export * from './fill.ts';
export * from './legal-clock.ts';
export * from './life.ts';
export * from './messages.ts';
export * from './people.ts';
export * from './platform-report.ts';
export * from './report.ts';
export * from './responses.ts';
export * from './status.ts';
export * from './tracking-code.ts';
export * from './transitions.ts';
export * from './webhooks.ts';
