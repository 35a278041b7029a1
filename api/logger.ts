import pino, { type DestinationStream, type Logger } from 'pino';
import { redact } from './domain/redact.ts';

/**
 * The server's logger (pino, JSON). Errors logged under `err` or `error` go through the redaction
 * helper (domain/redact.ts), message and stack: a driver's or a server's error text may carry an
 * address, a name or a document number, and logs are kept longer and read by more people than the
 * database.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const error = (value: unknown) => {
    if (value instanceof Error) {
      const serialized = pino.stdSerializers.err(value);
      return {
        ...serialized,
        message: redact(serialized.message),
        stack: redact(serialized.stack),
      };
    }
    return typeof value === 'string' ? redact(value) : value;
  };
  return pino(
    { level, base: { service: 'contacto-ciudadano' }, serializers: { err: error, error } },
    destination,
  );
}
