import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The example runs beside a local emulator; nothing here should reach out to the network.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
