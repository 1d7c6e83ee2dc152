import { Api } from 'telegram';
import type { TelegramUser } from '../contract/account.ts';
import { AppFailure, appError } from '../contract/errors.ts';
import type { AccountClient, ConnectionState } from './gateway.ts';
import type { ManagedClient } from './managed-client.ts';
import { telegramUserOf } from './user-mapping.ts';

/** A stored, signed-in account on its own GramJS client. */
export class GramAccountClient implements AccountClient {
  private readonly client: ManagedClient;

  constructor(client: ManagedClient) {
    this.client = client;
  }

  get dcId(): number {
    return this.client.dcId;
  }

  connect(): Promise<void> {
    return this.client.connect();
  }

  async getSelf(): Promise<TelegramUser> {
    try {
      const [self] = await this.client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
      const user = telegramUserOf(self);
      if (user === null) throw new AppFailure(appError('INTERNAL'));
      return user;
    } catch (error) {
      throw this.client.toFailure(error);
    }
  }

  async logOut(): Promise<Buffer | null> {
    try {
      const loggedOut = await this.client.invoke(new Api.auth.LogOut());
      this.client.secrets.add(loggedOut.futureAuthToken);
      return loggedOut.futureAuthToken ?? null;
    } catch (error) {
      throw this.client.toFailure(error);
    }
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    return this.client.connectionState.subscribe(listener);
  }

  destroy(): Promise<void> {
    return this.client.destroy();
  }
}
