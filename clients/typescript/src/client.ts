import createClient, { type Client } from 'openapi-fetch';
import type { ResponseData } from './api-types.js';
import type { paths } from './generated/openapi.js';
import { HttpCore, type HttpOptions, type Session } from './http.js';
import type { GameStateView } from './pushes.js';
import { RealtimeConnection, type RealtimeOptions } from './realtime.js';
import { saveChecksum } from './saves.js';

export interface ClientOptions extends HttpOptions {
  readonly realtime?: RealtimeOptions;
}

/** A game action (`POST game/actions`). */
export interface GameAction {
  type: 'click' | 'purchaseBuilding' | 'purchaseUpgrade' | 'prestige' | (string & {});
  target?: string;
  quantity?: number;
}

export interface CommandOptions {
  /** The key naming this command; a retry with the same key is applied once. Generated when absent. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** `GET commands/{id}`: `pending`, `completed` or `rejected` (with the refusal code). */
export interface CommandStatus {
  commandId: string;
  status: 'pending' | 'completed' | 'rejected' | (string & {});
  code?: string | null;
  [key: string]: unknown;
}

export interface LeaderboardQuery {
  limit?: number;
  offset?: number;
  period?: 'allTime' | 'weekly' | 'monthly' | (string & {});
  season?: string;
}

export interface SaveDownload {
  revision: number;
  save: Record<string, unknown>;
  checksum?: string;
  [key: string]: unknown;
}

export interface SaveUploadResult {
  revision: number;
  checksum: string;
  migrationSteps: string[];
  replayed: boolean;
  [key: string]: unknown;
}

/** A new key for one command: sent with its first attempt and every retry. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

const category = (name: string) => encodeURIComponent(name);

/**
 * The Llama Wool Farm client: sign-in, every REST helper and the realtime connection on one session. Every call
 * goes through one HTTP core (token, refresh rotation, retries); `api` is a generic client typed from the OpenAPI
 * document for the routes without a helper.
 */
export class LlamaWoolFarmClient {
  readonly http: HttpCore;
  /** Every route of the OpenAPI document, typed (openapi-fetch), through the same token/refresh/retry policies. */
  readonly api: Client<paths>;
  private connection: RealtimeConnection | null = null;
  private readonly realtimeOptions: RealtimeOptions | undefined;

  constructor(options: ClientOptions) {
    this.http = new HttpCore(options);
    this.api = createClient<paths>({ baseUrl: this.http.baseUrl, fetch: this.http.fetch });
    this.realtimeOptions = options.realtime;
  }

  get session(): Session | null {
    return this.http.session;
  }

  get playerId(): string | null {
    return this.http.session?.playerId ?? null;
  }

  // ---------- sign-in ----------
  readonly auth = {
    /** Plays at once as this device's guest (201 new player, 200 the device's player). */
    guest: (deviceId: string) => this.signIn('auth/guest', { deviceId }),
    register: (body: { email: string; password: string; displayName?: string }) => this.signIn('auth/register', body),
    login: (body: { email: string; password: string; twoFactorCode?: string }) => this.signIn('auth/login', body),
    /** Adds an email and password to the signed-in guest: the same player id, a new session. */
    link: async (body: { email: string; password: string }) => {
      const answer = await this.http.request<Session>('auth/link', { method: 'POST', body });
      this.http.setSession(answer.data);
      return answer.data;
    },
    /** Rotates the refresh token now (it also happens on its own on a 401 and before an access token expires). */
    refresh: () => this.http.refreshSession(),
    /** Revokes the session's refresh token family and forgets the session. */
    logout: async () => {
      const refreshToken = this.http.session?.refreshToken;
      try {
        if (refreshToken) await this.http.request('auth/logout', { method: 'POST', body: { refreshToken } });
      } finally {
        await this.connection?.stop();
        this.connection = null;
        this.http.setSession(null);
      }
    },
  };

  private async signIn(path: string, body: unknown): Promise<Session> {
    const answer = await this.http.request<Session>(path, { method: 'POST', body, anonymous: true, retry: 'status' });
    this.http.setSession(answer.data);
    return answer.data;
  }

  // ---------- game ----------
  readonly game = {
    state: async () => (await this.http.request<ResponseData<'/api/v1/game/state', 'get', GameStateView>>('game/state')).data,
    config: async () => (await this.http.request<ResponseData<'/api/v1/game/config', 'get', Record<string, unknown>>>('game/config')).data,
    /**
     * Sends a game action as a command with an Idempotency-Key (the given one or a new one), retried with the same
     * key after 503/429/a lost answer: answers the command id; the result arrives as a push and at `command(id)`.
     */
    act: (action: GameAction, options: CommandOptions = {}) => this.command('game/actions', action, options),
    click: (quantity: number, options?: CommandOptions) => this.game.act({ type: 'click', quantity }, options),
    buyBuilding: (buildingId: string, quantity = 1, options?: CommandOptions) =>
      this.game.act({ type: 'purchaseBuilding', target: buildingId, quantity }, options),
    buyUpgrade: (upgradeId: string, options?: CommandOptions) => this.game.act({ type: 'purchaseUpgrade', target: upgradeId }, options),
    prestige: (options?: CommandOptions) => this.game.act({ type: 'prestige' }, options),
    offline: async () => (await this.http.request<ResponseData<'/api/v1/game/offline', 'get', Record<string, unknown>>>('game/offline')).data,
    claimOffline: (options: CommandOptions = {}) => this.command('game/offline/claim', undefined, options),
    /** A command's outcome so far. */
    commandStatus: async (commandId: string) =>
      (await this.http.request<ResponseData<'/api/v1/commands/{commandId}', 'get', CommandStatus>>(`commands/${encodeURIComponent(commandId)}`)).data,
    /** Polls `commands/{id}` until it is no longer pending (for clients without the realtime connection). */
    waitForCommand: async (commandId: string, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
        const status = (await this.game.commandStatus(commandId)) as unknown as CommandStatus;
        if (status.status !== 'pending') return status;
        if (Date.now() + delay > deadline) throw new Error(`Command ${commandId} still pending after ${timeoutMs} ms`);
        await new Promise(r => setTimeout(r, delay));
      }
    },
  };

  private async command(path: string, body: unknown, options: CommandOptions): Promise<{ commandId: string; idempotencyKey: string }> {
    const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
    const answer = await this.http.request<{ commandId: string }>(path, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
      retry: 'all',
      signal: options.signal,
    });
    return { commandId: String((answer.data as { commandId?: unknown }).commandId), idempotencyKey };
  }

  // ---------- leaderboards ----------
  readonly leaderboards = {
    page: async (name: string, query: LeaderboardQuery = {}) =>
      (await this.http.request<ResponseData<'/api/v1/leaderboards/{category}', 'get', Record<string, unknown>>>(`leaderboards/${category(name)}`, { query: { ...query } })).data,
    aroundMe: async (name: string, query: { radius?: number; period?: string; season?: string } = {}) =>
      (await this.http.request<ResponseData<'/api/v1/leaderboards/{category}/around-me', 'get', Record<string, unknown>>>(`leaderboards/${category(name)}/around-me`, { query: { ...query } })).data,
    friends: async (name: string, query: { period?: string; season?: string } = {}) =>
      (await this.http.request<ResponseData<'/api/v1/leaderboards/{category}/friends', 'get', Record<string, unknown>>>(`leaderboards/${category(name)}/friends`, { query: { ...query } })).data,
    rank: async (name: string, query: { period?: string; season?: string } = {}) =>
      (await this.http.request<ResponseData<'/api/v1/leaderboards/{category}/rank', 'get', Record<string, unknown>>>(`leaderboards/${category(name)}/rank`, { query: { ...query } })).data,
  };

  // ---------- saves ----------
  readonly saves = {
    /** The current save and its revision (the base of the next upload). */
    download: async () => (await this.http.request<SaveDownload>('saves/current')).data,
    /**
     * Uploads a save built on `baseRevision` with its checksum (SHA-256 of the canonical JSON, as the server checks
     * it) under an Idempotency-Key, so a retried upload applies once. Refusals throw an ApiError
     * (`SAVE_CONFLICT`, `SAVE_REJECTED`, `INTEGRITY_MISMATCH`, `UNKNOWN_BASE_REVISION`, …).
     */
    upload: async (save: Record<string, unknown>, baseRevision: number, options: CommandOptions & { keep?: 'device' | 'server' } = {}) => {
      const checksum = await saveChecksum(save);
      const answer = await this.http.request<SaveUploadResult>('saves/current', {
        method: 'PUT',
        body: { baseRevision, save, checksum, ...(options.keep ? { keep: options.keep } : {}) },
        headers: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
        retry: 'all',
        signal: options.signal,
      });
      return answer.data;
    },
    history: async (limit?: number) => (await this.http.request<ResponseData<'/api/v1/saves/history', 'get', Record<string, unknown>>>('saves/history', { query: { limit } })).data,
    backups: async () => (await this.http.request<ResponseData<'/api/v1/saves/backups', 'get', Record<string, unknown>>>('saves/backups')).data,
    createBackup: async (options: CommandOptions = {}) =>
      (await this.http.request<Record<string, unknown>>('saves/backups', { method: 'POST', headers: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() }, retry: 'all' })).data,
    restore: async (backupId: string, options: CommandOptions = {}) =>
      (await this.http.request<Record<string, unknown>>(`saves/backups/${encodeURIComponent(backupId)}/restore`, { method: 'POST', headers: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() }, retry: 'all' })).data,
  };

  // ---------- notifications ----------
  readonly notifications = {
    list: async (query: { unreadOnly?: boolean; limit?: number } = {}) =>
      (await this.http.request<ResponseData<'/api/v1/notifications', 'get', { notifications: Array<Record<string, unknown>>; unread: number }>>('notifications', { query: { ...query } })).data,
    markRead: async (ids: string[]) =>
      (await this.http.request<{ marked: number; unread: number }>('notifications/read', { method: 'POST', body: { ids }, headers: { 'Idempotency-Key': newIdempotencyKey() }, retry: 'all' })).data,
    markAllRead: async () =>
      (await this.http.request<{ marked: number; unread: number }>('notifications/read', { method: 'POST', body: { all: true }, headers: { 'Idempotency-Key': newIdempotencyKey() }, retry: 'all' })).data,
  };

  // ---------- realtime ----------
  /** The player's realtime connection (one per client); call `start()` on it to connect. */
  realtime(): RealtimeConnection {
    this.connection ??= new RealtimeConnection(this.http, () => this.game.state() as unknown as Promise<GameStateView>, this.realtimeOptions);
    return this.connection;
  }

  /** Stops the realtime connection, if any. */
  async close(): Promise<void> {
    await this.connection?.stop();
    this.connection = null;
  }
}
