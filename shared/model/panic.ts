import { z } from 'zod';

/** Which steps the Contain plan takes at this event. Every step is on unless the organisers decide otherwise. */
export const ContainSteps = z
  .object({
    lock: z.boolean().default(true),
    waitingRoom: z.boolean().default(true),
    muteAll: z.boolean().default(true),
    stopAllVideo: z.boolean().default(true),
    stopAllShares: z.boolean().default(true),
    disableChat: z.boolean().default(true),
    /** Eject everyone flagged when Contain runs. */
    ejectFlagged: z.boolean().default(true),
    /** Eject the participants ticked in the roster when Contain runs. */
    ejectSelected: z.boolean().default(true),
  })
  .strict();
export type ContainSteps = z.infer<typeof ContainSteps>;

/** Keys that trigger the panic controls, as Electron accelerators (`CommandOrControl+Alt+Shift+C`). */
export const ShortcutBindings = z
  .object({
    contain: z.string().max(60).default('CommandOrControl+Alt+Shift+C'),
    toggleLock: z.string().max(60).default('CommandOrControl+Alt+Shift+L'),
    apology: z.string().max(60).default('CommandOrControl+Alt+Shift+A'),
    endForAll: z.string().max(60).default('CommandOrControl+Alt+Shift+E'),
    quickNote: z.string().max(60).default('CommandOrControl+Alt+Shift+N'),
  })
  .strict();
export type ShortcutBindings = z.infer<typeof ShortcutBindings>;
export type ShortcutCommand = keyof ShortcutBindings;
export const SHORTCUT_COMMANDS = Object.keys(ShortcutBindings.shape) as ShortcutCommand[];

/** The event's panic set-up: what Contain does, what the closing says, which keys do what. */
export const PanicSettings = z
  .object({
    contain: ContainSteps.default(ContainSteps.parse({})),
    /** Posted to everyone just before End for all, when the platform can post (empty: nothing). */
    closingMessage: z.string().max(2000).default(''),
    /** Used in scripts as {event} and {organizer}. */
    eventName: z.string().max(200).default(''),
    organizer: z.string().max(200).default(''),
    /** The script the apology shortcut starts. */
    apologyScriptId: z.string().max(100).default('builtin-close-en'),
    shortcuts: ShortcutBindings.default(ShortcutBindings.parse({})),
    /** Play a sound with the notification when a shortcut acts while the console is not in front. */
    shortcutSound: z.boolean().default(true),
  })
  .strict();
export type PanicSettings = z.infer<typeof PanicSettings>;
export const DEFAULT_PANIC_SETTINGS: PanicSettings = PanicSettings.parse({});
