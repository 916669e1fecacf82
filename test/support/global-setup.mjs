// jest loads global setup outside its transform pipeline; tsx lets it reuse the TypeScript launcher.
import { register } from 'tsx/esm/api';

export default async function globalSetup() {
  const api = register({ namespace: 'csp-global-setup' });
  try {
    const { default: start } = await api.import('./start-test-database.ts', import.meta.url);
    await start();
  } finally {
    await api.unregister();
  }
}
