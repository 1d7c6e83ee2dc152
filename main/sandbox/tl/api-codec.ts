import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';

/**
 * The one place where the sandbox reads API requests: GramJS's own TL classes parse them, so a request the
 * client can build is one the server can read, at the same layer. (The sandbox is the one part of the app
 * besides main/telegram/ that uses the `telegram` package: it reuses its TL schema, not its client.)
 */

export interface ClientInfo {
  readonly apiId: number;
  readonly deviceModel: string;
  readonly systemVersion: string;
  readonly appVersion: string;
  readonly systemLangCode: string;
  readonly langCode: string;
}

/** An API request with the invokeWithLayer / initConnection / invokeWithoutUpdates / invokeAfterMsg(s) wrappers taken off. */
export interface UnwrappedRequest {
  /** GramJS class name of the innermost request, e.g. `auth.SendCode`. */
  readonly method: string;
  readonly request: Api.AnyRequest;
  readonly layer?: number;
  readonly clientInfo?: ClientInfo;
  readonly withoutUpdates: boolean;
  /** Messages that must complete before this one runs (invokeAfterMsg / invokeAfterMsgs). */
  readonly afterMsgIds: readonly bigint[];
}

export class UnknownConstructorError extends Error {
  override readonly name = 'UnknownConstructorError';
  constructor(readonly constructorId: number) {
    super(`unknown constructor 0x${constructorId.toString(16)}`);
  }
}

interface TlObjectLike {
  readonly className?: unknown;
  readonly classType?: unknown;
}

function isRequest(value: unknown): value is Api.AnyRequest {
  const v = value as TlObjectLike | null;
  return typeof v === 'object' && v !== null && v.classType === 'request' && typeof v.className === 'string';
}

export function parseRequest(body: Buffer): UnwrappedRequest {
  let parsed: unknown;
  try {
    parsed = new BinaryReader(body).tgReadObject() as unknown;
  } catch {
    throw new UnknownConstructorError(body.length >= 4 ? body.readUInt32LE(0) : 0);
  }
  if (!isRequest(parsed)) throw new UnknownConstructorError(body.length >= 4 ? body.readUInt32LE(0) : 0);

  let request: Api.AnyRequest = parsed;
  let layer: number | undefined;
  let clientInfo: ClientInfo | undefined;
  let withoutUpdates = false;
  const afterMsgIds: bigint[] = [];
  for (;;) {
    if (request instanceof Api.InvokeWithLayer) {
      layer = request.layer;
      request = request.query as Api.AnyRequest;
    } else if (request instanceof Api.InitConnection) {
      clientInfo = {
        apiId: request.apiId,
        deviceModel: request.deviceModel,
        systemVersion: request.systemVersion,
        appVersion: request.appVersion,
        systemLangCode: request.systemLangCode,
        langCode: request.langCode,
      };
      request = request.query as Api.AnyRequest;
    } else if (request instanceof Api.InvokeWithoutUpdates) {
      withoutUpdates = true;
      request = request.query as Api.AnyRequest;
    } else if (request instanceof Api.InvokeAfterMsg) {
      afterMsgIds.push(BigInt(request.msgId.toString()));
      request = request.query as Api.AnyRequest;
    } else if (request instanceof Api.InvokeAfterMsgs) {
      for (const id of request.msgIds) afterMsgIds.push(BigInt(id.toString()));
      request = request.query as Api.AnyRequest;
    } else {
      break;
    }
    if (!isRequest(request)) throw new UnknownConstructorError(0);
  }
  return {
    method: request.className,
    request,
    ...(layer !== undefined ? { layer } : {}),
    ...(clientInfo ? { clientInfo } : {}),
    withoutUpdates,
    afterMsgIds,
  };
}
