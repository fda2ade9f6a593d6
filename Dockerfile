# Bar Raiser bot image: runs the TypeScript sources with tsx (no build step), applies migrations at start.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx is a runtime dependency; dev tools (vitest, biome, typescript) are not needed in the image.
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY content ./content
USER node
# Migrations run first (and again, harmlessly, at start: they are recorded and locked).
CMD ["sh", "-c", "npm run --silent migrate && exec node --import tsx src/main.ts"]
