using System.Text.Json;
using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Maintenance;
using LlamaWoolFarm.Gateway.Requests;

namespace LlamaWoolFarm.Gateway.Endpoints;

// The data of answers the gateway composes itself (the rest are the workers' contracts). Named records rather than
// anonymous objects, so the OpenAPI document can describe them; the JSON is the same camelCase shape.

/// <summary>A command accepted for the game worker (202): poll <c>GET commands/{commandId}</c> or wait for its push.</summary>
public sealed record CommandAccepted(Guid CommandId);

public sealed record RequestAccepted(bool Accepted);

public sealed record PasswordResetDone(bool PasswordReset);

public sealed record EmailVerifiedView(string Email, bool EmailVerified);

public sealed record PendingEmailView(string PendingEmail);

public sealed record VerificationSentView(string Email);

public sealed record LoggedOutView(bool LoggedOut);

public sealed record TwoFactorEnabledView(bool TwoFactorEnabled);

public sealed record ClientEventsAccepted(Guid CommandId, int Accepted, IReadOnlyList<RejectedAnalyticsEvent> Rejected);

public sealed record ExperimentView(string ExperimentId, string Variant, DateTimeOffset AssignedAt, bool FirstExposure);

public sealed record CallerFeaturesView(IReadOnlyDictionary<string, bool> Features);

public sealed record FeatureOverrideView(bool Enabled, int? Percentage, IReadOnlyList<Guid> Players, DateTimeOffset SetAt);

/// <summary>A flag: <c>source</c> is <c>settings</c> or <c>override</c> (then <c>override</c> is set).</summary>
public sealed record FeatureFlagView(string Name, string Source, FeatureOverrideView? Override);

public sealed record FeatureFlagsView(IReadOnlyList<FeatureFlagView> Features);

public sealed record FeatureRemovedView(bool Removed, FeatureFlagView Feature);

public sealed record MaintenanceSetView(MaintenanceView Maintenance, bool Notified);

public sealed record MaintenanceEndedView(bool Ended, MaintenanceView Maintenance);

public sealed record NotificationsView(IReadOnlyList<NotificationView> Notifications, int Unread);

public sealed record NotificationsMarkedView(int Marked, int Unread);

public sealed record MaintenanceNoticeView(Guid CommandId, NotificationView Notification, bool Replayed);

public sealed record OidcProviderView(string Name, string DisplayName, string Authority, string ClientId);

public sealed record OidcProvidersView(IReadOnlyList<OidcProviderView> Providers);

public sealed record OidcUnlinkedView(string Provider, bool Unlinked);

public sealed record AccountDeletionView(Guid DeletionId, DateTimeOffset RequestedAt, DateTimeOffset PurgeAt, bool Replayed);

/// <summary>Everything stored about the player: one JSON document per owner (<c>parts</c>, by part name).</summary>
public sealed record PlayerExportView(Guid PlayerId, DateTimeOffset ExportedAt, IReadOnlyDictionary<string, JsonElement> Parts);

/// <summary>The current save: its revision, the save document (big numbers as strings) and its checksum.</summary>
public sealed record CurrentSaveView(long Revision, JsonElement Save, string Checksum, DateTimeOffset At);

public sealed record SaveHistoryView(long CurrentRevision, IReadOnlyList<SaveRevisionSummary> Revisions);

public sealed record BackupsView(IReadOnlyList<BackupSummary> Backups);

public sealed record BackupRestoredView(Guid BackupId, long Revision, Guid PreRestoreBackupId, bool Replayed, DateTimeOffset RestoredAt);

public sealed record SaveAcceptedView(Guid CommandId, long Revision, string Checksum, IReadOnlyList<string> MigrationSteps, bool Replayed, DateTimeOffset AcceptedAt);

public sealed record DashboardSessionView(string Dashboard, DateTimeOffset ExpiresAt);

public sealed record AchievementView(string Id, string? Name, JsonElement? Condition, bool Unlocked);

public sealed record AchievementsListView(int RulesVersion, int UnlockedCount, int Total, IReadOnlyList<AchievementView> Achievements);

/// <summary>A ban as recorded and now enforced (<c>POST admin/players/{playerId}/ban</c>).</summary>
public sealed record BanResult(BanView Ban);

/// <summary>What <c>POST admin/players/{playerId}/clear</c> did: the ban lifted, how many records marked reviewed, the score after.</summary>
public sealed record PlayerClearedView(Guid PlayerId, bool BanLifted, int Reviewed, double Score);

/// <summary>The active bans every gateway instance enforces.</summary>
public sealed record BanListView(IReadOnlyList<BanView> Bans);
