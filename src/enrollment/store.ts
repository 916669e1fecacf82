import { Schema, type Connection, type Model } from 'mongoose';
import { modelOf } from '../infrastructure/model-of.js';
import { insertOnce } from '../infrastructure/claims.js';
import type { Contact } from '../org/organizations.js';
import type { Application } from './application.js';
import type { ApplicationState } from './states.js';
import type { Transition } from './transitions.js';

/**
 * The enrollment's collections: applications, their transitions (each one's claim, transitions.ts) and
 * every verification link sent. The one file of the feature that touches mongoose.
 */
export interface EnrollmentStore {
  application(id: string): Promise<Application | undefined>;
  /** The actor's most recent application, as stored. */
  latestOf(actorKey: string): Promise<Application | undefined>;
  /** Applications in the given states, oldest first. */
  inStatus(statuses: ApplicationState['status'][]): Promise<Application[]>;
  /** How many applications are in one state (for /metrics). */
  countInStatus(status: ApplicationState['status']): Promise<number>;
  exists(id: string): Promise<boolean>;
  /**
   * Writes `next` only over its previous revision, so a late repeat never rolls a newer state back. The first
   * revision is inserted (upsert); a repeat of it meets the existing document (duplicate key) and changes nothing.
   */
  write(next: Application): Promise<void>;
  /** Claims the transition by inserting it; false when another caller holds that revision already. */
  claimTransition(transition: Transition): Promise<boolean>;
  /** Transitions claimed but not finished (their process died, or is still at work), oldest first. */
  unfinished(filter: { applicationId: string } | { applicantKey: string }): Promise<Transition[]>;
  /** Marks the transition finished and forgets the verification token. */
  markDone(id: string): Promise<void>;
  /** Remembers a verification link by its token's hash (so a superseded or used one answers 410); harmless when repeated. */
  rememberLink(link: VerificationLink): Promise<void>;
  link(tokenHash: string): Promise<VerificationLink | undefined>;
  /** Takes a tenant or PartnerID for an application (an insert under the unique `_id`); false when it is held already. */
  holdIdentifier(hold: IdentifierHold): Promise<boolean>;
  identifierHold(key: string): Promise<IdentifierHold | undefined>;
  /** Lets go of one hold of this application (`key`), or of all its holds (a rejection). */
  releaseIdentifiers(applicationId: string, key?: string): Promise<void>;
  /**
   * Records a requested change of an organization's primary contact as the organization's next one (`seq`): the
   * insert under `<orgId>#<seq>` is the claim, so of two requests at once each gets its own number, and the later wins.
   */
  addContactChange(change: Omit<ContactChange, '_id' | 'seq'>): Promise<ContactChange>;
  contactChange(id: string): Promise<ContactChange | undefined>;
  /** The organization's most recent change request (highest `seq`): it supersedes every earlier one. */
  latestContactChange(orgId: string): Promise<ContactChange | undefined>;
}

/** A verification link ever sent, by token hash: for an application's primary contact, or for a contact change. */
export interface VerificationLink {
  _id: string;
  applicationId?: string;
  changeId?: string;
  expiresAt: Date;
}

/** A tenant (`tenant:<id or domain>`) or PartnerID (`partnerid:<digits>`), held by the application submitted with it. */
export interface IdentifierHold {
  _id: string;
  applicationId: string;
  /** Who submitted it (display name): whom to ask, even before the application is written. */
  applicant: string;
  at: Date;
}

/** A global admin's request to make someone else the organization's primary contact, in force once their address is verified. */
export interface ContactChange {
  /** `<orgId>#<seq>` */
  _id: string;
  orgId: string;
  /** 1, 2, … per organization. */
  seq: number;
  contact: { name: string; email: string; phone: string };
  /** The primary contact when the change was asked for (in force until the new address is verified). */
  previous?: Contact;
  /** The global admin who asked (actorKey). */
  requestedBy: string;
  expiresAt: Date;
  at: Date;
}

const applicationSchema = new Schema<Application>(
  {
    _id: String,
    revision: Number,
    state: Schema.Types.Mixed,
    answers: Schema.Types.Mixed,
    applicant: Schema.Types.Mixed,
    contactEmail: String,
    orgId: String,
    createdAt: Date,
    updatedAt: Date,
  },
  { versionKey: false, minimize: false },
);
applicationSchema.index({ 'applicant.actorKey': 1 });

const transitionSchema = new Schema<Transition>(
  {
    _id: String,
    applicationId: { type: String, index: true },
    applicantKey: { type: String, index: true },
    revision: Number,
    next: Schema.Types.Mixed,
    events: Schema.Types.Mixed,
    statuses: [String],
    by: Schema.Types.Mixed,
    verificationToken: String,
    done: Boolean,
    at: Date,
  },
  { versionKey: false, minimize: false },
);

const linkSchema = new Schema<VerificationLink>(
  { _id: String, applicationId: String, changeId: String, expiresAt: Date },
  { versionKey: false },
);

const holdSchema = new Schema<IdentifierHold>(
  { _id: String, applicationId: { type: String, index: true }, applicant: String, at: Date },
  { versionKey: false },
);

const contactChangeSchema = new Schema<ContactChange>(
  {
    _id: String,
    orgId: { type: String, index: true },
    seq: Number,
    contact: Schema.Types.Mixed,
    previous: Schema.Types.Mixed,
    requestedBy: String,
    expiresAt: Date,
    at: Date,
  },
  { versionKey: false },
);

export function createEnrollmentStore(connection: Connection): EnrollmentStore {
  const applications: Model<Application> = modelOf<Application>(connection, 'Application', applicationSchema, 'applications');
  const transitions: Model<Transition> = modelOf<Transition>(
    connection,
    'ApplicationTransition',
    transitionSchema,
    'application_transitions',
  );
  const links: Model<VerificationLink> = modelOf<VerificationLink>(connection, 'VerificationLink', linkSchema, 'verification_links');
  const contactChanges: Model<ContactChange> = modelOf<ContactChange>(connection, 'ContactChange', contactChangeSchema, 'contact_changes');
  const holds: Model<IdentifierHold> = modelOf<IdentifierHold>(connection, 'IdentifierHold', holdSchema, 'enrollment_identifiers');
  return {
    async application(id) {
      return (await applications.findById(id).lean<Application>()) ?? undefined;
    },
    async latestOf(actorKey) {
      const [app] = await applications.find({ 'applicant.actorKey': actorKey }).sort({ createdAt: -1 }).limit(1).lean<Application[]>();
      return app;
    },
    inStatus(statuses) {
      return applications
        .find({ 'state.status': { $in: statuses } })
        .sort({ createdAt: 1 })
        .lean<Application[]>();
    },
    countInStatus(status) {
      return applications.countDocuments({ 'state.status': status });
    },
    async exists(id) {
      return (await applications.exists({ _id: id })) !== null;
    },
    async write(next) {
      const previous = { _id: next._id, revision: next.revision - 1 };
      await insertOnce(() => applications.replaceOne(previous, next, { upsert: next.revision === 1 }));
    },
    claimTransition(transition) {
      return insertOnce(() => transitions.create(transition));
    },
    unfinished(filter) {
      return transitions
        .find({ ...filter, done: false })
        .sort({ revision: 1 })
        .lean<Transition[]>();
    },
    async markDone(id) {
      await transitions.updateOne({ _id: id }, { $set: { done: true }, $unset: { verificationToken: 1 } });
    },
    async rememberLink(link) {
      await insertOnce(() => links.create(link));
    },
    async link(tokenHash) {
      return (await links.findById(tokenHash).lean<VerificationLink>()) ?? undefined;
    },
    holdIdentifier(hold) {
      return insertOnce(() => holds.create(hold));
    },
    async identifierHold(key) {
      return (await holds.findById(key).lean<IdentifierHold>()) ?? undefined;
    },
    async releaseIdentifiers(applicationId, key) {
      await holds.deleteMany(key ? { _id: key, applicationId } : { applicationId });
    },
    async addContactChange(change) {
      for (;;) {
        const seq = ((await this.latestContactChange(change.orgId))?.seq ?? 0) + 1;
        const next = { ...change, _id: `${change.orgId}#${seq}`, seq };
        if (await insertOnce(() => contactChanges.create(next))) return next;
      }
    },
    async contactChange(id) {
      return (await contactChanges.findById(id).lean<ContactChange>()) ?? undefined;
    },
    async latestContactChange(orgId) {
      const [change] = await contactChanges.find({ orgId }).sort({ seq: -1 }).limit(1).lean<ContactChange[]>();
      return change;
    },
  };
}
