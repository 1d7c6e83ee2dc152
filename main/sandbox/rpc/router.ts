import type { Api } from 'telegram';
import { METHOD_UNSUPPORTED, RpcFailure, type RpcCall, type RpcDispatch } from '../mtproto/rpc-types.ts';

/** A GramJS request class, e.g. `Api.auth.SendCode`. */
type RequestClass<T extends Api.AnyRequest> = abstract new (...args: never[]) => T;

type Handler<T extends Api.AnyRequest> = (request: T, call: RpcCall) => Promise<Buffer> | Buffer;

interface Route {
  readonly matches: (request: Api.AnyRequest) => boolean;
  readonly handle: (request: Api.AnyRequest, call: RpcCall) => Promise<Buffer> | Buffer;
}

/** Maps each API method the sandbox implements to its handler; everything else is 400 SANDBOX_METHOD_UNSUPPORTED. */
export class RpcRouter {
  private readonly routes = new Map<string, Route>();

  on<T extends Api.AnyRequest>(requestClass: RequestClass<T>, handler: Handler<T>): this {
    const name = (requestClass as unknown as { className?: unknown }).className;
    if (typeof name !== 'string') throw new Error('not a GramJS request class');
    if (this.routes.has(name)) throw new Error(`${name} is handled twice`);
    const isT = (request: Api.AnyRequest): request is T => request instanceof requestClass;
    this.routes.set(name, {
      matches: isT,
      handle: (request, call) => {
        if (!isT(request)) throw new RpcFailure(400, METHOD_UNSUPPORTED);
        return handler(request, call);
      },
    });
    return this;
  }

  get methods(): string[] {
    return [...this.routes.keys()].sort();
  }

  readonly dispatch: RpcDispatch = (call) => {
    const route = this.routes.get(call.method);
    if (!route?.matches(call.request)) throw new RpcFailure(400, METHOD_UNSUPPORTED);
    return route.handle(call.request, call);
  };
}
