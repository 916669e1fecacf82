# syntax=docker/dockerfile:1
# The bot's image: the compiled build (npm run build) on a maintained Node LTS, FerretDB for the embedded
# database (used only when MONGODB_URI is unset), tini as PID 1. See docs/deploy.md.

# FerretDB, built by the same script as on a developer's machine and in CI (same Go as this machine: 1.26).
FROM golang:1.26 AS ferretdb
COPY scripts/build-ferretdb.sh scripts/ferretdb-id-index.patch /build/
RUN bin=$(CSP_CACHE_DIR=/build/cache bash /build/build-ferretdb.sh) && cp "$bin" /usr/local/bin/ferretdb

# The compiled build: the same commands as CI (npm ci, npm run build).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The install applies the dependency patches (patches/README.md).
COPY patches patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.sh scripts/
COPY src src
COPY adapters adapters
COPY app app
RUN npm run build

FROM node:22-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3978 DATA_DIR=/data FERRETDB_BIN=/usr/local/bin/ferretdb
WORKDIR /app
COPY package.json package-lock.json ./
# The install applies the dependency patches (patches/README.md).
COPY patches patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=ferretdb /usr/local/bin/ferretdb /usr/local/bin/ferretdb
COPY --from=build /app/dist dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The flags of app/node-flags (test/unit/deploy-files.unit.test.ts keeps them equal).
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=16", "dist/app/main.js"]
