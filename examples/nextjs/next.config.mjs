// The whole configuration fleetgate needs in a Next.js app: the two packages load their own native / WebAssembly
// files at run time, so Node-runtime code requires them from node_modules instead of bundling them. Edge routes
// and client components still bundle fleetgate-wasm (its `edge-light` and `browser` entries), no config needed.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['fleetgate', 'fleetgate-wasm'],
  // This example lives inside the fleetgate repository, which has its own package-lock.json: pin the app's root.
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
};

export default nextConfig;
