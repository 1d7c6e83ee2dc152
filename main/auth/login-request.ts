import type { LoginRequest } from '../contract/ipc-contract.ts';
import type { LoginAction } from './login-machine.ts';

export type { LoginRequest } from '../contract/ipc-contract.ts';

/** The part of a request the state machine judges: its type and, where it has one, the code (never a password). */
export function actionOf(request: LoginRequest): LoginAction {
  return 'code' in request ? { type: request.type, code: request.code } : { type: request.type };
}
