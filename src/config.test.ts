import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_CONFIG,
  parseLatency,
  parseServeArgs,
  type Config,
} from './config.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}): Config => {
  const config = parseServeArgs(argv, env);
  if (config === 'help') throw new Error('unexpected help');
  return config;
};

describe('parseServeArgs', () => {
  it('gives the defaults without flags or environment', () => {
    expect(parse([])).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({ port: 3000, host: '127.0.0.1', auth: 'on' });
  });

  it('reads every flag', () => {
    const config = parse([
      '--port=0',
      '--host',
      '::1',
      '--db',
      ':memory:',
      '--fixture',
      'demo',
      '--reset',
      '--auth',
      'none',
      '--no-verify-targets',
      '--strict-targets',
      '--standard-webhooks',
      '--time-scale',
      '0.01',
      '--latency',
      '50-200',
      '--max-body',
      '2048',
      '--queue-size',
      '10',
      '--concurrency',
      '2',
      '--delivery-timeout',
      '500',
    ]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      port: 0,
      host: '::1',
      db: ':memory:',
      fixture: 'demo',
      reset: true,
      auth: 'none',
      verifyTargets: false,
      strictTargets: true,
      standardWebhooks: true,
      timeScale: 0.01,
      latency: { min: 50, max: 200 },
      limits: {
        ...DEFAULT_CONFIG.limits,
        maxBodyBytes: 2048,
        queueSize: 10,
        concurrency: 2,
        attemptTimeoutMs: 500,
      },
    });
  });

  it('reads SO_WEBHOOK_MOCK_* variables, flags winning over them', () => {
    const env = {
      SO_WEBHOOK_MOCK_PORT: '4000',
      SO_WEBHOOK_MOCK_HOST: '0.0.0.0',
      SO_WEBHOOK_MOCK_MAX_BODY: '100',
      SO_WEBHOOK_MOCK_STRICT_TARGETS: 'true',
      SO_WEBHOOK_MOCK_TIME_SCALE: '',
    };
    const config = parse(['--port', '5000'], env);
    expect(config).toMatchObject({
      port: 5000,
      host: '0.0.0.0',
      strictTargets: true,
      timeScale: 1,
    });
    expect(config.limits.maxBodyBytes).toBe(100);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['OFF', false],
    ['true', true],
    ['1', true],
  ])('reads the boolean variable value %s as %s', (value, expected) => {
    expect(parse([], { SO_WEBHOOK_MOCK_VERIFY_TARGETS: value }).verifyTargets).toBe(expected);
    expect(parse([], { SO_WEBHOOK_MOCK_RESET: value }).reset).toBe(expected);
  });

  it('lets --verify-targets win over the variable', () => {
    const env = { SO_WEBHOOK_MOCK_VERIFY_TARGETS: 'false' };
    expect(parse(['--verify-targets'], env).verifyTargets).toBe(true);
  });

  it('answers help for -h and --help', () => {
    expect(parseServeArgs(['-h'])).toBe('help');
    expect(parseServeArgs(['--port', '1', '--help'])).toBe('help');
  });

  it.each([
    [['--port', 'abc'], '--port must be a number >= 0, got "abc"'],
    [['--port=-1'], '--port must be a number >= 0, got "-1"'],
    [['--port='], '--port must be a number >= 0, got ""'],
    [['--port', '3.5'], '--port must be an integer, got "3.5"'],
    [['--port', '65536'], '--port must be at most 65535, got "65536"'],
    [['--max-body', '0'], '--max-body must be a number >= 1, got "0"'],
    [['--queue-size', '1.5'], '--queue-size must be an integer, got "1.5"'],
    [['--concurrency', 'two'], /--concurrency must be/],
    [['--time-scale=-1'], /--time-scale must be/],
    [['--auth', 'maybe'], '--auth must be "on" or "none"'],
    [['--latency', 'soon'], /--latency must be <ms> or <min>-<max>/],
    [['--latency', '200-50'], '--latency 200-50: max is below min'],
    [['--nope'], /nope/],
    [['serve'], /serve/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(ConfigError);
    expect(() => parseServeArgs(argv)).toThrow(message);
  });

  it('names the variable, not the flag, when the bad value came from the environment', () => {
    expect(() => parseServeArgs([], { SO_WEBHOOK_MOCK_PORT: 'x' })).toThrow(
      'SO_WEBHOOK_MOCK_PORT must be a number >= 0, got "x"',
    );
    expect(() => parseServeArgs([], { SO_WEBHOOK_MOCK_MAX_BODY: '0' })).toThrow(
      'SO_WEBHOOK_MOCK_MAX_BODY must be a number >= 1, got "0"',
    );
    expect(() => parseServeArgs(['--port', 'y'], { SO_WEBHOOK_MOCK_PORT: '1' })).toThrow(
      '--port must be a number >= 0, got "y"',
    );
  });

  it.each([
    ['SO_WEBHOOK_MOCK_LATENCY', 'soon', '--latency'],
    ['SO_WEBHOOK_MOCK_CORS', 'localhost:5173', '--cors'],
    ['SO_WEBHOOK_MOCK_AUTH', 'off', '--auth'],
    ['SO_WEBHOOK_MOCK_PUBLIC_URL', 'ftp://mock', '--public-url'],
    ['SO_WEBHOOK_MOCK_ALLOWED_HOSTS', 'a b', '--allowed-hosts'],
    ['SO_WEBHOOK_MOCK_ADMIN_TOKEN', 'short', '--admin-token'],
  ])('names %s, not the flag, for a bad value from the environment', (variable, value, flag) => {
    const refusal = (argv: string[], env: NodeJS.ProcessEnv) => {
      try {
        parseServeArgs(argv, env);
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      return 'accepted';
    };
    const fromEnv = refusal([], { [variable]: value });
    expect(fromEnv.startsWith(variable)).toBe(true);
    expect(fromEnv).not.toContain(flag);
    expect(refusal([flag, value], {}).startsWith(flag)).toBe(true);
  });

  it.each([
    ['off', 'off'],
    ['http://localhost:5173,https://app.test', ['http://localhost:5173', 'https://app.test']],
  ])('takes --cors %s', (value, policy) => {
    expect(parse(['--cors', value]).cors).toEqual(policy);
    expect(parse([], { SO_WEBHOOK_MOCK_CORS: value }).cors).toEqual(policy);
  });

  it("serves CORS to the developer's own pages by default and refuses a malformed origin", () => {
    expect(parse([]).cors).toBe('loopback');
    expect(parse(['--cors', '*']).cors).toBe('any');
    expect(() => parseServeArgs(['--cors', 'localhost:5173'])).toThrow(/--cors must be/);
  });

  it('refuses a bad value from the environment as well', () => {
    expect(() => parseServeArgs([], { SO_WEBHOOK_MOCK_PORT: 'x' })).toThrow(ConfigError);
    expect(() => parseServeArgs([], { SO_WEBHOOK_MOCK_AUTH: 'off' })).toThrow(ConfigError);
  });

  it('keeps fractional time scales', () => {
    expect(parse(['--time-scale', '0.001']).timeScale).toBe(0.001);
  });
});

describe('parseLatency', () => {
  it.each([
    ['100', { min: 100, max: 100 }],
    ['0-5', { min: 0, max: 5 }],
    [' 10-10 ', { min: 10, max: 10 }],
  ])('reads %j', (value, expected) => {
    expect(parseLatency(value)).toEqual(expected);
  });

  it.each(['', '-5', '1.5', '5-', 'a-b'])('refuses %j', (value) => {
    expect(() => parseLatency(value)).toThrow(ConfigError);
  });
});
