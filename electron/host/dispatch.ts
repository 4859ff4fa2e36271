import { commands, type CommandName } from '../../shared/contract/commands';
import { describeIssues, HostdeckError, type Reply } from '../../shared/contract/reply';
import type { Host } from './host';

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

/**
 * The one gate every shell sends commands through: the name must be in the contract, the input
 * must parse against its schema, and whatever happens the caller gets a Reply, never a throw.
 * Rejections are recorded in the incident log; the host keeps running.
 */
export async function dispatch(host: Host, name: string, rawInput: unknown): Promise<Reply> {
  if (!isCommandName(name)) {
    host.reportRejected(String(name).slice(0, 64), 'unknown command');
    return { ok: false, error: { code: 'unknownCommand', message: `Unknown command "${String(name).slice(0, 64)}".` } };
  }
  const spec = commands[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    host.reportRejected(name, issues);
    return { ok: false, error: { code: 'invalidInput', message: `Invalid input for ${name}: ${issues}` } };
  }
  try {
    const handler = host.commands[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof HostdeckError) return { ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    host.reportError(`the "${name}" command`, error);
    return { ok: false, error: { code: 'internal', message: `Hostdeck could not complete "${name}": ${message}` } };
  }
}
