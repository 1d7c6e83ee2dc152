/** Where the vault reports what it skipped. Fields name entries and reasons; never secrets. */
export interface VaultLogger {
  warn(message: string, fields: Readonly<Record<string, string | number | readonly string[]>>): void;
}
