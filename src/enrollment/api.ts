// What other features may use of the enrollment (the operator's review): the applications' use cases
// (built once by app/ over the enrollment's store) and how an application reads. Never its store.
export type { Applicant, Application, Applications } from './application.js';
export { answerFields } from './render.js';
export { describeState } from './status.js';
