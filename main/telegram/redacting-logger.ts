import { Logger, LogLevel } from 'telegram/extensions/Logger';
import type { LogSink } from './gateway-options.ts';
import { redactLogLine, type SecretRegistry } from './log-redaction.ts';
import type { LogLevel as AppLogLevel } from '../logging/log.ts';

const SEVERITY: Record<AppLogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

function levelName(level: LogLevel): AppLogLevel | undefined {
  switch (level) {
    case LogLevel.ERROR:
      return 'error';
    case LogLevel.WARN:
      return 'warn';
    case LogLevel.INFO:
      return 'info';
    case LogLevel.DEBUG:
      return 'debug';
    case LogLevel.NONE:
      return undefined;
  }
}

/**
 * GramJS's lines about what every client does in normal work, at the level they deserve: it warns
 * "Disconnecting..." at every end of a client (each finished login) and about every dropped socket it then
 * reconnects by itself. "Error while trying to reconnect" only says a reconnect's getMe failed; the error
 * itself follows (client.onError) at its own level.
 */
const ROUTINE: ReadonlyMap<string, AppLogLevel> = new Map([
  ['Disconnecting...', 'debug'],
  ['Connection closed while receiving data', 'info'],
  ['[Reconnect] Closing current connection...', 'info'],
  ['Handling reconnect!', 'debug'],
  ['Error while trying to reconnect', 'info'],
]);

/**
 * One client's GramJS logger: forwards GramJS's messages, labelled and redacted, to the app's log sink.
 * `canSend` always says no, because GramJS asks it before printing raw error objects with console.*
 * (which would bypass this logger and could include request dumps); those errors reach client.onError.
 */
export class RedactingGramLogger extends Logger {
  private readonly sink: LogSink;
  private readonly label: string;
  private readonly threshold: AppLogLevel | 'none';
  private readonly secrets: SecretRegistry;

  constructor(sink: LogSink, label: string, threshold: AppLogLevel | 'none', secrets: SecretRegistry) {
    super(LogLevel.NONE);
    this.sink = sink;
    this.label = label;
    this.threshold = threshold;
    this.secrets = secrets;
  }

  override canSend(): boolean {
    return false;
  }

  override _log(level: LogLevel, message: string): void {
    this.forward(level, message);
  }

  override log(level: LogLevel, message: string): void {
    this.forward(level, message);
  }

  private forward(level: LogLevel, message: string): void {
    const name = ROUTINE.get(message) ?? levelName(level);
    if (name === undefined || this.threshold === 'none') return;
    if (SEVERITY[name] > SEVERITY[this.threshold]) return;
    this.sink(name, `[${this.label}] ${redactLogLine(message, this.secrets)}`);
  }
}
