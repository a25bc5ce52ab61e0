// The realtime hub's pushes. The hub is not part of the OpenAPI document, so these types follow the server's
// relays (src/Realtime/LlamaWoolFarm.Realtime/Relays) and contracts (src/Contracts). Amounts are decimal strings.

/** The envelope of every push. `seq` numbers the pushes of one player; broadcasts and presence pushes have none. */
export interface PushEnvelope<T extends PushType = PushType> {
  readonly type: T;
  readonly id: string;
  readonly timestamp: string;
  readonly data: PushData[T];
  readonly seq?: number;
}

export interface CommandCompleted {
  commandId: string;
  playerId: string;
  actionType: string;
  target?: string | null;
  quantity: number;
  changes: Record<string, string>;
  appliedAt: string;
}

export interface CommandRejected {
  commandId: string;
  playerId: string;
  actionType: string;
  code: string;
  message: string;
  rejectedAt: string;
}

export interface OfflineProgressGranted {
  playerId: string;
  commandId: string;
  offlineSeconds: number;
  cappedSeconds: number;
  efficiency: number;
  woolEarned: Record<string, string>;
  bonusApplied: boolean;
  [key: string]: unknown;
}

export interface AchievementUnlocked {
  playerId: string;
  commandId: string;
  achievementId: string;
  unlockedAt: string;
}

export interface SaveAccepted {
  commandId: string;
  playerId: string;
  revision: number;
  checksum: string;
  migrationSteps: string[];
  replayed: boolean;
  acceptedAt: string;
}

export interface SaveConflictResolved {
  commandId: string;
  playerId: string;
  baseRevision: number;
  currentRevision: number;
  winner: string;
  decidedBy: string;
  loserBackupId: string;
  replayed: boolean;
  [key: string]: unknown;
}

export interface BackupRestored {
  commandId: string;
  playerId: string;
  backupId: string;
  revision: number;
  preRestoreBackupId: string;
  replayed: boolean;
  restoredAt: string;
}

export interface RankChanged {
  playerId: string;
  category: string;
  oldRank: number | null;
  newRank: number;
  score: string;
  at: string;
}

export interface LeaderboardUpdated {
  category: string;
  top: Array<{ rank: number; playerId: string; displayName?: string | null; score: string; [key: string]: unknown }>;
  at: string;
}

export interface NotificationPush {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  data?: unknown;
  broadcast: boolean;
  createdAt: string;
  expiresAt: string;
  [key: string]: unknown;
}

export interface FriendPresence {
  playerId: string;
  displayName?: string | null;
  online: boolean;
  at: string;
}

/** The game state as `GET game/state` answers it and `gameStateChanged` pushes it (amounts as decimal strings). */
export interface GameStateView {
  woolCounts: Record<string, string>;
  ratesPerSecond: Record<string, string>;
  buildings: Record<string, number>;
  upgrades: string[];
  achievements: string[];
  runWoolProduced: string;
  lifetimeWoolProduced: string;
  soulShears: string;
  totalPrestiges: number;
  materializedAt: string;
  revision: number;
  [key: string]: unknown;
}

/** Every push type and its `data`. */
export interface PushData {
  commandCompleted: CommandCompleted;
  commandRejected: CommandRejected;
  gameStateChanged: GameStateView;
  offlineProgressGranted: OfflineProgressGranted;
  achievementUnlocked: AchievementUnlocked;
  saveAccepted: SaveAccepted;
  saveConflictResolved: SaveConflictResolved;
  backupRestored: BackupRestored;
  rankChanged: RankChanged;
  leaderboardUpdated: LeaderboardUpdated;
  notification: NotificationPush;
  friendOnline: FriendPresence;
  friendOffline: FriendPresence;
}

export type PushType = keyof PushData;

export const pushTypes: readonly PushType[] = [
  'commandCompleted', 'commandRejected', 'gameStateChanged', 'offlineProgressGranted', 'achievementUnlocked',
  'saveAccepted', 'saveConflictResolved', 'backupRestored', 'rankChanged', 'leaderboardUpdated', 'notification',
  'friendOnline', 'friendOffline',
];
