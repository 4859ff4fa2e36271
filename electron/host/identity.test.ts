import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LogEntry } from '../../shared/incident/entry';
import { dispatch } from './dispatch';
import { ModeratorIdentityStore } from './identity';
import { MemorySettingsStore } from './settings/settingsStore';
import { advance, createTestHost } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const osActor = { moderator: 'rina', machine: 'laptop-1' };

describe('the moderator identity', () => {
  it('uses the OS user name until a name is saved, then the saved name; a command-line name wins for its run', async () => {
    const settings = new MemorySettingsStore();
    const fresh = new ModeratorIdentityStore(settings, { actor: osActor });
    await fresh.load();
    expect(fresh.view()).toEqual({ moderator: 'rina', machine: 'laptop-1', source: 'default', defaultName: 'rina' });

    await fresh.save('Rina Wulandari');
    const later = new ModeratorIdentityStore(settings, { actor: osActor });
    await later.load();
    expect(later.view()).toMatchObject({ moderator: 'Rina Wulandari', source: 'settings' });

    const flagged = new ModeratorIdentityStore(settings, { actor: osActor, commandLine: 'Budi Santoso' });
    await flagged.load();
    expect(flagged.actor).toEqual({ moderator: 'Budi Santoso', machine: 'laptop-1' });
    expect(flagged.view().source).toBe('commandLine');
  });

  it('cleans names and refuses one that is empty once invisible characters are removed', () => {
    const settings = new MemorySettingsStore();
    expect(new ModeratorIdentityStore(settings, { actor: osActor, commandLine: ' Rina\u202E  W\u200B ' }).actor.moderator).toBe('Rina W');
    expect(() => new ModeratorIdentityStore(settings, { actor: osActor, commandLine: '\u200B\u2066' })).toThrow(/--moderator/);
  });

  it('records a change of moderator mid-session, puts the new name on every later entry and in the report', async () => {
    const t = createTestHost();
    cleanup = t.cleanup;
    expect(await t.host.commands.getIdentity({})).toMatchObject({ moderator: 'test moderator', source: 'default' });
    const info = await t.host.commands.attach({
      providerId: 'rehearsal',
      meetingId: 'intrusion',
      options: { seed: 4, startAt: 'beforeIntrusion', latencyMs: 50, jitterMs: 0 },
    });
    await t.host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(t.scheduler, 200);

    const refused = await dispatch(t.host, 'saveIdentity', { moderator: '\u200B' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    const saved = await t.host.commands.saveIdentity({ moderator: 'Dewi Lestari' });
    expect(saved).toMatchObject({ moderator: 'Dewi Lestari', machine: 'test machine', source: 'settings' });
    // Saving the same name again records nothing new.
    await t.host.commands.saveIdentity({ moderator: 'Dewi Lestari' });
    await t.host.commands.runAction({ id: 'unlock-1', kind: 'unlock' });
    await advance(t.scheduler, 200);
    await t.host.commands.detach({});

    const entries = readFileSync(info.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => LogEntry.parse(JSON.parse(line)));
    const changes = entries.filter((e) => e.kind === 'moderator.changed');
    expect(changes).toHaveLength(1);
    const change = changes[0]!;
    expect(change).toMatchObject({ actor: { moderator: 'Dewi Lestari' }, data: { previous: { moderator: 'test moderator' } } });
    for (const entry of entries) {
      expect(entry.actor.moderator).toBe(entry.seq < change.seq ? 'test moderator' : 'Dewi Lestari');
    }
    const requested = (id: string) => entries.find((e) => e.kind === 'action.requested' && e.data.action.id === id)?.actor.moderator;
    expect(requested('lock-1')).toBe('test moderator');
    expect(requested('unlock-1')).toBe('Dewi Lestari');

    const md = await t.host.commands.exportLog({ sessionId: info.sessionId, format: 'markdown', language: 'en', redact: false });
    expect(md.content).toContain('The moderator name changed from test moderator to Dewi Lestari');
    // The actions section names who asked for each (Markdown escapes punctuation).
    expect(md.content).toMatch(/- \*\*[^*]+\*\* lock the meeting — done[^\n]*requested by test moderator\\\./);
    expect(md.content).toMatch(/- \*\*[^*]+\*\* unlock the meeting — done[^\n]*requested by Dewi Lestari\\\./);
    expect(md.content).toContain('Recorded by:** test moderator, Dewi Lestari');
    const redacted = await t.host.commands.exportLog({ sessionId: info.sessionId, format: 'markdown', language: 'id', redact: true });
    expect(redacted.content).not.toContain('Dewi');
    expect(redacted.content).not.toContain('test moderator');
    expect(redacted.content).toContain('Nama moderator berganti');
  });
});
