using System.Text.Json;
using LlamaWoolFarm.Realtime.Hubs;
using LlamaWoolFarm.Storage.PushHistory;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace LlamaWoolFarm.Realtime.CatchUp;

/// <summary>Answers a reconnecting client from its player's push history.</summary>
public sealed class PushCatchUp(IPushHistoryStore history, ILogger<PushCatchUp> logger)
{
    /// <summary>The hub error of a negative <c>lastSeq</c>.</summary>
    public const string InvalidSequence = "INVALID_SEQUENCE";

    /// <summary>The hub error when the history store cannot answer; the client retries later or re-reads its state.</summary>
    public const string HistoryUnavailable = "HISTORY_UNAVAILABLE";

    /// <summary>The pushes after <paramref name="lastSeq"/>, or a resync; a <see cref="HubException"/> naming the code when neither can be given.</summary>
    public async Task<ResumeAnswer> ResumeAsync(Guid playerId, long lastSeq, CancellationToken cancellationToken)
    {
        if (lastSeq < 0)
        {
            throw new HubException($"{InvalidSequence}: lastSeq must be 0 (nothing processed yet) or the seq of the last push processed; got {lastSeq}.");
        }

        PushReplay replay;
        try
        {
            replay = await history.ReadAfterAsync(playerId, lastSeq, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or SqliteException or TimeoutException)
        {
            logger.LogWarning(e, "Push history unavailable for a resume of {PlayerId}", playerId);
            throw new HubException($"{HistoryUnavailable}: the push history cannot be read now; resume again shortly, or re-read the state.");
        }

        var missed = replay.Missed
            .Select(p => new RealtimeMessage(p.Push.Type, p.Push.Id, p.Push.Timestamp, JsonSerializer.Deserialize<JsonElement>(p.Push.Data), p.Seq))
            .ToList();
        return new ResumeAnswer(replay.Seq, replay.Resync, missed);
    }
}
