import { describe, expect, it } from 'vitest';
import { type Command, parseValues, resolveSubcommand, tokenize, usage } from '../../src/core/command';
import { UserError } from '../../src/core/errors';
import { reply } from '../../src/core/message';

const noop = async () => reply([]);
const cmd: Command = {
  name: 'demo',
  description: 'demo',
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: 'show',
      options: [{ name: 'week', type: 'integer', min: 1, max: 24, description: 'w' }],
      run: noop,
    },
    {
      name: 'say',
      description: 'say',
      options: [
        { name: 'level', type: 'string', choices: ['L6', 'L7'], required: true, description: 'l' },
        { name: 'words', type: 'string', rest: true, description: 'w' },
      ],
      run: noop,
    },
  ],
};

describe('command parsing', () => {
  it('tokenizes, keeping quoted phrases', () => {
    expect(tokenize(`say L7 "two words" 'x y' z`)).toEqual(['say', 'L7', 'two words', 'x y', 'z']);
    expect(tokenize('   ')).toEqual([]);
  });

  it('resolves named and default subcommands', () => {
    expect(resolveSubcommand(cmd, ['say', 'L6']).sub.name).toBe('say');
    expect(resolveSubcommand(cmd, []).sub.name).toBe('show');
    expect(resolveSubcommand(cmd, ['12'])).toMatchObject({ sub: { name: 'show' }, rest: ['12'] });
  });

  it('validates and normalizes values', () => {
    const say = cmd.subcommands[1] as Command['subcommands'][number];
    expect(parseValues(cmd, say, ['l7', 'hello', 'there'])).toEqual({ level: 'L7', words: 'hello there' });
    expect(() => parseValues(cmd, say, [])).toThrow(new UserError('Missing level. Usage: `/demo say <L6|L7> [words]`'));
    expect(() => parseValues(cmd, say, ['L8'])).toThrow(/level must be one of L6, L7 \(got "L8"\)/);
    const show = cmd.subcommands[0] as Command['subcommands'][number];
    expect(parseValues(cmd, show, ['+3'])).toEqual({ week: 3 });
    expect(() => parseValues(cmd, show, ['0'])).toThrow(/week must be from 1 to 24 \(got 0\)/);
    expect(() => parseValues(cmd, show, ['1', '2'])).toThrow(/Unexpected "2"/);
  });

  it('writes usage lines without the default subcommand name', () => {
    expect(usage(cmd, cmd.subcommands[0] as Command['subcommands'][number])).toBe('/demo [week 1-24]');
    expect(usage(cmd, cmd.subcommands[1] as Command['subcommands'][number])).toBe('/demo say <L6|L7> [words]');
  });
});
