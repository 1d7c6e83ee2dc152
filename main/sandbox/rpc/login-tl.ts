import { Api } from 'telegram';
import type { Account } from '../world/accounts.ts';
import type { KeyRef } from '../world/authorizations.ts';
import { codeTypeOf, sentCodeType } from '../world/code-delivery.ts';
import type { CodeSent } from '../world/code-login.ts';
import type { SandboxTopology } from '../world/topology.ts';
import { toLong, userObject } from '../world/user-objects.ts';
import type { LoginResult } from '../world/world.ts';
import type { RpcCall } from '../mtproto/rpc-types.ts';

/** TL objects the login methods answer with, built from the world's results. */

/** The world's name for the auth key a call came in on. */
export function keyOf(call: RpcCall): KeyRef {
  return { dcId: call.dcId, authKeyId: call.authKey.id };
}

export function sentCodeObject(sent: CodeSent): Api.auth.SentCode {
  const nextType = sent.nextRung ? codeTypeOf(sent.nextRung) : undefined;
  return new Api.auth.SentCode({
    type: sentCodeType(sent.rung, sent.code.issued),
    phoneCodeHash: sent.code.hash,
    ...(nextType ? { nextType } : {}),
    ...(sent.timeout !== undefined ? { timeout: sent.timeout } : {}),
  });
}

export function authorizationObject(login: LoginResult): Api.auth.Authorization {
  return new Api.auth.Authorization({
    user: userObject(login.account, true),
    futureAuthToken: login.futureAuthToken,
  });
}

/** The id of the sandbox's terms of service (help.TermsOfService.id, a DataJSON). */
export const TERMS_ID = JSON.stringify({ id: 'sandbox-terms-1' });

export function termsOfServiceObject(text: string): Api.help.TermsOfService {
  return new Api.help.TermsOfService({ id: new Api.DataJSON({ data: TERMS_ID }), text, entities: [] });
}

/**
 * One row of account.getAuthorizations: what the key told initConnection about its device and app.
 * The current session has hash 0, as on Telegram (it is ended with auth.logOut, not resetAuthorization).
 */
export function sessionObject(
  topology: SandboxTopology,
  key: KeyRef,
  hash: bigint,
  signedInAtMs: number,
  current: boolean,
): Api.Authorization {
  const record = topology.authKey(key.dcId, key.authKeyId);
  const info = record?.clientInfo;
  return new Api.Authorization({
    current,
    hash: toLong(current ? 0n : hash),
    deviceModel: info?.deviceModel ?? 'Unknown device',
    // initConnection does not name the platform; Telegram derives it from the app. The sandbox cannot.
    platform: 'Unknown',
    systemVersion: info?.systemVersion ?? '',
    apiId: info?.apiId ?? 0,
    appName: info ? `Sandbox app ${info.apiId}` : 'Unknown app',
    appVersion: info?.appVersion ?? '',
    dateCreated: Math.floor(signedInAtMs / 1000),
    dateActive: Math.floor((record?.lastActiveAtMs ?? signedInAtMs) / 1000),
    ip: '127.0.0.1',
    country: 'Sandbox',
    region: `DC ${key.dcId}`,
  });
}

export function selfUser(account: Account): Api.User {
  return userObject(account, true);
}
