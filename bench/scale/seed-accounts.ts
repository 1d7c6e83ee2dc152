import { AccountVault } from '../../main/vault/account-vault.ts';
import { testSecretStore } from '../../test/support/keychain.ts';
import { benchGateway, inBatches, report, sandboxFromEnv } from './probe.ts';
import { LOGIN_CODE, restorePhones } from './world.ts';

/**
 * Preparation for phase (b), not measured: signs every restore account in once through the app's own
 * gateway (a real handshake and auth key each, sendCode, signIn) and stores each session in the real
 * keychain under SCALE_SERVICE_BASE, exactly as a completed login in the app stores it.
 */
const SEED_CONCURRENCY = 16;

async function main(): Promise<void> {
  const sandbox = sandboxFromEnv();
  const serviceBase = process.env.SCALE_SERVICE_BASE;
  if (serviceBase === undefined) throw new Error('SCALE_SERVICE_BASE is not set');
  const gateway = benchGateway(sandbox);
  const vault = new AccountVault({
    store: testSecretStore(serviceBase),
    profile: { kind: 'sandbox' },
    serviceBase,
    logger: {
      warn: (message) => {
        console.error(message);
      },
    },
  });
  const start = performance.now();
  await inBatches(restorePhones, SEED_CONCURRENCY, async (phone) => {
    const login = await gateway.startLogin(`seed ${phone}`);
    try {
      const sent = await login.sendCode(phone, []);
      if (sent.kind !== 'codeSent') throw new Error(`${phone}: ${sent.kind}`);
      const outcome = await login.signIn(phone, sent.phoneCodeHash, LOGIN_CODE);
      if (outcome.kind !== 'signedIn') throw new Error(`${phone}: ${outcome.kind}`);
      const secret = await login.exportSession();
      const { user } = outcome.login;
      await vault.save({
        userId: user.userId,
        phone: user.phone,
        dcId: secret.dcId,
        session: secret.session,
        firstName: user.firstName,
        lastName: user.lastName,
        username: user.username,
      });
    } finally {
      await login.destroy();
    }
  });
  report('seed', { accounts: restorePhones.length, wallMs: performance.now() - start });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
