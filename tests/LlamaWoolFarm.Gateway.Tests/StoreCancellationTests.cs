using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Operations;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// StackExchange.Redis reports some failed calls as a cancelled task though nobody cancelled (seen in CI: the presence
/// sweep's script call, which then ended the realtime host). Such a cancellation is the store's failure, handled like
/// any other; only the caller's own cancellation still ends the call.
/// </summary>
public sealed class StoreCancellationTests
{
    [Fact]
    public void Only_a_cancellation_whose_own_token_was_cancelled_is_the_callers()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(new OperationCanceledException().IsCancellationOf(cancelled.Token));
        Assert.True(new TaskCanceledException().IsCancellationOf(cancelled.Token));
        Assert.False(new TaskCanceledException().IsCancellationOf(CancellationToken.None));
        Assert.False(new InvalidOperationException().IsCancellationOf(cancelled.Token));
    }

    [Fact]
    public async Task A_store_call_cancelled_by_the_store_keeps_the_last_known_ban_list()
    {
        var store = new CancellingStore();
        var bans = new BanList(store, new ModerationOptions { BanListCacheSeconds = 0 }, TimeProvider.System, NullLogger<BanList>.Instance);

        Assert.Null(await bans.FindAsync(Guid.NewGuid()));
        Assert.Equal(1, store.Calls);
    }

    [Fact]
    public async Task The_callers_own_cancellation_still_ends_the_call()
    {
        var bans = new BanList(new CancellingStore(), new ModerationOptions { BanListCacheSeconds = 0 }, TimeProvider.System, NullLogger<BanList>.Instance);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bans.FindAsync(Guid.NewGuid(), cancelled.Token));
    }

    /// <summary>A store whose every read ends as a cancelled task nobody asked for.</summary>
    private sealed class CancellingStore : IOperationsStateStore
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<string, string>> GetAllAsync(string section, CancellationToken cancellationToken = default)
        {
            Calls++;
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromException<IReadOnlyDictionary<string, string>>(new TaskCanceledException("A task was canceled."));
        }

        public Task SetAsync(string section, string name, string value, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RemoveAsync(string section, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
