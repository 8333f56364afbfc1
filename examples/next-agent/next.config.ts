import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The example runs beside a local emulator; nothing here should reach out to the network.
  poweredByHeader: false,
  reactStrictMode: true,
  // example-support ships TypeScript and CSS source, not a build: Next compiles it with the app.
  transpilePackages: ['example-support'],
};

export default nextConfig;
