/**
 * The accounts of the scale benchmark's sandbox world: separate numbers per phase, so no phase meets
 * another's codes, sessions or flood counters.
 */
export const LOGIN_CODE = '24680';
export const PASSWORD = 'scale-bench-password';

export const LOGINS = Number(process.env.SCALE_LOGINS ?? 100);
export const PASSWORD_CHECKS = Number(process.env.SCALE_2FA ?? 50);
export const RESTORED = Number(process.env.SCALE_ACCOUNTS ?? 1000);

const numbers = (block: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `+1555${block}${String(i).padStart(4, '0')}`);

export const stockPhones = numbers('911', LOGINS);
export const appPhones = numbers('912', LOGINS);
export const passwordPhones = numbers('913', PASSWORD_CHECKS);
export const restorePhones = numbers('914', RESTORED);

/** The world file the runner hands to `main/sandbox/cli.ts --world`. */
export function scaleWorld(): unknown {
  const plain = (phone: string, i: number) => ({ phone, firstName: `Scale${String(i)}`, code: LOGIN_CODE });
  return {
    settings: { ladder: [{ type: 'sms', timeout: 900 }] },
    accounts: [
      ...stockPhones.map(plain),
      ...appPhones.map(plain),
      ...restorePhones.map(plain),
      ...passwordPhones.map((phone, i) => ({ ...plain(phone, i), password: PASSWORD })),
    ],
  };
}
