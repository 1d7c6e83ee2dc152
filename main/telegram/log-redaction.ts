/**
 * Keeps secrets out of log lines. GramJS's own messages can carry request and response dumps, buffers and
 * key material; the adapter knows some secrets by value (codes, passwords, sessions, auth keys). Both are
 * scrubbed here: known values by exact (case-insensitive) match, and anything that looks like key or
 * token material by shape.
 */

const MAX_LINE = 1000;
/** Shorter strings would scrub ordinary words and numbers; codes and passwords are at least this long. */
const MIN_SECRET_LENGTH = 3;
const MAX_REMEMBERED = 64;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class SecretRegistry {
  private readonly values: string[] = [];
  /** All values as one pattern, rebuilt when they change (every log line is matched against it). */
  private pattern: RegExp | null = null;
  private upperValues: string[] | null = null;

  /** Remembers a secret string, or a byte secret in its hex, base64 and base64url forms. */
  add(secret: string | Buffer | null | undefined): void {
    if (secret === null || secret === undefined) return;
    const forms =
      typeof secret === 'string'
        ? [secret, secret.trim()]
        : [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url')];
    for (const form of forms) {
      if (form.length < MIN_SECRET_LENGTH || this.values.includes(form)) continue;
      this.values.push(form);
      if (this.values.length > MAX_REMEMBERED) this.values.shift();
      this.pattern = null;
      this.upperValues = null;
    }
  }

  redact(text: string): string {
    if (this.values.length === 0) return text;
    // Most lines hold no secret: a plain search says so far cheaper than the case-insensitive pattern
    // (a line per client destroy, 1,000 clients, added up to stalls). Upper-casing both sides finds every
    // match the `i` pattern finds (it compares characters by their upper case), and maybe a few more.
    const upper = text.toUpperCase();
    this.upperValues ??= this.values.map((value) => value.toUpperCase());
    if (!this.upperValues.some((value) => upper.includes(value))) return text;
    // Longest first, so a secret that contains another is removed whole.
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'gi',
    );
    return text.replace(this.pattern, '[secret]');
  }
}

/** Scrubs shapes that are never safe to log, whatever produced them. */
export function redactByShape(text: string): string {
  return (
    text
      // Node's rendering of a Buffer.
      .replace(/<Buffer[^>]*>/g, '<bytes>')
      // GramJS's rendering of TL bytes in object dumps ("type": "Buffer", "data": [..]).
      .replace(/\[\s*\d{1,3}(\s*,\s*\d{1,3}){7,}\s*,?[^\]]*\]/g, '[bytes]')
      // Hex of 16+ bytes: keys, hashes, tokens.
      .replace(/\b[0-9a-fA-F]{32,}\b/g, '[hex]')
      // base64 / base64url runs that mix letters and digits: sessions, tokens.
      .replace(/[A-Za-z0-9+/_-]{24,}={0,2}/g, (run) =>
        /\d/.test(run) && /[A-Za-z]/.test(run) ? '[data]' : run,
      )
  );
}

export function redactLogLine(text: string, secrets: SecretRegistry): string {
  const redacted = redactByShape(secrets.redact(text));
  return redacted.length > MAX_LINE ? `${redacted.slice(0, MAX_LINE)}…` : redacted;
}

/** A one-line description of any thrown value that is safe to log. */
export function describeThrown(error: unknown, secrets: SecretRegistry): string {
  if (error instanceof Error) return redactLogLine(`${error.name}: ${error.message}`, secrets);
  if (typeof error === 'string') return redactLogLine(error, secrets);
  return `a thrown ${typeof error}`;
}
