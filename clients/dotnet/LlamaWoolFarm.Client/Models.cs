using System.Text.Json;
using System.Text.Json.Nodes;

// Request and response models, written by hand: the served /openapi/v1.json documents no response bodies yet
// (issue 18, part 1 is rewriting it), so a generator would produce empty types. Field names follow the JSON the
// gateway answers (camelCase); amounts are BigNumber because the server sends them as decimal strings.
namespace LlamaWoolFarm.Client;

/// <summary>A signed-in player's tokens. Keep <see cref="RefreshToken"/> (it rotates on every refresh) to resume later.</summary>
public sealed class Session
{
    public Guid PlayerId { get; init; }

    public string AccessToken { get; init; } = string.Empty;

    public string RefreshToken { get; init; } = string.Empty;

    /// <summary>When the access token stops being accepted (the client refreshes before, or on a 401).</summary>
    public DateTimeOffset AccessTokenExpiresAt { get; init; }
}

/// <summary>The answer of <c>auth/guest</c>, <c>register</c>, <c>login</c>, <c>refresh</c> and <c>link</c>.</summary>
public sealed class TokenResponse
{
    public string AccessToken { get; set; } = string.Empty;

    public string TokenType { get; set; } = string.Empty;

    public int ExpiresIn { get; set; }

    public Guid PlayerId { get; set; }

    public string RefreshToken { get; set; } = string.Empty;

    public int RefreshExpiresIn { get; set; }
}

public sealed class PlayerProfile
{
    public Guid PlayerId { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? FriendCode { get; set; }

    public IReadOnlyList<string> Roles { get; set; } = [];

    public bool IsGuest { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary><c>GET game/state</c>: the farm materialized at the server's time.</summary>
public sealed class GameState
{
    public Guid PlayerId { get; set; }

    /// <summary>Counts the applied commands.</summary>
    public long Revision { get; set; }

    public IReadOnlyDictionary<string, BigNumber> WoolCounts { get; set; } = new Dictionary<string, BigNumber>();

    public IReadOnlyDictionary<string, BigNumber> RatesPerSecond { get; set; } = new Dictionary<string, BigNumber>();

    public IReadOnlyDictionary<string, int> Buildings { get; set; } = new Dictionary<string, int>();

    public IReadOnlyList<string> Upgrades { get; set; } = [];

    public IReadOnlyList<string> Achievements { get; set; } = [];

    public IReadOnlyList<string> UnlockedWoolTypes { get; set; } = [];

    public BigNumber RunWoolProduced { get; set; }

    public BigNumber LifetimeWoolProduced { get; set; }

    public BigNumber SoulShears { get; set; }

    public int TotalPrestiges { get; set; }

    public DateTimeOffset MaterializedAt { get; set; }

    public int RulesVersion { get; set; }

    public IReadOnlyDictionary<string, BigNumber>? NextBuildingPrices { get; set; }

    public BigNumber ClickPower { get; set; }

    public BigNumber NetWorth { get; set; }

    public long GoldenFleece { get; set; }

    public BigNumber PrestigeGain { get; set; }

    /// <summary>The offline progress waiting to be claimed, as the server sent it (null when none).</summary>
    public JsonElement? OfflinePending { get; set; }
}

/// <summary>A game command: <c>click</c>, <c>purchaseBuilding</c>, <c>purchaseUpgrade</c> or <c>prestige</c>.</summary>
public sealed class GameAction
{
    public string Type { get; set; } = string.Empty;

    public string? Target { get; set; }

    public int? Quantity { get; set; }

    public static GameAction Click(int quantity) => new() { Type = "click", Quantity = quantity };

    public static GameAction PurchaseBuilding(string building, int quantity = 1) => new() { Type = "purchaseBuilding", Target = building, Quantity = quantity };

    public static GameAction PurchaseUpgrade(string upgrade) => new() { Type = "purchaseUpgrade", Target = upgrade };

    public static GameAction Prestige() => new() { Type = "prestige" };
}

/// <summary>A command's 202 answer: it is durable and will be applied once; its outcome arrives as a push.</summary>
public sealed class CommandAccepted
{
    public Guid CommandId { get; set; }

    /// <summary>The Idempotency-Key the command was sent with (every attempt used the same one).</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    /// <summary>How many HTTP attempts it took (1 when the first answer came back).</summary>
    public int Attempts { get; set; }
}

/// <summary><c>GET commands/{id}</c>: <c>pending</c>, <c>completed</c> or <c>rejected</c>.</summary>
public sealed class CommandStatus
{
    public Guid CommandId { get; set; }

    public string Status { get; set; } = string.Empty;

    public string? ActionType { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public IReadOnlyDictionary<string, string>? Changes { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>One of <c>totalWool</c>, <c>netWorth</c>, <c>prestige</c>, <c>woolPerSecond</c>.</summary>
public static class LeaderboardCategories
{
    public const string TotalWool = "totalWool";
    public const string NetWorth = "netWorth";
    public const string Prestige = "prestige";
    public const string WoolPerSecond = "woolPerSecond";
}

public sealed class LeaderboardPage
{
    public string Category { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public string? Season { get; set; }

    public long Total { get; set; }

    public long Offset { get; set; }

    public bool Final { get; set; }

    public IReadOnlyList<LeaderboardEntry> Entries { get; set; } = [];
}

public sealed class LeaderboardEntry
{
    public Guid PlayerId { get; set; }

    public string? DisplayName { get; set; }

    public long Rank { get; set; }

    public BigNumber Score { get; set; }

    public DateTimeOffset? ReachedAt { get; set; }
}

public sealed class LeaderboardRank
{
    public Guid PlayerId { get; set; }

    public string Category { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public string? Season { get; set; }

    /// <summary>Null when the player is not on the board yet.</summary>
    public long? Rank { get; set; }

    public BigNumber? Score { get; set; }

    public long Total { get; set; }
}

/// <summary><c>GET saves/current</c>; the client checked <see cref="Checksum"/> against <see cref="Save"/>.</summary>
public sealed class SaveDownload
{
    public long Revision { get; set; }

    public JsonObject Save { get; set; } = [];

    public string Checksum { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary><c>PUT saves/current</c> accepted.</summary>
public sealed class SaveUploadResult
{
    public long Revision { get; set; }

    public string? Checksum { get; set; }

    public IReadOnlyList<string>? MigrationSteps { get; set; }

    public bool Replayed { get; set; }
}

public sealed class NotificationList
{
    public IReadOnlyList<Notification> Notifications { get; set; } = [];

    public int Unread { get; set; }
}

public sealed class Notification
{
    public Guid NotificationId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public JsonElement? Data { get; set; }

    public bool Broadcast { get; set; }

    public bool Read { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A push as the hub sends it: <c>{ type, id, timestamp, data, seq }</c>.</summary>
public sealed class PushMessage
{
    public string Type { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public DateTimeOffset Timestamp { get; set; }

    public JsonElement Data { get; set; }

    /// <summary>The push's number in its player's series; null for broadcasts and presence pushes.</summary>
    public long? Seq { get; set; }

    /// <summary>True when it came from <c>resume</c> after a reconnect rather than live.</summary>
    public bool CaughtUp { get; set; }

    /// <summary>The data as <typeparamref name="T"/> (camelCase, big numbers from strings).</summary>
    public T DataAs<T>() => Data.Deserialize<T>(Json.Options) ?? throw new JsonException($"The {Type} push carries no data.");
}

/// <summary>The data of <c>commandCompleted</c>.</summary>
public sealed class CommandCompleted
{
    public Guid CommandId { get; set; }

    public Guid PlayerId { get; set; }

    public string ActionType { get; set; } = string.Empty;

    public string? Target { get; set; }

    public int Quantity { get; set; }

    public IReadOnlyDictionary<string, string> Changes { get; set; } = new Dictionary<string, string>();

    public DateTimeOffset AppliedAt { get; set; }
}

/// <summary>The data of <c>commandRejected</c>: the game refused the command (e.g. <c>INSUFFICIENT_RESOURCES</c>).</summary>
public sealed class CommandRejected
{
    public Guid CommandId { get; set; }

    public Guid PlayerId { get; set; }

    public string ActionType { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public DateTimeOffset RejectedAt { get; set; }
}

/// <summary>How a command ended, from its push.</summary>
public sealed class CommandOutcome
{
    public Guid CommandId { get; set; }

    public bool Completed => Rejection is null;

    public CommandCompleted? Completion { get; set; }

    public CommandRejected? Rejection { get; set; }
}

/// <summary>The hub's answer to <c>resume(lastSeq)</c>.</summary>
public sealed class ResumeAnswer
{
    public long Seq { get; set; }

    public bool Resync { get; set; }

    public IReadOnlyList<PushMessage> Missed { get; set; } = [];
}
