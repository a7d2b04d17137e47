import { defineConfig } from 'vite';

/** The console is served by the app under /console (src/console/serve-console.ts); `npm run build:console` builds it here. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  // JSX with React's automatic runtime, compiled by Vite's own transformer (no React plugin needed: no HMR in this build).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000,
    // react-router marks its modules "use client" (for React Server Components); meaningless in this client-only bundle.
    rolldownOptions: {
      onwarn: (w, warn) => (w.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(w)),
      // Plugin timings depend on how busy the build machine is: noise, not a warning.
      checks: { pluginTimings: false },
    },
  },
});
