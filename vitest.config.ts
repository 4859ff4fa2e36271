import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'host', include: ['electron/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: { name: 'renderer', include: ['renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
    ],
  },
});
