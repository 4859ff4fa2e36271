import { formatDuration, timePoint } from './format';
import { momentOf, type LogFacts } from './facts';
import { actionPhrase, cleanText, type DescribeContext } from './phrases';
import type { ActionCounts, ActionItem, ActionStatus } from './reportTypes';
import { text } from './strings';

/**
 * Every action the log records, as the moderator asked for them: top-level requests in order, each
 * plan's steps beneath it, with outcome, attempts and latency. An action with no outcome in the
 * log stays visibly "no outcome recorded": it is never dropped.
 */
export function buildActions(facts: LogFacts, ctx: DescribeContext): ActionItem[] {
  const { language, redactor } = ctx;
  const items = new Map<string, ActionItem>();
  const roots: ActionItem[] = [];
  for (const [actionId, request] of facts.requests) {
    const requested = facts.actions.get(actionId);
    if (!requested) continue;
    const settled = facts.outcomes.get(actionId);
    const outcome = settled?.outcome;
    const status: ActionStatus = outcome?.status === 'confirmed' ? 'confirmed' : outcome?.status === 'failed' ? 'failed' : 'pending';
    const item: ActionItem = {
      actionId,
      label: actionPhrase(requested, ctx),
      requestedBy: cleanText(redactor.moderator(request.actor.moderator)),
      requestedAt: timePoint(Date.parse(request.ts), request.tz, language),
      status,
      statusText: text(language, `status.${status}`),
      attempts: Math.max(outcome?.attempts ?? 0, facts.attempts.get(actionId) ?? 0),
      retryable: outcome?.retryable ?? false,
      children: [],
    };
    if (settled) {
      const at = momentOf(settled.entry, outcome?.settledAt ?? Date.parse(settled.entry.ts));
      item.settledAt = timePoint(at.ms, at.tz, language);
    }
    if (outcome?.latencyMs !== undefined) {
      item.latencyMs = outcome.latencyMs;
      item.latency = formatDuration(outcome.latencyMs, language);
    }
    if (outcome?.reason !== undefined) item.reason = cleanText(redactor.text(outcome.reason));
    items.set(actionId, item);
    const parent = requested.parentId !== undefined ? items.get(requested.parentId) : undefined;
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

/** Counts every action, plan steps included. */
export function countActions(items: readonly ActionItem[]): ActionCounts {
  const counts: ActionCounts = { total: 0, confirmed: 0, failed: 0, pending: 0 };
  const visit = (list: readonly ActionItem[]) => {
    for (const item of list) {
      counts.total++;
      counts[item.status]++;
      visit(item.children);
    }
  };
  visit(items);
  return counts;
}

/** Every action, plan steps included, in request order. */
export function flattenActions(items: readonly ActionItem[]): ActionItem[] {
  return items.flatMap((item) => [item, ...flattenActions(item.children)]);
}
