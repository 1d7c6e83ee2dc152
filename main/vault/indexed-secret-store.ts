import { KEYCHAIN_ENTRY_MAX_BYTES } from './keychain-entry-size.ts';
import { KeyedQueue } from './keyed-queue.ts';
import type { NativeKeychain } from './native-keychain.ts';
import type { ListedSecret, SecretStore } from './secret-store.ts';

/** Account names of a service's index entries: "~index.0", "~index.1", ... (no vault name starts with "~"). */
const INDEX_PREFIX = '~index.';
/** Entries read at once when listing: the host answers them in parallel (keytar's thread pool). */
const LIST_CONCURRENCY = 16;

/** A service's account names, split into index entries that each fit the keychain's entry limit. */
interface ServiceIndex {
  readonly shards: readonly (readonly string[])[];
}

/**
 * The SecretStore the app runs on: each service keeps an index of its account names in entries of its
 * own, and a listing reads the index, then each entry with getPassword. keytar's findCredentials, which
 * crashes its process on an item it cannot read and leaks every secret it lists, runs only once per
 * service, to build an index that is missing (entries written before the index existed). An entry that
 * is indexed but cannot be read (a locked collection, not text, gone) is listed with a null secret, so the
 * vault can show which account could not be read.
 *
 * The index is cached: this store is the only writer of its services (the app runs once per user). A
 * change writes the index before the entry (set) or after it (delete), so a failure in between leaves a
 * name without an entry, listed as unreadable, never an entry nobody lists.
 */
export class IndexedSecretStore implements SecretStore {
  private readonly indexes = new Map<string, Promise<ServiceIndex>>();
  private readonly queue = new KeyedQueue();

  constructor(private readonly keychain: NativeKeychain) {}

  get(service: string, account: string): Promise<string | null> {
    refuseIndexName(account);
    return this.keychain.get(service, account);
  }

  set(service: string, account: string, secret: string): Promise<void> {
    refuseIndexName(account);
    return this.queue.run(service, async () => {
      const index = await this.index(service);
      const added = !indexed(index, account);
      if (added) await this.change(service, withName(index, account));
      try {
        await this.keychain.set(service, account, secret);
      } catch (error) {
        // The entry was not written: its name goes again, or the index is read afresh next time.
        if (added) {
          const current = await this.index(service);
          await this.change(service, withoutName(current, account)).catch(() => this.indexes.delete(service));
        }
        throw error;
      }
    });
  }

  delete(service: string, account: string): Promise<boolean> {
    refuseIndexName(account);
    return this.queue.run(service, async () => {
      const index = await this.index(service);
      const deleted = await this.keychain.delete(service, account);
      if (indexed(index, account)) await this.change(service, withoutName(index, account));
      return deleted;
    });
  }

  names(service: string): Promise<string[]> {
    return this.queue.run(service, async () => (await this.index(service)).shards.flat());
  }

  async list(service: string): Promise<ListedSecret[]> {
    const names = await this.names(service);
    const listed: ListedSecret[] = [];
    for (let start = 0; start < names.length; start += LIST_CONCURRENCY) {
      const batch = names.slice(start, start + LIST_CONCURRENCY);
      const secrets = await Promise.all(batch.map((account) => this.keychain.get(service, account)));
      batch.forEach((account, i) => listed.push({ account, secret: secrets[i] ?? null }));
    }
    return listed;
  }

  private index(service: string): Promise<ServiceIndex> {
    const cached = this.indexes.get(service);
    if (cached !== undefined) return cached;
    const loading = this.load(service);
    this.indexes.set(service, loading);
    loading.catch(() => {
      if (this.indexes.get(service) === loading) this.indexes.delete(service);
    });
    return loading;
  }

  private async load(service: string): Promise<ServiceIndex> {
    const shards: string[][] = [];
    let damaged = false;
    for (let n = 0; ; n++) {
      const entry = await this.keychain.get(service, shardName(n));
      if (entry === null) break;
      const names = parseShard(entry);
      if (names === null) {
        damaged = true;
        break;
      }
      shards.push(names);
    }
    if (shards.length > 0 && !damaged) return { shards };
    // No index (or a damaged one): built once from the entries themselves.
    const found = await this.keychain.findAll(service);
    const names = found.map((entry) => entry.account).filter((account) => !account.startsWith(INDEX_PREFIX));
    const rebuilt = names.reduce<ServiceIndex>((index, name) => withName(index, name).next, { shards: [[]] });
    for (const [n, shard] of rebuilt.shards.entries())
      await this.keychain.set(service, shardName(n), encodeShard(shard));
    // Shards of a damaged index beyond the rebuilt ones.
    for (let n = rebuilt.shards.length; await this.keychain.delete(service, shardName(n)); n++);
    return rebuilt;
  }

  /** Writes the one index entry a change touched, then keeps the new index (callers hold the service's queue). */
  private async change(service: string, change: IndexChange): Promise<void> {
    const { next, shard } = change;
    const names = next.shards[shard];
    if (names === undefined) await this.keychain.delete(service, shardName(shard));
    else await this.keychain.set(service, shardName(shard), encodeShard(names));
    this.indexes.set(service, Promise.resolve(next));
  }
}

interface IndexChange {
  readonly next: ServiceIndex;
  /** The shard that changed; past the end of `next` when it was dropped. */
  readonly shard: number;
}

function indexed(index: ServiceIndex, account: string): boolean {
  return index.shards.some((shard) => shard.includes(account));
}

/** Appends to the last shard, or starts one when the last is full. */
function withName(index: ServiceIndex, account: string): IndexChange {
  const last = index.shards.length - 1;
  const grown = [...(index.shards[last] ?? []), account];
  if (last >= 0 && Buffer.byteLength(encodeShard(grown)) <= KEYCHAIN_ENTRY_MAX_BYTES) {
    return { next: { shards: index.shards.with(last, grown) }, shard: last };
  }
  return { next: { shards: [...index.shards, [account]] }, shard: index.shards.length };
}

/** Removes from its shard; an emptied last shard is dropped (the first stays: it marks the index as built). */
function withoutName(index: ServiceIndex, account: string): IndexChange {
  const shard = index.shards.findIndex((names) => names.includes(account));
  if (shard < 0) return { next: index, shard: 0 };
  const kept = (index.shards[shard] ?? []).filter((name) => name !== account);
  if (kept.length === 0 && shard > 0 && shard === index.shards.length - 1) {
    return { next: { shards: index.shards.slice(0, shard) }, shard };
  }
  return { next: { shards: index.shards.with(shard, kept) }, shard };
}

function shardName(n: number): string {
  return `${INDEX_PREFIX}${n}`;
}

function encodeShard(names: readonly string[]): string {
  return JSON.stringify({ v: 1, names });
}

function parseShard(entry: string): string[] | null {
  try {
    const parsed = JSON.parse(entry) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { v, names } = parsed as Record<string, unknown>;
    if (v !== 1 || !Array.isArray(names) || !names.every((n) => typeof n === 'string')) return null;
    return names;
  } catch {
    return null;
  }
}

/** The index's own names are not the vaults' to use: a bug, not a keychain failure. */
function refuseIndexName(account: string): void {
  if (account.startsWith(INDEX_PREFIX)) {
    throw new TypeError(`A keychain account name must not start with "${INDEX_PREFIX}".`);
  }
}
