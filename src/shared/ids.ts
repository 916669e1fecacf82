import { randomBytes } from 'node:crypto';

/** A random document id with a readable prefix, e.g. `inv_3f9a…`. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(8).toString('hex')}`;
