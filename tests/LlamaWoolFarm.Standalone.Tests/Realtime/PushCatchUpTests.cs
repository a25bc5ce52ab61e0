using LlamaWoolFarm.Realtime.CatchUp;
using LlamaWoolFarm.Storage.PushHistory;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace LlamaWoolFarm.Standalone.Tests.Realtime;

/// <summary>The hub's resume answer when the history store is down.</summary>
public sealed class PushCatchUpTests
{
    [Fact]
    public async Task A_history_store_that_cannot_answer_is_reported_as_HISTORY_UNAVAILABLE()
    {
        var catchUp = new PushCatchUp(new UnreachableHistory(), NullLogger<PushCatchUp>.Instance);

        var error = await Assert.ThrowsAsync<HubException>(() => catchUp.ResumeAsync(Guid.NewGuid(), 5, CancellationToken.None));

        Assert.StartsWith(PushCatchUp.HistoryUnavailable + ":", error.Message, StringComparison.Ordinal);
    }

    // Redis gone: every call fails as StackExchange.Redis fails when no server answers.
    private sealed class UnreachableHistory : IPushHistoryStore
    {
        public Task<IReadOnlyList<long>> AppendAsync(Guid playerId, IReadOnlyList<PushRecord> pushes, CancellationToken cancellationToken = default) =>
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is available.");

        public Task<PushReplay> ReadAfterAsync(Guid playerId, long lastSeq, CancellationToken cancellationToken = default) =>
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is available.");
    }
}
