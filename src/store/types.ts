// The history store's vocabulary and its one interface (ScanStore), implemented by SQLite and PostgreSQL.

import type { Finding, Status } from '../model/finding.js';
import type { Report } from '../model/report.js';

/** What version of each check unit produced a scan: lets a diff tell new check logic from new infrastructure. */
export interface CheckLogic {
  /** Hash over every unit's version: equal values mean the same check logic ran. */
  readonly version: string;
  /** Per check unit (`spf`, `dkim`): its version hash and the check IDs it can report. */
  readonly units: Readonly<Record<string, CheckUnitVersion>>;
}

export interface CheckUnitVersion {
  readonly version: string;
  readonly checkIds: readonly string[];
}

/** One stored scan, without its findings. */
export interface StoredScan {
  readonly id: number;
  /** ASCII form, lower case: the key history is listed by. */
  readonly domain: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly toolVersion: string;
  readonly checkLogic: CheckLogic;
  readonly resolvers: readonly string[];
  readonly summary: Readonly<Record<Status, number>>;
  /** A letter grade when the report carried one. */
  readonly grade?: string;
}

/** A stored finding with its stable fingerprint (see fingerprint.ts). */
export interface StoredFinding {
  readonly fingerprint: string;
  readonly finding: Finding;
}

export interface ScanWithFindings {
  readonly scan: StoredScan;
  readonly findings: readonly StoredFinding[];
}

export interface ListOptions {
  /** At most this many scans, newest first. Default: all. */
  readonly limit?: number;
}

/** Migrations applied on open, and the schema version the database is now at. */
export interface MigrationState {
  readonly schemaVersion: number;
  /** Versions applied by this open, oldest first (empty when the database was current). */
  readonly applied: readonly number[];
}

/**
 * Scan history behind one interface. Opening a store applies pending migrations (see
 * `openStore`); every method is safe to call concurrently; scans are never updated, only added.
 */
export interface ScanStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it is, for messages (a file path, or the PostgreSQL URL without its password). */
  readonly location: string;
  readonly migrations: MigrationState;
  /** Stores a report and all its findings in one transaction; returns the stored scan. */
  saveScan(report: Report, checkLogic: CheckLogic): Promise<StoredScan>;
  /** Stores several reports in one transaction (fleets batch their writes); all or none are kept. */
  saveScans(reports: readonly Report[], checkLogic: CheckLogic): Promise<StoredScan[]>;
  /** Scans of one domain, newest first (by start time, then id). */
  listScans(domain: string, options?: ListOptions): Promise<StoredScan[]>;
  getScan(id: number): Promise<ScanWithFindings | undefined>;
  /** The newest `count` scans of a domain with their findings, newest first (`latestScans(d, 2)` for a diff). */
  latestScans(domain: string, count: number): Promise<ScanWithFindings[]>;
  /** Fingerprints of one scan's findings mapped to the finding: what a diff compares. */
  fingerprints(scanId: number): Promise<Map<string, StoredFinding>>;
  close(): Promise<void>;
}

/** A database written by a newer telltale (schema version above what this one knows). */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
}
