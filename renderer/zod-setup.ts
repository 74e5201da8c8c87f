import { z } from 'zod';

// The renderer's CSP has no 'unsafe-eval': keep zod from probing `new Function` (the probe is
// caught, but Chromium still reports a CSP violation). Must run before any schema parses.
z.config({ jitless: true });
