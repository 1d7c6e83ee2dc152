import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { TELEGRAM_DH_G, TELEGRAM_DH_PRIME } from '../crypto/dh-prime.ts';
import { METHOD_UNSUPPORTED, RpcFailure } from '../mtproto/rpc-types.ts';
import { serializeBool } from '../tl/tl-writer.ts';
import { keyName } from '../world/authorizations.ts';
import { emailPattern } from '../world/code-delivery.ts';
import { fromLong, toLong } from '../world/user-objects.ts';
import type { SandboxWorld } from '../world/world.ts';
import { emailCheckOf } from './auth.ts';
import { keyOf, sentCodeObject, sessionObject } from './login-tl.ts';
import type { RpcRouter } from './router.ts';

/** Days of inactivity after which Telegram ends a session by itself (shown by getAuthorizations). */
const AUTHORIZATION_TTL_DAYS = 180;

function srpAlgo(
  salt1: Buffer,
  salt2: Buffer,
): Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow {
  return new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
    salt1,
    salt2,
    g: TELEGRAM_DH_G,
    p: TELEGRAM_DH_PRIME,
  });
}

function loginSetupPurpose(purpose: Api.TypeEmailVerifyPurpose): Api.EmailVerifyPurposeLoginSetup {
  // Changing a signed-in account's login email and Passport emails are not part of the sandbox.
  if (!(purpose instanceof Api.EmailVerifyPurposeLoginSetup)) throw new RpcFailure(400, METHOD_UNSUPPORTED);
  return purpose;
}

/** account.* methods of logins: the 2FA password, active sessions, and adding a login email. */
export function registerAccountMethods(router: RpcRouter, world: SandboxWorld): void {
  router
    .on(Api.account.GetPassword, (_request, call) => {
      const state = world.passwordLogin.getPassword(keyOf(call));
      const { account, srp } = state;
      const twoFactor = account.twoFactor;
      return new Api.account.Password({
        hasPassword: srp !== undefined,
        ...(srp && twoFactor
          ? {
              currentAlgo: srpAlgo(twoFactor.verifier.salt1, twoFactor.verifier.salt2),
              srp_B: srp.B,
              srpId: toLong(srp.id),
              ...(twoFactor.hint !== undefined ? { hint: twoFactor.hint } : {}),
            }
          : {}),
        ...(account.loginEmail !== undefined ? { loginEmailPattern: emailPattern(account.loginEmail) } : {}),
        // What a client would use to set a new password: Telegram's 8-byte salt1 (the client appends 32 more).
        newAlgo: srpAlgo(randomBytes(8), randomBytes(16)),
        newSecureAlgo: new Api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000({ salt: randomBytes(8) }),
        secureRandom: randomBytes(32),
      }).getBytes();
    })
    .on(Api.account.GetAuthorizations, (_request, call) => {
      const key = keyOf(call);
      const account = world.signedInAccount(key);
      const rows = world.authorizations
        .keysOf(account.id)
        // A key the server forgot (e.g. a scripted -404) is no session any more.
        .filter((s) => world.topology.authKey(s.key.dcId, s.key.authKeyId) !== undefined)
        .sort((a, b) => a.signedInAtMs - b.signedInAtMs)
        .map((s) =>
          sessionObject(world.topology, s.key, s.hash, s.signedInAtMs, keyName(s.key) === keyName(key)),
        );
      return new Api.account.Authorizations({
        authorizationTtlDays: AUTHORIZATION_TTL_DAYS,
        authorizations: rows,
      }).getBytes();
    })
    .on(Api.account.ResetAuthorization, (request, call) => {
      // The named session is signed out: its next authorized call gets 401 SESSION_REVOKED.
      const key = keyOf(call);
      const account = world.signedInAccount(key);
      const hash = fromLong(request.hash);
      const target = world.authorizations
        .keysOf(account.id)
        .find((s) => s.hash === hash && keyName(s.key) !== keyName(key));
      if (hash === 0n || !target) throw new RpcFailure(400, 'HASH_INVALID');
      world.authorizations.unbind(target.key, 'SESSION_REVOKED');
      return serializeBool(true);
    })
    .on(Api.account.SendVerifyEmailCode, (request, call) => {
      const purpose = loginSetupPurpose(request.purpose);
      const sent = world.codeLogin.sendLoginSetupEmail(
        keyOf(call),
        purpose.phoneNumber,
        purpose.phoneCodeHash,
        request.email,
      );
      return new Api.account.SentEmailCode({ emailPattern: sent.pattern, length: sent.length }).getBytes();
    })
    .on(Api.account.VerifyEmail, (request, call) => {
      const purpose = loginSetupPurpose(request.purpose);
      const check = emailCheckOf(request.verification) ?? {};
      const result = world.codeLogin.verifyLoginSetupEmail(
        keyOf(call),
        purpose.phoneNumber,
        purpose.phoneCodeHash,
        check,
      );
      return new Api.account.EmailVerifiedLogin({
        email: result.email,
        sentCode: sentCodeObject(result.sent),
      }).getBytes();
    });
}
