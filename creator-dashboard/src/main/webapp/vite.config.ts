import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in the jar's META-INF/resources (see pom.xml: --outDir); `npm run dev` proxies the
// suite's origin so the app can be worked on against ./run-local.sh.
export default defineConfig({
  plugins: [react()],
  build: {
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // No inline module-preload polyfill or data: scripts: the page's CSP allows script files of this origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/dev': 'http://localhost:8080',
      '/overlay': 'http://localhost:8080',
      '/dashboard-config.json': 'http://localhost:8080',
      '/streaming': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
