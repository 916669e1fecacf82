import type { Connection, Model, Schema } from 'mongoose';

/**
 * The connection's model `name`, registered with `schema` on `collection` the first time: every store is built
 * once per core, but tests build several cores on one connection, and mongoose refuses a second registration.
 */
export function modelOf<T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, collection);
}
