const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[a-z]{2,}$/i;

/** A lower-cased email address, or undefined when the text is not one. */
export function normalizeEmail(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim().toLowerCase();
  return EMAIL.test(trimmed) ? trimmed : undefined;
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
