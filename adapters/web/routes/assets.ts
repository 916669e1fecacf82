import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

const require = createRequire(import.meta.url);
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** Scripts and styles, all served from this process: the pages load nothing from the internet. */
export function assetRoutes(): Router {
  const router = Router();
  const options = { maxAge: '1h', dotfiles: 'deny' } as const;
  router.get('/assets/adaptivecards.min.js', (_req, res, next) => {
    res.sendFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'), options, (error) => error && next(error));
  });
  for (const file of ['playground.js', 'pages.js', 'playground.css']) {
    router.get(`/assets/${file}`, (_req, res, next) => {
      res.sendFile(file, { ...options, root: publicDir }, (error) => error && next(error));
    });
  }
  return router;
}
