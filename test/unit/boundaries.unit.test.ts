import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** The files a file imports by relative path, as paths from the repository root (`./x.js` → `dir/x.ts`). */
const localImportsOf = (file: string) =>
  importsOf(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(root, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'));

const adapterFiles = () => sources(join(root, 'adapters'));

/** Folders of src/ that are not features: the core, what every feature may use, and the port implementations. */
const NOT_FEATURES = ['core', 'i18n', 'shared', 'infrastructure', 'org'];
const featureOf = (path: string) => {
  const [top, folder, file] = path.split('/');
  return top === 'src' && file !== undefined && !NOT_FEATURES.includes(folder) ? folder : undefined;
};

const allFiles = () => [...sources(join(root, 'src')), ...sources(join(root, 'app')), ...adapterFiles()];

/** What an adapter keeps in the database besides its *-store.ts files: its platform records. */
const ADAPTER_RECORDS = ['adapters/teams/references.ts', 'adapters/web/conversation.ts'];
/** The files that may hold mongoose: the features' stores, the port implementations, the adapters' own records. */
const mayUseMongoose = (path: string) =>
  path.startsWith('src/infrastructure/') ||
  (featureOf(path) !== undefined && path.endsWith('/store.ts')) ||
  (path.startsWith('adapters/') && (path.endsWith('-store.ts') || ADAPTER_RECORDS.includes(path)));

/** A model reached through the connection (`connection.models.X`, `connection.model<X>(…)`), or a model's query. */
const MODEL_USE =
  /\.models?\s*[.<([?]|\bModel<|\.lean\s*[<(]|\.(findById|findOne|updateOne|updateMany|replaceOne|deleteOne|deleteMany|countDocuments|estimatedDocumentCount|aggregate|bulkWrite|insertMany)\(/;
const MONGOOSE_TYPE = /\b(Model|Schema|Connection|Query|HydratedDocument|FilterQuery|UpdateQuery)\b/;

/** The exported interfaces and type aliases of a file, each as its text (a declaration ends at a `}` or `;` line at the margin). */
function exportedTypes(source: string): string[] {
  const lines = source.split('\n');
  return lines.flatMap((line, start) => {
    if (!/^export (interface|type) /.test(line)) return [];
    const end = lines.findIndex((next, index) => index >= start && /^(\}|\S.*;$)/.test(next));
    return [lines.slice(start, end + 1).join('\n')];
  });
}

/** Every import cycle among `files`, each as the chain of files that closes it (depth-first search). */
function cyclesAmong(files: string[]): string[] {
  const graph = new Map(files.map((file) => [relative(root, file), localImportsOf(file)]));
  const done = new Set<string>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (path.includes(file)) {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      return;
    }
    if (done.has(file) || !graph.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

describe('architecture boundaries', () => {
  it('keeps the core free of Slack, Teams and adapter imports', () => {
    const offenders = sources(join(root, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^@slack\/|^botbuilder|^botframework|adapters\//.test(spec))
        .map((spec) => `${file.slice(root.length)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the core free of the composition root (nothing under src/ imports app/)', () => {
    const offenders = sources(join(root, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/app/'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets adapters use the core only through its public surface (src/public.ts)', () => {
    const offenders = adapterFiles().flatMap((file) =>
      localImportsOf(file)
        .filter((target) => target.startsWith('src/') && target !== 'src/public.ts')
        .map((target) => `${relative(root, file)} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps each adapter to itself: what adapters share lives in adapters/shared', () => {
    const folderOf = (path: string) => path.split('/')[1];
    const offenders = adapterFiles().flatMap((file) => {
      const own = folderOf(relative(root, file));
      return localImportsOf(file)
        .filter((target) => target.startsWith('adapters/') && ![own, 'shared'].includes(folderOf(target)))
        .map((target) => `${relative(root, file)} imports ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it('has no import cycles under adapters/', () => {
    expect(cyclesAmong(adapterFiles())).toEqual([]);
  });

  it('has no import cycles under src/ and app/', () => {
    expect(cyclesAmong([...sources(join(root, 'src')), ...sources(join(root, 'app'))])).toEqual([]);
  });

  it('keeps features out of the core and the catalogs: app/ assembles them', () => {
    const offenders = sources(join(root, 'src')).flatMap((file) => {
      const path = relative(root, file);
      if (!/^src\/(core|i18n)\//.test(path)) return [];
      return localImportsOf(file)
        .filter((target) => featureOf(target) !== undefined)
        .map((target) => `${path} imports ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it("lets only the stores (src/<feature>/store.ts, the adapters' *-store.ts and platform records) and src/infrastructure import mongoose", () => {
    const offenders = allFiles().flatMap((file) => {
      const path = relative(root, file);
      return importsOf(file)
        .filter((spec) => /^(mongoose|mongodb)(\/|$)/.test(spec) && !mayUseMongoose(path))
        .map((spec) => `${path} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps the mongoose models inside the stores: no other file touches connection.models or calls a model', () => {
    const offenders = allFiles().flatMap((file) => {
      const path = relative(root, file);
      if (mayUseMongoose(path)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (MODEL_USE.test(line) ? [`${path}:${index + 1} ${line.trim()}`] : []));
    });
    expect(offenders).toEqual([]);
  });

  it("shows no handler a mongoose type: the features' stores export plain records and methods", () => {
    const offenders = sources(join(root, 'src')).flatMap((file) => {
      const path = relative(root, file);
      if (featureOf(path) === undefined || !path.endsWith('/store.ts')) return [];
      return exportedTypes(readFileSync(file, 'utf8'))
        .filter((declaration) => MONGOOSE_TYPE.test(declaration))
        .map((declaration) => `${path} exports ${declaration.split('\n')[0]}`);
    });
    expect(offenders).toEqual([]);
  });

  it("keeps each feature's store to the feature: another feature goes through its api, app/ builds the stores", () => {
    const offenders = sources(join(root, 'src')).flatMap((file) => {
      const path = relative(root, file);
      return localImportsOf(file)
        .filter((target) => target.endsWith('/store.ts') && featureOf(target) !== undefined && featureOf(target) !== featureOf(path))
        .map((target) => `${path} imports ${target}`);
    });
    expect(offenders).toEqual([]);
  });
});
