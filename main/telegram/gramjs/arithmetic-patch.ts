import bigInt, { type BigInteger } from 'big-integer';
import { createRequire } from 'node:module';
import { modPow } from '../../crypto/mod-pow.ts';
import { nativeValueOf } from '../native-math/big-integer-value.ts';
import { factorizePq } from '../native-math/factorize-pq.ts';

/**
 * Replaces the two pure-JavaScript number crunchers of GramJS's auth-key handshake (~190 ms of main-thread
 * CPU per new key) with native ones: `Helpers.modExp` and `Factorizator.factorize`. GramJS's
 * Authenticator, RSA and Password modules look both up on the module objects at call time
 * (`(0, Helpers_1.modExp)(...)`, `Factorizator_1.Factorizator.factorize(...)`), so swapping the exported
 * functions on the shared CommonJS modules reaches every client without touching node_modules.
 * Results are numerically identical; inputs outside the native paths' domain go to GramJS's own code.
 */

type ModExp = (a: BigInteger, b: BigInteger, n: BigInteger) => BigInteger;
type Factorize = (pq: BigInteger) => { p: BigInteger; q: BigInteger };

interface HelpersModule {
  modExp: ModExp;
}
interface FactorizatorModule {
  Factorizator: { factorize: Factorize };
}

export interface StockArithmetic {
  readonly modExp: ModExp;
  readonly factorize: Factorize;
}

const requireFromHere = createRequire(import.meta.url);

function gramModules(): { helpers: HelpersModule; factorizator: FactorizatorModule['Factorizator'] } {
  const helpers = requireFromHere('telegram/Helpers') as HelpersModule;
  const { Factorizator } = requireFromHere('telegram/crypto/Factorizator') as FactorizatorModule;
  if (typeof helpers.modExp !== 'function' || typeof Factorizator.factorize !== 'function') {
    throw new Error('GramJS no longer exports Helpers.modExp / Factorizator.factorize; update the patch');
  }
  return { helpers, factorizator: Factorizator };
}

/**
 * A big-integer value for GramJS whose toString(radix) is the native one. GramJS turns these results into
 * bytes with toString(2) and toString(16) (getByteArray, readBufferFromBigInt), which big-integer does
 * with a JavaScript division loop: ~6 ms per handshake. Native digits are the same characters.
 */
function toBigInteger(value: bigint): BigInteger {
  const result = bigInt(value.toString());
  const ownToString = result.toString.bind(result);
  Object.defineProperty(result, 'toString', {
    value: (radix?: number, alphabet?: string): string =>
      alphabet === undefined &&
      (radix === undefined || (Number.isInteger(radix) && radix >= 2 && radix <= 36))
        ? value.toString(radix ?? 10)
        : ownToString(radix, alphabet),
  });
  return result;
}

let stock: StockArithmetic | undefined;

function nativeModExp(a: BigInteger, b: BigInteger, n: BigInteger): BigInteger {
  const [base, exponent, modulus] = [nativeValueOf(a), nativeValueOf(b), nativeValueOf(n)];
  // GramJS's loop returns 1 for any exponent <= 0 and keeps the sign of a negative base; leave those
  // (never used by the protocol) to it.
  if (base < 0n || exponent < 1n || modulus < 2n) return (stock?.modExp ?? nativeModExpUnavailable)(a, b, n);
  return toBigInteger(modPow(base, exponent, modulus));
}

function nativeFactorize(pq: BigInteger): { p: BigInteger; q: BigInteger } {
  const value = nativeValueOf(pq);
  // Even numbers have a fixed answer in GramJS ({2, pq/2}, unordered); tiny and negative ones are not
  // protocol values. Only odd pq > 3 takes the native path.
  if (value <= 3n || value % 2n === 0n) return (stock?.factorize ?? nativeFactorizeUnavailable)(pq);
  const { p, q } = factorizePq(value);
  return { p: toBigInteger(p), q: toBigInteger(q) };
}

function nativeModExpUnavailable(): never {
  throw new Error('native modExp called before installation');
}

function nativeFactorizeUnavailable(): never {
  throw new Error('native factorize called before installation');
}

/** Installs the native functions into GramJS (once per process) and returns GramJS's originals. */
export function installNativeArithmetic(): StockArithmetic {
  const { helpers, factorizator } = gramModules();
  stock ??= { modExp: helpers.modExp, factorize: factorizator.factorize.bind(factorizator) };
  helpers.modExp = nativeModExp;
  factorizator.factorize = nativeFactorize;
  return stock;
}

/** Whether GramJS currently calls the native functions (a canary for tests and start-up checks). */
export function isNativeArithmeticInstalled(): boolean {
  const { helpers, factorizator } = gramModules();
  return helpers.modExp === nativeModExp && factorizator.factorize === nativeFactorize;
}
