import type { AuditEntry } from '../core/ports.js';

/** A string field of an audit entry's details (the flows document theirs in their states.ts headers). */
export function detail(entry: AuditEntry, name: string): string | undefined {
  const value = entry.details?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Only the defined values, so a missing detail leaves its `{placeholder}` visible instead of "undefined". */
export function defined(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((pair): pair is [string, string] => pair[1] !== undefined));
}
