/**
 * Pairing data-channel protocol v1: what two peers of a room say to each other over their WebRTC
 * data channel once signaling has introduced them.
 *
 * Every message is binary: a lib0 varUint message type, then the body.
 *
 *   0 sync       a y-protocols sync message (step 1: state vector, step 2: missing updates,
 *                update: a live edit). On link open each side sends step 1; step 2 answers it.
 *   1 awareness  a y-protocols awareness update (name, colour, cursor and selection).
 *   2 chat       varString JSON ChatMessage.
 *   3 run-result varString JSON RunResultMessage: a peer ran or submitted; both show the result.
 *   4 switch     varString JSON SwitchMessage: a peer switched challenge or language.
 *   5 fragment   varUint id, varUint index, varUint count, varUint8Array chunk: one piece of a
 *                message larger than MAX_DATA_CHANNEL_MESSAGE_BYTES (a large sync step 2); the
 *                receiver reassembles the pieces in order and reads the whole as one message.
 *   6 identity   varString JSON IdentityMessage (protocol/interview-messages.ts): the first message
 *                on every link; nothing else from the link is acted on until its signature checks.
 *   7 interview  varString JSON InterviewChainMessage: the room's signed interview states.
 *   8 notes      a y-protocols sync message for the interviewers' private-notes document. Sent
 *                only on links whose participant is an interviewer, and accepted only from them.
 *
 * Yjs parts are written and read by y-protocols; nothing here re-implements them. JSON bodies come
 * from another person's machine and are validated with the schemas below. An unknown message
 * type, a malformed body or a body failing its schema throws PairingMessageError.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LanguageSchema, CHALLENGE_ID_PATTERN, SubmissionModeSchema, SubmissionResultSchema } from './submission.js';
import {
  IdentityMessageSchema,
  InterviewChainMessageSchema,
  type IdentityMessage,
  type InterviewChainMessage,
} from './interview-messages.js';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_CHAT = 2;
export const MESSAGE_RUN_RESULT = 3;
export const MESSAGE_SWITCH = 4;
export const MESSAGE_FRAGMENT = 5;
export const MESSAGE_IDENTITY = 6;
export const MESSAGE_INTERVIEW = 7;
export const MESSAGE_NOTES = 8;

/**
 * 16 KiB is the message size every WebRTC stack delivers without fragmentation trouble
 * (Chromium's SCTP advertises 256 KiB, older stacks less). Larger messages travel as fragments.
 */
export const MAX_DATA_CHANNEL_MESSAGE_BYTES = 16 * 1024;
/**
 * A reassembled message may not exceed this: a full sync of a 10 000-line room is under 1 MiB.
 * Together with the pending limit it bounds what one (possibly hostile) partner makes us buffer.
 */
export const MAX_REASSEMBLED_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Concurrent partial messages per link; more means a broken or hostile sender. */
export const MAX_PENDING_FRAGMENTED_MESSAGES = 2;
export const MAX_CHAT_TEXT_LENGTH = 2000;
export const MAX_DISPLAY_NAME_LENGTH = 64;

export class PairingMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PairingMessageError';
  }
}

// ---------------------------------------------------------------------------------------------
// JSON bodies

const NameSchema = Type.String({ minLength: 1, maxLength: MAX_DISPLAY_NAME_LENGTH });
const MessageIdSchema = Type.String({ minLength: 1, maxLength: 64 });

export const ChatMessageSchema = Type.Object(
  {
    id: MessageIdSchema,
    name: NameSchema,
    text: Type.String({ minLength: 1, maxLength: MAX_CHAT_TEXT_LENGTH }),
    sentAt: Type.Number({ description: 'Sender clock, ms since the epoch' }),
  },
  { additionalProperties: false },
);
export type ChatMessage = Static<typeof ChatMessageSchema>;

export const RunResultMessageSchema = Type.Object(
  {
    id: MessageIdSchema,
    name: NameSchema,
    mode: SubmissionModeSchema,
    language: LanguageSchema,
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    result: SubmissionResultSchema,
    sentAt: Type.Number(),
  },
  { additionalProperties: false },
);
export type RunResultMessage = Static<typeof RunResultMessageSchema>;

export const SwitchMessageSchema = Type.Object(
  {
    name: NameSchema,
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type SwitchMessage = Static<typeof SwitchMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Writing

/** Sync step 1 (this doc's state vector): sent by both sides when a link opens. */
export function writeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** A live Yjs update (from `doc.on('update')`). */
export function writeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The awareness states of `clients`. Pass `states` to announce other states than the current ones
 * (an empty Map announces that the clients went away, without clearing them locally).
 */
export function writeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
  states?: Map<number, { [key: string]: unknown }>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients, states));
  return encoding.toUint8Array(encoder);
}

function writeJson(type: number, schema: TSchema, body: unknown): Uint8Array {
  // Validate outgoing bodies too: a bug here would otherwise surface as the peer's decode error.
  assertSchema(schema, body, type);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarString(encoder, JSON.stringify(body));
  return encoding.toUint8Array(encoder);
}

export function writeChat(chat: ChatMessage): Uint8Array {
  return writeJson(MESSAGE_CHAT, ChatMessageSchema, chat);
}

export function writeRunResult(run: RunResultMessage): Uint8Array {
  return writeJson(MESSAGE_RUN_RESULT, RunResultMessageSchema, run);
}

export function writeSwitch(change: SwitchMessage): Uint8Array {
  return writeJson(MESSAGE_SWITCH, SwitchMessageSchema, change);
}

export function writeIdentity(identity: IdentityMessage): Uint8Array {
  return writeJson(MESSAGE_IDENTITY, IdentityMessageSchema, identity);
}

export function writeInterviewChain(chain: InterviewChainMessage): Uint8Array {
  return writeJson(MESSAGE_INTERVIEW, InterviewChainMessageSchema, chain);
}

/** Sync step 1 of the private-notes document. */
export function writeNotesSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_NOTES);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** A live update of the private-notes document. */
export function writeNotesUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_NOTES);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * Splits an encoded message into fragment messages of at most `maxBytes` each, or returns it
 * unchanged when it already fits. `id` tells apart messages whose fragments could interleave.
 */
export function fragmentMessage(message: Uint8Array, id: number, maxBytes = MAX_DATA_CHANNEL_MESSAGE_BYTES): Uint8Array[] {
  if (message.byteLength <= maxBytes) return [message];
  // Header: type (1 byte) + three varUints (≤ 5 bytes each) + the chunk's own length prefix (≤ 5).
  const chunkSize = maxBytes - 32;
  if (chunkSize <= 0) throw new RangeError(`maxBytes ${maxBytes} is too small for a fragment`);
  const count = Math.ceil(message.byteLength / chunkSize);
  const out: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_FRAGMENT);
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, index);
    encoding.writeVarUint(encoder, count);
    encoding.writeVarUint8Array(encoder, message.subarray(index * chunkSize, (index + 1) * chunkSize));
    out.push(encoding.toUint8Array(encoder));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

export type PairingMessage =
  | { type: 'sync'; body: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'chat'; chat: ChatMessage }
  | { type: 'run-result'; run: RunResultMessage }
  | { type: 'switch'; change: SwitchMessage }
  | { type: 'fragment'; id: number; index: number; count: number; chunk: Uint8Array }
  | { type: 'identity'; identity: IdentityMessage }
  | { type: 'interview'; chain: InterviewChainMessage }
  | { type: 'notes'; body: Uint8Array };

function assertSchema(schema: TSchema, value: unknown, type: number): void {
  const first = Value.Errors(schema, value).First();
  if (first) throw new PairingMessageError(`message ${type}: ${first.path || '/'} ${first.message}`);
}

function readJson<T>(decoder: decoding.Decoder, schema: TSchema, type: number): T {
  let value: unknown;
  try {
    value = JSON.parse(decoding.readVarString(decoder));
  } catch (error) {
    throw new PairingMessageError(`message ${type}: body is not JSON (${(error as Error).message})`);
  }
  assertSchema(schema, value, type);
  return value as T;
}

/** Decodes one data-channel message. Throws PairingMessageError on anything unexpected. */
export function readMessage(message: Uint8Array): PairingMessage {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return { type: 'sync', body: message.subarray(decoder.pos) };
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_CHAT:
        return { type: 'chat', chat: readJson<ChatMessage>(decoder, ChatMessageSchema, type) };
      case MESSAGE_RUN_RESULT:
        return { type: 'run-result', run: readJson<RunResultMessage>(decoder, RunResultMessageSchema, type) };
      case MESSAGE_SWITCH:
        return { type: 'switch', change: readJson<SwitchMessage>(decoder, SwitchMessageSchema, type) };
      case MESSAGE_FRAGMENT: {
        const id = decoding.readVarUint(decoder);
        const index = decoding.readVarUint(decoder);
        const count = decoding.readVarUint(decoder);
        const chunk = decoding.readVarUint8Array(decoder);
        if (count < 2 || index >= count) throw new PairingMessageError(`fragment ${index} of ${count} is impossible`);
        return { type: 'fragment', id, index, count, chunk };
      }
      case MESSAGE_IDENTITY:
        return { type: 'identity', identity: readJson<IdentityMessage>(decoder, IdentityMessageSchema, type) };
      case MESSAGE_INTERVIEW:
        return { type: 'interview', chain: readJson<InterviewChainMessage>(decoder, InterviewChainMessageSchema, type) };
      case MESSAGE_NOTES:
        return { type: 'notes', body: message.subarray(decoder.pos) };
      default:
        throw new PairingMessageError(`unknown pairing message type ${type}`);
    }
  } catch (error) {
    if (error instanceof PairingMessageError) throw error;
    // lib0 throws plain Errors ("Unexpected end of array") on truncated input.
    throw new PairingMessageError(`malformed pairing message: ${(error as Error).message}`);
  }
}

/**
 * Applies a sync body to `doc` with y-protocols and returns the reply to send (sync step 2 for a
 * step 1), or null when there is nothing to answer. Errors while applying are rethrown, not logged.
 */
export function applySyncMessage(
  doc: Y.Doc,
  body: Uint8Array,
  origin: unknown,
  replyType: typeof MESSAGE_SYNC | typeof MESSAGE_NOTES = MESSAGE_SYNC,
): { reply: Uint8Array | null; kind: SyncKind } {
  const decoder = decoding.createDecoder(body);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, replyType);
  let syncType: number;
  try {
    syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, origin, (error) => {
      throw error;
    });
  } catch (error) {
    throw new PairingMessageError(`sync message could not be applied: ${(error as Error).message}`);
  }
  const kind = syncType === syncProtocol.messageYjsSyncStep1 ? 'step1' : syncType === syncProtocol.messageYjsSyncStep2 ? 'step2' : 'update';
  return { reply: encoding.length(encoder) > 1 ? encoding.toUint8Array(encoder) : null, kind };
}

export type SyncKind = 'step1' | 'step2' | 'update';

/**
 * What a sync body is, without applying it: step 1 only asks for our content and never changes
 * the document; step 2 and update change it. Throws PairingMessageError on an unknown kind.
 */
export function syncKindOf(body: Uint8Array): SyncKind {
  let kind: number;
  try {
    kind = decoding.readVarUint(decoding.createDecoder(body));
  } catch (error) {
    throw new PairingMessageError(`malformed sync message: ${(error as Error).message}`);
  }
  if (kind === syncProtocol.messageYjsSyncStep1) return 'step1';
  if (kind === syncProtocol.messageYjsSyncStep2) return 'step2';
  if (kind === syncProtocol.messageYjsUpdate) return 'update';
  throw new PairingMessageError(`unknown sync message kind ${kind}`);
}

export function applyAwarenessMessage(awareness: awarenessProtocol.Awareness, update: Uint8Array, origin: unknown): void {
  try {
    awarenessProtocol.applyAwarenessUpdate(awareness, update, origin);
  } catch (error) {
    throw new PairingMessageError(`awareness update could not be applied: ${(error as Error).message}`);
  }
}

/**
 * Puts fragments back together. One per link; fragments of one message arrive in order on a
 * reliable ordered data channel, so anything out of order is an error, not a reordering to fix.
 */
export class FragmentAssembler {
  private readonly pending = new Map<number, { next: number; count: number; chunks: Uint8Array[]; bytes: number }>();

  constructor(
    private readonly maxBytes = MAX_REASSEMBLED_MESSAGE_BYTES,
    private readonly maxPending = MAX_PENDING_FRAGMENTED_MESSAGES,
  ) {}

  /** Returns the whole message when `fragment` was its last piece, otherwise null. */
  add(fragment: { id: number; index: number; count: number; chunk: Uint8Array }): Uint8Array | null {
    let entry = this.pending.get(fragment.id);
    if (!entry) {
      if (fragment.index !== 0) throw new PairingMessageError(`fragment ${fragment.index} of message ${fragment.id} arrived before its first piece`);
      if (this.pending.size >= this.maxPending) throw new PairingMessageError('too many fragmented messages in flight');
      entry = { next: 0, count: fragment.count, chunks: [], bytes: 0 };
      this.pending.set(fragment.id, entry);
    }
    if (fragment.index !== entry.next || fragment.count !== entry.count) {
      this.pending.delete(fragment.id);
      throw new PairingMessageError(`fragment ${fragment.index}/${fragment.count} of message ${fragment.id} out of order`);
    }
    entry.bytes += fragment.chunk.byteLength;
    if (entry.bytes > this.maxBytes) {
      this.pending.delete(fragment.id);
      throw new PairingMessageError(`fragmented message ${fragment.id} exceeds ${this.maxBytes} bytes`);
    }
    // Copy: the chunk may be a view into a buffer the transport reuses.
    entry.chunks.push(fragment.chunk.slice());
    entry.next++;
    if (entry.next < entry.count) return null;
    this.pending.delete(fragment.id);
    const whole = new Uint8Array(entry.bytes);
    let offset = 0;
    for (const chunk of entry.chunks) {
      whole.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return whole;
  }

  clear(): void {
    this.pending.clear();
  }
}
