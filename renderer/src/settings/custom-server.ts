import type { CustomDc, ServerProfile } from '../../../main/contract/server-profile.ts';
import {
  CUSTOM_PROFILE_LIMITS as L,
  PUBLIC_KEY_PEM_PATTERN,
} from '../../../main/contract/server-profile-limits.ts';

/** The custom server form as typed. */
export interface CustomServerFields {
  readonly name: string;
  /** One "id host:port" per line. */
  readonly dcs: string;
  readonly publicKeyPem: string;
}

export type CustomServerErrors = Partial<Record<keyof CustomServerFields, string>>;

export type CustomServerParse =
  | { readonly ok: true; readonly profile: ServerProfile }
  | { readonly ok: false; readonly errors: CustomServerErrors };

const DC_LINE = /^(\d+)\s+(\S+):(\d+)$/;
const DC_EXAMPLE = '"2 149.154.167.50:443"';

/** The form's fields for a profile (a custom one fills them, any other leaves them empty). */
export function customServerFields(profile: ServerProfile | null): CustomServerFields {
  if (profile?.kind !== 'custom') return { name: '', dcs: '', publicKeyPem: '' };
  return {
    name: profile.name,
    dcs: profile.dcs.map((dc) => `${String(dc.id)} ${dc.host}:${String(dc.port)}`).join('\n'),
    publicKeyPem: profile.publicKeyPem,
  };
}

/** Checks the form against the contract's bounds, and words each problem for the field it is in. */
export function parseCustomServer(fields: CustomServerFields): CustomServerParse {
  const errors: CustomServerErrors = {};
  const lines = fields.dcs
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const dcs = lines.map((line) => DC_LINE.exec(line));
  const badLine = dcs.findIndex((match) => match === null);
  if (badLine >= 0) {
    errors.dcs = `Line ${String(badLine + 1)} is not "id host:port". Write each data center like ${DC_EXAMPLE}.`;
  }
  const parsedDcs = dcs.flatMap((match) =>
    match === null ? [] : [{ id: Number(match[1]), host: match[2] ?? '', port: Number(match[3]) }],
  );
  const repeated = parsedDcs.findIndex(
    (dc, index) => parsedDcs.findIndex((other) => other.id === dc.id) !== index,
  );
  if (errors.dcs === undefined && repeated >= 0) {
    errors.dcs = `Line ${String(repeated + 1)} repeats data center ${String(parsedDcs[repeated]?.id)}. Give each one its own id.`;
  }

  const name = fields.name.trim();
  if (name.length < L.nameLength.min || name.length > L.nameLength.max) {
    errors.name = `Enter a name for this server, up to ${String(L.nameLength.max)} characters.`;
  }
  const publicKeyPem = fields.publicKeyPem.trim();
  if (!PUBLIC_KEY_PEM_PATTERN.test(publicKeyPem)) {
    errors.publicKeyPem =
      'Paste the server\'s RSA public key in PEM form, starting with "-----BEGIN RSA PUBLIC KEY-----".';
  }
  const dcsError = errors.dcs ?? dcsProblem(parsedDcs);
  if (dcsError !== undefined) errors.dcs = dcsError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, profile: { kind: 'custom', name, dcs: parsedDcs, publicKeyPem } };
}

/**
 * The contract's bounds on the data centers, worded for the form. Main checks the same bounds again
 * with the contract's schema (a test keeps the two in agreement).
 */
function dcsProblem(dcs: readonly CustomDc[]): string | undefined {
  if (dcs.length < L.dcCount.min) return `Add at least one data center, like ${DC_EXAMPLE}.`;
  if (dcs.length > L.dcCount.max) return `A server has at most ${String(L.dcCount.max)} data centers.`;
  const index = dcs.findIndex((dc) => dcProblem(dc) !== null);
  const found = dcs[index];
  return found === undefined ? undefined : `Line ${String(index + 1)}: ${dcProblem(found) ?? ''}`;
}

function dcProblem(dc: CustomDc): string | null {
  if (!within(dc.id, L.dcId)) {
    return `the data center id is a number from ${String(L.dcId.min)} to ${String(L.dcId.max)}.`;
  }
  if (!within(dc.port, L.port)) {
    return `the port is a number from ${String(L.port.min)} to ${String(L.port.max)}.`;
  }
  if (!within(dc.host.length, L.hostLength)) return 'the host name is too long.';
  return null;
}

function within(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}
