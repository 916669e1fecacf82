import type { WiredServices } from '../../src/core/create-core.js';
import { createApplications as applicationsOver } from '../../src/enrollment/applications.js';
import { createEnrollmentStore } from '../../src/enrollment/store.js';
import type { CrashPoint } from '../../src/enrollment/transitions.js';

/** The enrollment's use cases over a core's database, as app/features.ts builds them; `crashAfter` stops a transition where a kill would. */
export const createApplications = (services: WiredServices, faults?: { crashAfter?: CrashPoint }) =>
  applicationsOver(services, createEnrollmentStore(services.connection), faults);
