import { describe, expect, it } from 'vitest';
import {
  confirmationText,
  terminalServerConfirmer,
  type ServerToConfirm,
} from '../../main/app/server-confirmation.ts';

const LAB: ServerToConfirm = {
  name: 'Lab',
  dcs: [{ id: 2, host: 'mtproto.example.org', port: 8443 }],
  keyFingerprint: 'ab'.repeat(32),
};
const OTHER: ServerToConfirm = { ...LAB, dcs: [{ id: 2, host: 'elsewhere.example.org', port: 8443 }] };

/** The code the confirmer printed last, as the user reads it off the terminal. */
function printedCode(printed: readonly string[]): string {
  const match = /type this code in the page: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(printed.at(-1) ?? '');
  if (!match?.[1]) throw new Error('no code printed');
  return match[1];
}

describe('the terminal confirmer of the browser harness', () => {
  it('prints the server’s addresses, its key fingerprint and a one-time code; only that code confirms', async () => {
    const printed: string[] = [];
    const confirmer = terminalServerConfirmer({ print: (text) => printed.push(text) });
    expect(await confirmer.confirm(LAB, undefined)).toBe('code-needed');
    expect(printed.at(-1)).toContain('DC 2: mtproto.example.org:8443');
    expect(printed.at(-1)).toContain('abab abab');
    const code = printedCode(printed);
    expect(await confirmer.confirm(LAB, 'WRONG-123')).toBe('code-wrong');
    // For another server the code is worth nothing.
    expect(await confirmer.confirm(OTHER, code)).toBe('code-wrong');
    expect(await confirmer.confirm(LAB, ` ${code.toLowerCase()} `)).toBe('confirmed');
    // Used once.
    expect(await confirmer.confirm(LAB, code)).toBe('code-wrong');
  });

  it('keeps only the newest code, for ten minutes and five wrong tries', async () => {
    let now = 1_000_000;
    const printed: string[] = [];
    const confirmer = terminalServerConfirmer({ print: (text) => printed.push(text), now: () => now });
    await confirmer.confirm(LAB, undefined);
    const first = printedCode(printed);
    await confirmer.confirm(LAB, undefined);
    const second = printedCode(printed);
    if (first !== second) expect(await confirmer.confirm(LAB, first)).toBe('code-wrong');

    await confirmer.confirm(LAB, undefined);
    const late = printedCode(printed);
    now += 10 * 60_000 + 1;
    expect(await confirmer.confirm(LAB, late)).toBe('code-wrong');

    await confirmer.confirm(LAB, undefined);
    const guessed = printedCode(printed);
    for (let i = 0; i < 5; i++) expect(await confirmer.confirm(LAB, 'AAAA-AAAA')).toBe('code-wrong');
    expect(await confirmer.confirm(LAB, guessed)).toBe('code-wrong');
  });

  it('words the question the same way for the dialog and the terminal', () => {
    const text = confirmationText(LAB);
    expect(text.message).toBe('Use the server “Lab”?');
    expect(text.detail).toContain('mtproto.example.org:8443');
    expect(text.detail).toContain('API credentials');
  });
});
