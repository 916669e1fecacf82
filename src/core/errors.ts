/**
 * The one error base: a stable code (`INVITATION.EXPIRED`) that logs carry and that the catalogs
 * translate for users (catalog key `error.<CODE>`).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? code, options);
    this.name = 'AppError';
  }
}
