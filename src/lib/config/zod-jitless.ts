import { z } from 'zod';

// Zod 4 probes for eval support with `Function('')` when a z.object is built; under our CSP
// (script-src 'self', no 'unsafe-eval') the probe is caught but still reports a CSP violation.
// Jitless parsing needs no eval. This module must be imported before any schema is defined.
z.config({ jitless: true });
