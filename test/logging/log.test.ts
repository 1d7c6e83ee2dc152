import { describe, expect, it } from 'vitest';
import { childLogger, createConsoleLogger, describeUrlForLog } from '../../main/logging/log.ts';

describe('createConsoleLogger', () => {
  it('drops levels below the minimum and sends warnings and errors to stderr', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = createConsoleLogger('info', {
      log: (line) => out.push(line),
      error: (line) => err.push(line),
    });
    log('debug', 'hidden');
    log('info', 'shown');
    log('warn', 'careful');
    log('error', 'broken');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z INFO {2}shown$/);
    expect(err.map((line) => line.split(' ').slice(1).join(' '))).toEqual(['WARN  careful', 'ERROR broken']);
  });
});

describe('describeUrlForLog', () => {
  it('keeps the scheme and host only, never the path, query or credentials', () => {
    expect(describeUrlForLog('tg://login?token=AQID')).toBe('tg://login');
    expect(describeUrlForLog('https://t.me/+secretInvite')).toBe('https://t.me');
    expect(describeUrlForLog('https://user:pass@evil.com/x?y=1')).toBe('https://evil.com');
    expect(describeUrlForLog('javascript:alert(document.cookie)')).toBe('javascript:');
    expect(describeUrlForLog('not a url')).toBe('<invalid url>');
  });
});

describe('childLogger', () => {
  it('prefixes each line with the part of main that wrote it, at the same level, into the parent', () => {
    const lines: string[] = [];
    const parent = (level: string, message: string): void => {
      lines.push(`${level} ${message}`);
    };
    const updater = childLogger(childLogger(parent, 'app'), 'updater');
    updater('warn', 'no release found');
    updater('debug', 'checking');
    expect(lines).toEqual(['warn app: updater: no release found', 'debug app: updater: checking']);
  });
});
