import type { ProviderSettingsView, SettingsField } from '../../../shared/contract/providerSettings';
import { HostdeckError } from '../../../shared/contract/reply';
import type { Provider, ProviderServices } from '../provider';

/** Vault key of a provider's secret field. */
export function secretKey(providerId: string, field: string): string {
  return `${providerId}:${field}`;
}

/** The settings screen's view: plain values, and which secret fields have a stored value. */
export async function readSettingsView(provider: Provider, services: ProviderServices): Promise<ProviderSettingsView> {
  const stored = await services.settings.get(provider.id);
  const values: Record<string, string> = {};
  const secretsStored: string[] = [];
  for (const field of provider.settingsFields) {
    if (field.kind === 'secret') {
      if ((await services.vault.get(secretKey(provider.id, field.key))) !== undefined) secretsStored.push(field.key);
    } else if (stored[field.key] !== undefined) {
      values[field.key] = stored[field.key] as string;
    }
  }
  return { fields: [...provider.settingsFields], values, secretsStored, status: await provider.status() };
}

function validate(field: SettingsField, value: string): string | undefined {
  const label = field.label.en;
  if (field.required && value.trim() === '') return `${label} is required.`;
  if (value === '') return undefined;
  if (field.kind === 'url') {
    try {
      const url = new URL(value);
      if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return `${label} must be an http(s) or ws(s) address.`;
    } catch {
      return `${label} is not a valid address.`;
    }
  }
  if (field.kind === 'number' && !/^\d+(\.\d+)?$/.test(value)) return `${label} must be a number.`;
  if (field.kind === 'boolean' && value !== 'true' && value !== 'false') return `${label} must be true or false.`;
  if (field.kind === 'select' && !field.options?.some((o) => o.value === value)) return `${label} must be one of the offered choices.`;
  return undefined;
}

/**
 * Validates and stores a settings form: plain values in the settings store, secret values in the
 * vault. An empty secret keeps the stored one (the screen never receives it back to resend);
 * unknown keys are refused. Nothing is stored unless every field is valid.
 */
export async function writeSettings(
  provider: Provider,
  services: ProviderServices,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const fields = new Map(provider.settingsFields.map((f) => [f.key, f]));
  const unknown = Object.keys(values).filter((k) => !fields.has(k));
  if (unknown.length > 0) throw new HostdeckError('invalidInput', `Unknown settings: ${unknown.join(', ')}.`);
  const problems: string[] = [];
  const plain: Record<string, string> = {};
  const secrets: [string, string][] = [];
  for (const field of provider.settingsFields) {
    const value = values[field.key] ?? '';
    if (field.kind === 'secret') {
      const has = (await services.vault.get(secretKey(provider.id, field.key))) !== undefined;
      if (value === '' && field.required && !has) problems.push(`${field.label.en} is required.`);
      if (value !== '') secrets.push([field.key, value]);
      continue;
    }
    const problem = validate(field, value);
    if (problem) problems.push(problem);
    else plain[field.key] = value.trim();
  }
  if (problems.length > 0) throw new HostdeckError('invalidInput', problems.join(' '));
  await services.settings.set(provider.id, plain);
  for (const [key, value] of secrets) await services.vault.set(secretKey(provider.id, key), value);
}
