import { redactSecret } from './robocoders-error';

/**
 * Where the provider reports what it does: any of the four levels, each taking one line
 * (`console` fits). Levels left out are silent.
 */
export interface RobocodersLogger {
  debug?: (message: string) => void;
  info?: (message: string) => void;
  warn?: (message: string) => void;
  error?: (message: string) => void;
}

type Level = keyof RobocodersLogger;

/**
 * The provider's side of a {@link RobocodersLogger}: prefixes each line with `robocoders:` and
 * removes every token the provider knows of, so no line can carry one whatever it quotes.
 */
export class RobocodersLog {
  constructor(
    private readonly logger: RobocodersLogger | undefined,
    /** The tokens to remove from every line. */
    private readonly secrets: () => Iterable<string | undefined>,
  ) {}

  /** Whether lines of `level` go anywhere (to skip building them otherwise). */
  enabled(level: Level): boolean {
    return typeof this.logger?.[level] === 'function';
  }

  debug(message: string): void {
    this.write('debug', message);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string): void {
    this.write('error', message);
  }

  /** Removes the known tokens from `text`; for warnings that reach the caller, too. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets()) result = redactSecret(result, secret);
    return result;
  }

  private write(level: Level, message: string): void {
    const sink = this.logger?.[level];
    if (typeof sink !== 'function') return;
    sink.call(this.logger, this.redact(`robocoders: ${message}`));
  }
}
