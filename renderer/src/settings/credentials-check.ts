/** The checks the credentials form makes before sending, with sentences that say how to fix the value. */
const MAX_API_ID = 2_147_483_647;

/** The API ID as a number, or why the text is not one. */
export function parseApiId(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter the API ID from my.telegram.org.' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: 'The API ID is a number: use digits only.' };
  const value = Number(trimmed);
  if (value < 1 || value > MAX_API_ID) {
    return { ok: false, message: `The API ID is a number from 1 to ${String(MAX_API_ID)}.` };
  }
  return { ok: true, value };
}

/** Why the API hash cannot be saved, or null. `stored`: a hash is saved already (it is never shown). */
export function apiHashProblem(text: string, stored: boolean): string | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return stored
      ? 'Enter the API hash again to save: the stored one is never shown.'
      : 'Enter the API hash from my.telegram.org.';
  }
  if (!/^[0-9a-fA-F]{32}$/.test(trimmed)) {
    return 'The API hash is 32 characters, digits and the letters a to f. Copy it again from my.telegram.org.';
  }
  return null;
}
