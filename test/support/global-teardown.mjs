export default async function globalTeardown() {
  await globalThis.__testFerretDB?.stop();
}
