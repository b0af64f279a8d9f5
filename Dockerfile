# Schild container image, for a PostgreSQL deployment (compose.yaml) or a single SQLite container.
# NOT exercised by the tests on the development machines (no container runtime there): see docs/deployment.md.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 falls back to compiling when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Scripts are skipped here (the sources are not copied yet); the native modules are built explicitly.
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3 esbuild

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY tsconfig.json ./
COPY bin ./bin
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
COPY content ./content
COPY openapi ./openapi
# The build in dist/ (docs/decisions/0008-build-once.md), made once here so containers start without compiling.
RUN node scripts/build.mjs && mkdir -p /data && chown node:node /data
USER node
# V8's old-space limit, as `npm start` sets it (docs/operations.md, "Memory"): without it V8 sizes the heap from the
# machine's memory and lets promoted garbage pile up to hundreds of MB before it collects.
ENV NODE_OPTIONS="--max-old-space-size=384 --max-semi-space-size=8"
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/schild.mjs"]
CMD ["start"]
