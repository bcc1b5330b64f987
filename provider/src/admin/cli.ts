// `npm run kms -- <group> <command> [options]`: the one administration CLI. Each command
// declares its own options and help; this file only dispatches.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from '../../../platform/config.ts';
import { commands, type Command } from './commands.ts';

function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`);
  return `Usage: npm run kms -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its options.`;
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(
    ([name, spec]) => `  --${name}${spec.type === 'string' ? ' <value>' : ''}`.padEnd(38) + (spec.description ?? ''),
  );
  return `Usage: npm run kms -- ${command.name}${command.usage ? ` ${command.usage}` : ''}\n\n${command.summary}\n${
    options.length ? `\nOptions:\n${options.join('\n')}\n` : ''
  }${command.details ? `\n${command.details}\n` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const command =
    commands.find((c) => c.name === words.slice(0, 2).join(' ')) ?? commands.find((c) => c.name === words[0]);
  if (!command) {
    const asked = words.slice(0, 2).join(' ');
    if (asked && !argv.includes('--help')) process.stderr.write(`Unknown command: ${asked}\n\n`);
    process.stdout.write(`${usage()}\n`);
    return asked && !argv.includes('--help') ? 2 : 0;
  }
  const rest = argv.slice(argv.indexOf(words[command.name.split(' ').length - 1]!) + 1);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: (command.options ?? {}) as ParseArgsConfig['options'],
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  const config = loadConfig();
  return command.run({
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
    config,
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`kms: ${message}\n`);
    process.exit(1);
  },
);
