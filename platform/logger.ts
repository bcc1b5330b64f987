// Structured JSON logs. Never log a password, token, card identifier or profile value: the
// redaction list is a safety net, not a licence.
import pino, { type Logger } from 'pino';

export type { Logger };

/** `destination` lets tests read every line that would be written. */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  service: 'mon-compte' | 'mes-services' = 'mon-compte',
): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie'],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream,
  );
}
