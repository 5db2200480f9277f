import { z } from 'zod';
import { PARSER_KINDS } from '../captures/captureKinds';
import { ConnectionRecord } from './connectionRecord';
import { TerminalId } from './terminal';

/**
 * The investigation notebook as the renderer sees it: investigations with Markdown notes and
 * items (snapshots pinned from captures, findings, action items). The Node side keeps them on
 * disk (docs/notebook-format.md); big text (a snapshot's raw output, a recording) is evidence,
 * stored once by its SHA-256 and referenced by it.
 */

export const InvestigationId = z.string().regex(/^i_[a-z0-9]{8,32}$/);
export const ItemId = z.string().regex(/^[a-z]_[a-z0-9]{8,32}$/);
/** `sha256-<64 hex>`: the name of a piece of evidence, and its checksum. */
export const EvidenceRef = z.string().regex(/^sha256-[0-9a-f]{64}$/);
/** ISO 8601 with milliseconds and a zone, as `Date.prototype.toISOString` writes it. */
const Instant = z.iso.datetime({ offset: true });
const Title = z.string().trim().min(1).max(200);
/** Bytes of evidence per piece read back: a socket message carries it with room to spare. */
export const EVIDENCE_PIECE_BYTES = 1024 * 1024;
/** Characters of evidence per upload request: well under the browser mode's 2 MiB messages. */
export const EVIDENCE_PIECE_CHARS = 256 * 1024;
/** The most evidence one upload may hold. */
export const EVIDENCE_MAX_BYTES = 64 * 1024 * 1024;

/** Where a snapshot came from: enough to say it in the timeline and to find it again. */
export const SnapshotSource = z.object({
  /** The host as the user named it, and its address. */
  host: z.string().max(300),
  pid: z.number().int().positive().nullable(),
  /** The exact command that produced the output, when the app ran it. */
  command: z.string().max(4096).nullable(),
  /** The capture log of the terminal, and how far into it (seconds) the pin was taken. */
  log: z
    .object({
      terminalId: TerminalId.nullable(),
      path: z.string().max(4096),
      atSeconds: z.number().min(0),
    })
    .nullable(),
  /** What the tab's connection reached: host keys, jump chain, user, uname, clock offset. */
  connection: ConnectionRecord.optional(),
});

export const SnapshotItem = z.object({
  type: z.literal('snapshot'),
  id: ItemId,
  title: Title,
  /** When what it shows happened (the capture's time), and when it was pinned. */
  eventAt: Instant,
  pinnedAt: Instant,
  /** The host's own clock at that moment, as the tool printed it ("10:41:02"), when known. */
  hostTime: z.string().max(64).nullable(),
  source: SnapshotSource,
  /** The parsed model, typed by its kind (see shared/captures/captureKinds.ts). */
  capture: z.object({
    kind: z.enum(PARSER_KINDS),
    unparsedLines: z.number().int().min(0),
    data: z.json(),
  }),
  /** What the view showed: its tab, sort, selection, zoom… (each view's own keys). */
  view: z.record(z.string(), z.json()),
  /** The raw text the model was parsed from (or the selection pinned), as evidence. */
  raw: z.object({ ref: EvidenceRef, bytes: z.number().int().min(0) }).nullable(),
});

export const FindingItem = z.object({
  type: z.literal('finding'),
  id: ItemId,
  title: Title,
  text: z.string().max(100_000),
  severity: z.enum(['info', 'warning', 'critical']),
  eventAt: Instant,
  createdAt: Instant,
  /** The snapshots that show it. */
  evidence: z.array(ItemId).max(100),
});

export const ActionItem = z.object({
  type: z.literal('action'),
  id: ItemId,
  text: z.string().trim().min(1).max(10_000),
  owner: z.string().max(200).nullable(),
  done: z.boolean(),
  createdAt: Instant,
});

/**
 * A terminal's capture log (asciicast) kept in the investigation, copied there by the Node side
 * when something is pinned from that terminal (again on each pin, so it reaches the last one).
 */
export const RecordingItem = z.object({
  type: z.literal('recording'),
  id: ItemId,
  title: Title,
  host: z.string().max(300),
  terminalId: TerminalId,
  /** When the terminal started, and how long the kept copy lasts. */
  eventAt: Instant,
  seconds: z.number().min(0),
  keptAt: Instant,
  recording: z.object({ ref: EvidenceRef, bytes: z.number().int().min(0) }),
});
export type RecordingItem = z.infer<typeof RecordingItem>;

export const NotebookItem = z.discriminatedUnion('type', [
  SnapshotItem,
  FindingItem,
  ActionItem,
  RecordingItem,
]);
export type NotebookItem = z.infer<typeof NotebookItem>;

export const InvestigationSummary = z.object({
  id: InvestigationId,
  title: Title,
  createdAt: Instant,
  updatedAt: Instant,
  items: z.number().int().min(0),
  /** Why it can only be read (a newer format, a damaged file); null when it can be edited. */
  problem: z.string().nullable(),
});
export type InvestigationSummary = z.infer<typeof InvestigationSummary>;

export const OpenInvestigation = z.object({
  summary: InvestigationSummary,
  notes: z.string(),
  items: z.array(NotebookItem),
  /**
   * Snapshots whose model was left out of this answer (their `capture.data` is null), because it
   * is big and nothing but an export reads it: `notebook.item` gives each whole.
   */
  deferred: z.array(ItemId),
  /** Null when this page may write; else why not (another window has it, read-only file…). */
  readOnly: z.string().nullable(),
});
export type OpenInvestigation = z.infer<typeof OpenInvestigation>;

const Target = z.object({ investigationId: InvestigationId });
const ArchiveId = z.string().regex(/^x_[0-9a-f]{16}$/);
/** Base64 characters of an archive per import request (1 MiB of bytes). */
export const ARCHIVE_PIECE_CHARS = 4 * Math.ceil((1024 * 1024) / 3);
/** An item as the renderer sends it (its raw text uploaded first, as evidence): the Node side names it. */
export const NewItem = z.discriminatedUnion('type', [
  SnapshotItem.omit({ id: true }),
  FindingItem.omit({ id: true }),
  ActionItem.omit({ id: true }),
]);

export type NewItem = z.input<typeof NewItem>;

/** One place a library search matched: an investigation's title, notes, an item or captured text. */
export const LibraryHit = z.object({
  investigationId: InvestigationId,
  title: Title,
  where: z.enum(['title', 'notes', 'item', 'evidence']),
  /** The item (for captured text: the snapshot it was pinned with). */
  itemId: ItemId.optional(),
  /** A line of context around the match, as text (never markup). */
  snippet: z.string().max(240),
  /** Where the matched words are in `snippet`: [start, end) pairs. */
  marks: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(64),
  score: z.number(),
});
export type LibraryHit = z.infer<typeof LibraryHit>;

export const LibrarySearchResult = z.object({
  /** Best first, a few per investigation at most. */
  results: z.array(LibraryHit).max(100),
  /** Captured text still being indexed, in bytes: results may be missing some of it. */
  indexing: z.object({ done: z.number().min(0), total: z.number().min(0) }).optional(),
  /** What the search does not cover, said plainly (captured text past a cap, unreadable files). */
  notCovered: z.string().max(500).optional(),
});
export type LibrarySearchResult = z.infer<typeof LibrarySearchResult>;

export const notebookRequests = {
  'notebook.list': { input: z.object({}), output: z.array(InvestigationSummary) },
  'notebook.create': { input: z.object({ title: Title }), output: OpenInvestigation },
  /** Takes the investigation's lock for this page; another holder makes it read-only here. */
  'notebook.open': { input: Target, output: OpenInvestigation },
  'notebook.close': { input: Target, output: z.object({}) },
  /** One item whole, its model included (see OpenInvestigation.deferred). */
  'notebook.item': { input: Target.extend({ itemId: ItemId }), output: NotebookItem },
  'notebook.rename': { input: Target.extend({ title: Title }), output: InvestigationSummary },
  /** Moves the folder to the trash (a folder of the data directory), never deletes it. */
  'notebook.trash': { input: Target, output: z.object({}) },
  'notebook.saveNotes': {
    input: Target.extend({ notes: z.string().max(16 * 1024 * 1024) }),
    output: z.object({ savedAt: Instant }),
  },
  'notebook.addItem': { input: Target.extend({ item: NewItem }), output: NotebookItem },
  'notebook.updateItem': { input: Target.extend({ item: NotebookItem }), output: NotebookItem },
  'notebook.removeItem': { input: Target.extend({ itemId: ItemId }), output: z.object({}) },
  /**
   * Evidence arrives in pieces (a socket message is at most 2 MiB): each piece is appended to the
   * upload, the last one (`done`) stores it under its SHA-256 and names it. 64 MiB at most.
   */
  'notebook.uploadEvidence': {
    input: Target.extend({
      uploadId: z.string().regex(/^u_[a-z0-9]{8,32}$/),
      piece: z.string().max(EVIDENCE_PIECE_CHARS),
      done: z.boolean(),
    }),
    output: z.object({ ref: EvidenceRef.nullable(), bytes: z.number().int().min(0) }),
  },
  /**
   * A piece of evidence from byte `offset`: whole lines where there are any (never a split
   * character), at most EVIDENCE_PIECE_BYTES. `next` is where the following piece starts;
   * the content is checked against its name when the piece at 0 is read.
   */
  'notebook.evidence': {
    input: Target.extend({ ref: EvidenceRef, offset: z.number().int().min(0).default(0) }),
    output: z.object({
      text: z.string(),
      next: z.number().int().min(0),
      bytes: z.number().int().min(0),
    }),
  },
  /** Copies the capture log of a terminal of this app into the investigation (see RecordingItem). */
  'notebook.keepRecording': {
    input: Target.extend({ terminalId: TerminalId }),
    output: RecordingItem,
  },
  /** The investigation's folder as one zip, kept on the Node side to be read out in pieces. */
  'notebook.archive': {
    input: Target,
    output: z.object({ archiveId: ArchiveId, bytes: z.number().int().min(0) }),
  },
  'notebook.archivePiece': {
    input: z.object({ archiveId: ArchiveId, offset: z.number().int().min(0) }),
    output: z.object({ data: z.base64(), next: z.number().int().min(0), bytes: z.number().int() }),
  },
  /** The sample investigation shipped with the app (seed 000), imported once, then reopened. */
  'notebook.openSample': { input: z.object({}), output: InvestigationSummary },
  /** An archive sent in base64 pieces; the last one (`done`) imports it as a new investigation. */
  'notebook.importPiece': {
    input: z.object({
      importId: z.string().regex(/^m_[a-z0-9]{8,32}$/),
      data: z.base64().max(ARCHIVE_PIECE_CHARS),
      done: z.boolean(),
    }),
    output: z.object({ imported: InvestigationSummary.nullable() }),
  },
  /** Full-text search over every investigation: titles, notes, items and captured text. */
  'notebook.search': {
    input: z.object({ query: z.string().max(200) }),
    output: LibrarySearchResult,
  },
} as const;
