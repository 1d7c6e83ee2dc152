import { SettingsSchema, type Settings } from './settings-schema.ts';
import { droppedKeys } from './unknown-keys.ts';

export type ValidatedSettings =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a settings object, refusing any key the schema does not name, at any depth. Problems name paths
 * and rules only: a refused value may be a secret put here by mistake, so it must not reach a log.
 */
export function validateSettings(value: unknown): ValidatedSettings {
  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const where = issue.path.map(String).join('.') || '(settings)';
        const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
        return `${where}: ${issue.code}${keys}`;
      }),
    };
  }
  const dropped = droppedKeys(value, parsed.data);
  if (dropped.length > 0) return { ok: false, problems: dropped.map((path) => `${path}: unrecognized_keys`) };
  return { ok: true, settings: parsed.data };
}
