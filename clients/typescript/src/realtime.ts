import * as signalR from '@microsoft/signalr';
import type { HttpCore } from './http.js';
import { pushTypes, type GameStateView, type PushEnvelope, type PushType } from './pushes.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface PushInfo {
  /** True when the push was missed while away and delivered by the catch-up (`resume`), not live. */
  readonly replayed: boolean;
}

export interface RealtimeOptions {
  /** The hub's path (default `/hubs/game`). */
  readonly hubPath?: string;
  /** Delays between reconnect attempts; the last one repeats for ever (default 0, 1 s, 2 s, 5 s, 10 s). */
  readonly reconnectDelaysMs?: readonly number[];
  /** SignalR's own log level (default Warning). */
  readonly logLevel?: signalR.LogLevel;
  /** Restricts the transports, e.g. `signalR.HttpTransportType.WebSockets`. */
  readonly transport?: signalR.HttpTransportType;
  /** How often the presence lease is renewed (default 30 s, as the hub expects). */
  readonly heartbeatMs?: number;
}

interface ResumeAnswer {
  seq: number;
  resync: boolean;
  missed: PushEnvelope[];
}

type Handler = (push: PushEnvelope, info: PushInfo) => void;

/**
 * The player's realtime connection (SignalR hub `/hubs/game`), with automatic reconnect for ever.
 *
 * Pushes to the player carry a number (`seq`) and are delivered strictly in order, each once: a number at or below
 * the last delivered is a repeat; one that comes early waits for those before it. After every (re)connect the hub
 * says `ready` (the connection now receives the player's pushes) and the connection asks `resume(lastSeq)` for what
 * it missed; those pushes are delivered with `replayed: true`. A `resync` answer means the server no longer keeps
 * them: the state is re-read instead. After every reconnect the state is re-read too, and handed to `onState`.
 */
export class RealtimeConnection {
  private readonly hub: signalR.HubConnection;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly stateHandlers = new Set<(state: GameStateView) => void>();
  private readonly statusHandlers = new Set<(status: ConnectionStatus) => void>();
  private last: number | null = null;
  private readonly held = new Map<number, { push: PushEnvelope; replayed: boolean }>();
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private readyCount = 0;
  private firstReady: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  private currentStatus: ConnectionStatus = 'disconnected';

  constructor(
    private readonly http: HttpCore,
    private readonly readState: () => Promise<GameStateView>,
    private readonly options: RealtimeOptions = {},
  ) {
    const delays = options.reconnectDelaysMs ?? [0, 1000, 2000, 5000, 10000];
    this.hub = new signalR.HubConnectionBuilder()
      .withUrl(`${http.baseUrl}${options.hubPath ?? '/hubs/game'}`, {
        // Called on every (re)connect: a token about to expire is refreshed first, so a reconnect after a long
        // outage does not fail on an old token.
        accessTokenFactory: () => http.validAccessToken(),
        ...(options.transport === undefined ? {} : { transport: options.transport }),
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => delays[Math.min(c.previousRetryCount, delays.length - 1)]! })
      .configureLogging(options.logLevel ?? signalR.LogLevel.Warning)
      .build();

    this.hub.on('ready', () => void this.onReady());
    for (const type of pushTypes) this.hub.on(type, (push: PushEnvelope) => this.receive(push, false));
    this.hub.onreconnecting(() => this.setStatus('reconnecting'));
    this.hub.onreconnected(() => this.setStatus('connected'));
    this.hub.onclose(() => this.setStatus('disconnected'));
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** The number of the last push delivered (null before the first `resume` answer). */
  get lastSeq(): number | null {
    return this.last;
  }

  /** The SignalR connection id while connected. */
  get connectionId(): string | null {
    return this.hub.connectionId;
  }

  /** Connects and resolves once the hub is ready and the first catch-up was delivered. */
  start(): Promise<void> {
    this.setStatus('connecting');
    const ready = new Promise<void>((resolve, reject) => { this.firstReady = { resolve, reject }; });
    this.hub.start().catch(error => {
      this.setStatus('disconnected');
      this.firstReady?.reject(error);
      this.firstReady = null;
    });
    return ready;
  }

  async stop(): Promise<void> {
    clearTimeout(this.gapTimer);
    clearInterval(this.heartbeatTimer);
    await this.hub.stop();
  }

  /** Listens for one push type; returns the function that stops listening. */
  on<T extends PushType>(type: T, handler: (push: PushEnvelope<T>, info: PushInfo) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as Handler);
    return () => set!.delete(handler as Handler);
  }

  /** Listens for every push. */
  onAny(handler: (push: PushEnvelope, info: PushInfo) => void): () => void {
    return this.on('*' as PushType, handler as never);
  }

  /** Listens for the state re-read after a reconnect or a resync. */
  onState(handler: (state: GameStateView) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  onStatus(handler: (status: ConnectionStatus) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  /** The next push of a type that matches, live or replayed; rejects after `timeoutMs`. */
  waitFor<T extends PushType>(type: T, predicate: (push: PushEnvelope<T>, info: PushInfo) => boolean = () => true, timeoutMs = 15_000): Promise<{ push: PushEnvelope<T>; info: PushInfo }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`No ${type} push within ${timeoutMs} ms`)); }, timeoutMs);
      const off = this.on(type, (push, info) => {
        if (!predicate(push, info)) return;
        clearTimeout(timer);
        off();
        resolve({ push, info });
      });
    });
  }

  private setStatus(status: ConnectionStatus): void {
    this.currentStatus = status;
    if (status !== 'connected') clearInterval(this.heartbeatTimer);
    for (const handler of this.statusHandlers) handler(status);
  }

  private async onReady(): Promise<void> {
    const reconnect = this.readyCount++ > 0;
    this.setStatus('connected');
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => { this.hub.invoke('heartbeat').catch(() => undefined); }, this.options.heartbeatMs ?? 30_000);
    const resynced = await this.resume();
    if (reconnect && !resynced) await this.rereadState();
    this.firstReady?.resolve();
    this.firstReady = null;
  }

  private receive(push: PushEnvelope, replayed: boolean): void {
    if (push.seq === undefined || push.seq === null) {
      this.dispatch(push, replayed);
      return;
    }
    if (this.last !== null && push.seq <= this.last) return;
    if (!this.held.has(push.seq) || !replayed) this.held.set(push.seq, { push, replayed });
    this.drain();
  }

  private drain(): void {
    if (this.last === null) return;
    while (this.held.has(this.last + 1)) {
      const next = this.held.get(this.last + 1)!;
      this.held.delete(this.last + 1);
      this.last += 1;
      this.dispatch(next.push, next.replayed);
    }
    for (const seq of this.held.keys()) if (seq <= this.last) this.held.delete(seq);
    clearTimeout(this.gapTimer);
    // Pushes relayed by different replicas can overtake each other: a gap still open after 2 s is asked for (a
    // connection that is down asks on its next `ready`).
    if (this.held.size) {
      this.gapTimer = setTimeout(() => { if (this.hub.state === signalR.HubConnectionState.Connected) void this.resume(); }, 2000);
    }
  }

  /** Asks for the pushes missed since the last one delivered; true when the answer was a resync (state re-read). */
  private async resume(): Promise<boolean> {
    let resynced = false;
    try {
      const answer = await this.hub.invoke<ResumeAnswer>('resume', this.last ?? 0);
      if (answer.resync) {
        this.last = answer.seq;
        resynced = true;
        await this.rereadState();
      } else {
        this.last ??= 0;
        for (const push of answer.missed) {
          if (push.seq !== undefined && push.seq > this.last && !this.held.has(push.seq)) this.held.set(push.seq, { push, replayed: true });
        }
      }
    } catch {
      // No history to ask (HISTORY_UNAVAILABLE, or the connection dropped again): the state is the catch-up, and
      // the pushes held carry on from the first of them.
      resynced = true;
      await this.rereadState();
      if (this.held.size) this.last = Math.min(...this.held.keys()) - 1;
      // Nothing to carry on from yet: ask again in 5 s, or the pushes would wait for the next reconnect.
      else if (this.last === null) setTimeout(() => { if (this.hub.state === signalR.HubConnectionState.Connected) void this.resume(); }, 5000);
    }
    this.drain();
    return resynced;
  }

  private async rereadState(): Promise<void> {
    try {
      const state = await this.readState();
      for (const handler of this.stateHandlers) handler(state);
    } catch {
      // The next reconnect or push brings the state; a failed read must not break the connection's handlers.
    }
  }

  private dispatch(push: PushEnvelope, replayed: boolean): void {
    const info = { replayed };
    for (const key of [push.type, '*']) {
      for (const handler of this.handlers.get(key) ?? []) {
        try {
          handler(push, info);
        } catch {
          // One handler's failure must not stop the others or the ordering.
        }
      }
    }
  }
}
