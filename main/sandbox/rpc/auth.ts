import { Api } from 'telegram';
import { RpcFailure } from '../mtproto/rpc-types.ts';
import { serializeBool } from '../tl/tl-writer.ts';
import { authorizationHash, keyName } from '../world/authorizations.ts';
import type { EmailCheck } from '../world/code-login.ts';
import type { QrExportResult } from '../world/qr-login.ts';
import { fromLong, toLong } from '../world/user-objects.ts';
import type { SandboxWorld } from '../world/world.ts';
import {
  authorizationObject,
  keyOf,
  sentCodeObject,
  sessionObject,
  termsOfServiceObject,
} from './login-tl.ts';
import type { RpcRouter } from './router.ts';

/**
 * email_verification of auth.signIn / account.verifyEmail, as the world sees it. (GramJS's reader sets
 * absent optional fields to null, not undefined, so only instanceof is trusted here.)
 */
export function emailCheckOf(verification: Api.TypeEmailVerification | undefined): EmailCheck | undefined {
  if (verification instanceof Api.EmailVerificationCode) return { code: verification.code };
  if (
    verification instanceof Api.EmailVerificationGoogle ||
    verification instanceof Api.EmailVerificationApple
  ) {
    return { token: verification.token };
  }
  return undefined;
}

function loginTokenObject(result: QrExportResult): Api.auth.TypeLoginToken {
  switch (result.kind) {
    case 'token':
      return new Api.auth.LoginToken({ expires: result.expires, token: result.token });
    case 'migrate':
      return new Api.auth.LoginTokenMigrateTo({ dcId: result.dcId, token: result.token });
    case 'loggedIn':
      return new Api.auth.LoginTokenSuccess({ authorization: authorizationObject(result.login) });
  }
}

/** The auth.* methods of a login (and help.acceptTermsOfService, the last step of a sign-up). */
export function registerAuthMethods(router: RpcRouter, world: SandboxWorld): void {
  router
    .on(Api.auth.SendCode, (request, call) => {
      const tokens =
        request.settings instanceof Api.CodeSettings ? (request.settings.logoutTokens ?? []) : [];
      const result = world.codeLogin.sendCode(keyOf(call), request.phoneNumber, request.apiId, tokens);
      if (result.kind === 'loggedIn') {
        return new Api.auth.SentCodeSuccess({ authorization: authorizationObject(result.login) }).getBytes();
      }
      return sentCodeObject(result).getBytes();
    })
    .on(Api.auth.ResendCode, (request, call) =>
      sentCodeObject(
        world.codeLogin.resendCode(keyOf(call), request.phoneNumber, request.phoneCodeHash),
      ).getBytes(),
    )
    .on(Api.auth.CancelCode, (request, call) => {
      world.codeLogin.cancelCode(keyOf(call), request.phoneNumber, request.phoneCodeHash);
      return serializeBool(true);
    })
    .on(Api.auth.SignIn, (request, call) => {
      const result = world.codeLogin.signIn(
        keyOf(call),
        request.phoneNumber,
        request.phoneCodeHash,
        request.phoneCode,
        emailCheckOf(request.emailVerification),
      );
      if (result.kind === 'signUpRequired') {
        return new Api.auth.AuthorizationSignUpRequired({
          termsOfService: termsOfServiceObject(world.settings.termsOfService),
        }).getBytes();
      }
      return authorizationObject(result.login).getBytes();
    })
    .on(Api.auth.SignUp, (request, call) =>
      authorizationObject(
        world.codeLogin.signUp(
          keyOf(call),
          request.phoneNumber,
          request.phoneCodeHash,
          request.firstName,
          request.lastName,
        ),
      ).getBytes(),
    )
    .on(Api.auth.CheckPassword, (request, call) => {
      const key = keyOf(call);
      const input = request.password;
      const check =
        input instanceof Api.InputCheckPasswordSRP
          ? { srpId: fromLong(input.srpId), A: Buffer.from(input.A), M1: Buffer.from(input.M1) }
          : undefined;
      const account = world.passwordLogin.checkPassword(key, check);
      return authorizationObject(world.finishLogin(key, account)).getBytes();
    })
    .on(Api.auth.LogOut, (_request, call) =>
      new Api.auth.LoggedOut({ futureAuthToken: world.logOut(keyOf(call)) }).getBytes(),
    )
    .on(Api.auth.ResetAuthorizations, (_request, call) => {
      // Signs out every other session of the account; they get 401 SESSION_REVOKED.
      const key = keyOf(call);
      const account = world.signedInAccount(key);
      for (const other of world.authorizations.keysOf(account.id)) {
        if (keyName(other.key) !== keyName(key)) world.authorizations.unbind(other.key, 'SESSION_REVOKED');
      }
      return serializeBool(true);
    })
    .on(Api.auth.ExportLoginToken, (request, call) =>
      loginTokenObject(
        world.qrLogin.exportToken(
          keyOf(call),
          request.apiId,
          request.exceptIds.map((id) => fromLong(id)),
        ),
      ).getBytes(),
    )
    .on(Api.auth.ImportLoginToken, (request, call) =>
      loginTokenObject(world.qrLogin.importToken(keyOf(call), Buffer.from(request.token))).getBytes(),
    )
    .on(Api.auth.AcceptLoginToken, (request, call) => {
      const acceptor = world.signedInAccount(keyOf(call));
      const exporter = world.qrLogin.acceptToken(acceptor, Buffer.from(request.token));
      const now = world.clock.now();
      return sessionObject(
        world.topology,
        exporter,
        authorizationHash(exporter, acceptor.id),
        now,
        false,
      ).getBytes();
    })
    .on(Api.auth.ExportAuthorization, (request, call) => {
      const account = world.signedInAccount(keyOf(call));
      if (!world.topology.dcIds.includes(request.dcId) || request.dcId === call.dcId) {
        throw new RpcFailure(400, 'DC_ID_INVALID');
      }
      return new Api.auth.ExportedAuthorization({
        id: toLong(account.id),
        bytes: world.exportedAuthorizations.export(account.id, request.dcId),
      }).getBytes();
    })
    .on(Api.auth.ImportAuthorization, (request, call) => {
      const key = keyOf(call);
      const userId = world.exportedAuthorizations.redeem(
        fromLong(request.id),
        Buffer.from(request.bytes),
        call.dcId,
      );
      const account = world.accounts.byId(userId);
      if (!account) throw new RpcFailure(400, 'AUTH_BYTES_INVALID');
      // The account already passed its 2FA where it exported this, so no password is asked here.
      return authorizationObject(world.finishLogin(key, account)).getBytes();
    })
    .on(Api.help.AcceptTermsOfService, (request, call) => {
      const account = world.signedInAccount(keyOf(call));
      if (!(request.id instanceof Api.DataJSON)) throw new RpcFailure(400, 'TERMS_INVALID');
      account.acceptedTerms.add(request.id.data);
      return serializeBool(true);
    });
}
