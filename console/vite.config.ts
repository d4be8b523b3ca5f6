import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Small and fast: React without a UI kit, one CSS file, hashed assets under /assets.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
});
