import { z } from 'zod';

// The page runs under a CSP without 'unsafe-eval' (as the Electron window will): tell zod not
// to probe for or use its `new Function` fast path, which a strict CSP reports as a violation.
z.config({ jitless: true });
