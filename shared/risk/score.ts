import type { Participant } from '../model/participant';
import type { Risk, RiskFlag, RiskSettings, RiskSignal } from '../model/risk';
import { neutralizeText } from '../util/text';
import { hasLetters, nameSkeleton } from './normalize';

/** How much each signal counts. Strong signals flag on their own; weak ones only together. */
export const SIGNAL_WEIGHTS: Readonly<Record<RiskSignal, number>> = {
  platformAlert: 4,
  impostor: 4,
  imitatesHost: 4,
  explicitName: 4,
  shareWithoutRole: 3,
  duplicateName: 2,
  randomName: 2,
  symbolName: 2,
  hiddenCharacters: 2,
  joinBurst: 2,
  mediaOnArrival: 2,
  unknownIdentity: 1,
  lateJoin: 1,
  renamed: 1,
};

/**
 * Words that mark an explicit or abusive name, in English and Indonesian, compared by skeleton so
 * spelling tricks ("b0kep", "s3x") do not hide them.
 */
const EXPLICIT_WORDS = [
  'porn',
  'porno',
  'sex',
  'sexy',
  'xxx',
  'nude',
  'nudes',
  'naked',
  'fuck',
  'dick',
  'cock',
  'pussy',
  'boobs',
  'tits',
  'horny',
  'nsfw',
  'onlyfans',
  'camgirl',
  'bokep',
  'ngentot',
  'entot',
  'memek',
  'kontol',
  'toket',
  'bugil',
  'telanjang',
  'sange',
  'lonte',
  'pelacur',
  'jablay',
  'colmek',
  'coli',
  'vcs',
  'mesum',
  'cabul',
].map(nameSkeleton);
const EXPLICIT_LONG = EXPLICIT_WORDS.filter((w) => w.length >= 5);

/** What the scorer knows about the meeting around one participant. */
export interface ScoreContext {
  readonly settings: RiskSettings;
  readonly meetingStartedAt: number | undefined;
  /** A present host, co-host or panelist whose name has the same skeleton, if any. */
  readonly imitatedHost: string | undefined;
  /** An earlier, present participant with the same skeleton, if any. */
  readonly duplicateOf: string | undefined;
  /** How many unknown joiners arrived in the burst this participant was part of (0 if none). */
  readonly burstSize: number;
  /** Microphone and camera were both on the moment they joined. */
  readonly mediaOnArrival: boolean;
}

function explicitName(name: string): boolean {
  if (name.includes('\u{1F51E}') || /\b18\s*\+/.test(name)) return true;
  const tokens = neutralizeText(name)
    .text.split(/[\s_.\-()[\]/\\,;:]+/)
    .map(nameSkeleton)
    .filter(Boolean);
  if (tokens.some((t) => EXPLICIT_WORDS.includes(t))) return true;
  const whole = nameSkeleton(name);
  return EXPLICIT_LONG.some((w) => whole.includes(w));
}

/** Names like "qq_k2j9x" or "zxcvbn": letters and digits mixed, or long runs without vowels. */
export function looksRandom(name: string): boolean {
  const tokens = neutralizeText(name)
    .text.split(/[\s()]+/)
    .filter(Boolean);
  return tokens.some((token) => {
    const letters = token.replace(/[^\p{L}]/gu, '');
    const digits = token.replace(/\D/g, '').length;
    if (letters.length >= 2 && digits >= 2 && /\p{L}.*\d.*\p{L}|\d.*\p{L}.*\d/u.test(token)) return true;
    return /^[a-z]+$/i.test(letters) && letters.length >= 6 && !/[aeiouy]/i.test(letters);
  });
}

/**
 * Scores one participant from explainable signals. Each flag says which signal fired and about
 * what; the level follows the configured thresholds. Hosts and co-hosts are never scored.
 */
export function scoreParticipant(p: Participant, context: ScoreContext): Risk {
  if (p.role === 'host' || p.role === 'cohost') return { score: 0, level: 'none', flags: [] };
  const flags: RiskFlag[] = [];
  const add = (signal: RiskSignal, detail?: string): void => {
    flags.push({ signal, weight: SIGNAL_WEIGHTS[signal], ...(detail ? { detail: detail.slice(0, 300) } : {}) });
  };
  const attendee = p.role === 'attendee' || p.role === 'guest';
  if (p.alerts.length > 0) add('platformAlert', p.alerts.join(', '));
  if (p.match.status === 'impostor') add('impostor', `${p.match.expectedName ?? ''} (${p.match.basis ?? ''})`);
  if (context.imitatedHost !== undefined) add('imitatesHost', context.imitatedHost);
  if (explicitName(p.displayName) || p.renamedFrom.some(explicitName)) add('explicitName');
  if (p.sharing && attendee) add('shareWithoutRole');
  // Someone the list knows by email or user id is the real holder of their name, whoever took it first.
  const identified = p.match.status === 'expected' && (p.match.basis === 'email' || p.match.basis === 'userId');
  if (context.duplicateOf !== undefined && context.imitatedHost === undefined && !identified) add('duplicateName', context.duplicateOf);
  if (looksRandom(p.displayName)) add('randomName');
  if (!hasLetters(neutralizeText(p.displayName).text)) add('symbolName');
  if (neutralizeText(p.displayName).removed > 0) add('hiddenCharacters', String(neutralizeText(p.displayName).removed));
  if (context.burstSize > 0) add('joinBurst', String(context.burstSize));
  if (context.mediaOnArrival && attendee) add('mediaOnArrival');
  const noIdentity = !p.identity.email && !p.identity.userId;
  if (p.match.status === 'unknown' || (p.match.status === 'noList' && noIdentity)) add('unknownIdentity');
  if (context.meetingStartedAt !== undefined && p.joinedAt - context.meetingStartedAt > context.settings.lateAfterMs) add('lateJoin');
  if (p.renamedFrom.length > 0 && attendee) add('renamed', p.renamedFrom.at(-1));
  const score = Math.min(
    100,
    flags.reduce((sum, f) => sum + f.weight, 0),
  );
  const level = score >= context.settings.flagAt ? 'flagged' : score >= context.settings.watchAt ? 'watch' : 'none';
  return { score, level, flags };
}
