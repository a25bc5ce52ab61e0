using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>The one retry policy for optimistic conflicts: it retries a conflict, gives up after its attempts, and lets everything else through.</summary>
public sealed class OptimisticRetryTests
{
    [Fact]
    public async Task A_conflict_is_retried_until_an_attempt_succeeds()
    {
        var attempts = 0;

        var result = await OptimisticRetry.RunAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new DocumentConflictException() : ValueTask.FromResult("written");
        }, CancellationToken.None);

        Assert.Equal("written", result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Conflicts_that_outlast_the_attempts_end_with_the_last_conflict()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<DocumentConflictException>(async () => await OptimisticRetry.RunAsync(_ =>
        {
            attempts++;
            throw new DocumentConflictException($"conflict {attempts}");
        }, CancellationToken.None));

        Assert.Equal(OptimisticRetry.MaxAttempts, attempts);
    }

    [Fact]
    public async Task Another_exception_passes_through_at_once()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await OptimisticRetry.RunAsync<int>(_ =>
        {
            attempts++;
            throw new InvalidOperationException("a bug, not a conflict");
        }, CancellationToken.None));

        Assert.Equal("a bug, not a conflict", error.Message);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_cancelled_caller_stops_the_retries()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await OptimisticRetry.RunAsync(_ =>
        {
            attempts++;
            cancel.Cancel();
            throw new DocumentConflictException();
        }, cancel.Token));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_write_that_lost_on_the_real_store_reads_again_and_keeps_both_changes()
    {
        var farms = new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")).Collection<DocumentStoreContract.Farm>("farms");
        await farms.InsertAsync("a", new DocumentStoreContract.Farm { Buildings = [] });
        var attempts = 0;

        await OptimisticRetry.RunAsync(async ct =>
        {
            attempts++;
            var stored = (await farms.GetAsync("a", ct))!;
            if (attempts == 1)
            {
                // Another writer replaces the document between this attempt's read and its write.
                await farms.ReplaceAsync("a", new DocumentStoreContract.Farm { Buildings = ["barn"] }, stored.Version, ct);
            }

            stored.Document.Buildings.Add("shed");
            if (!await farms.ReplaceAsync("a", stored.Document, stored.Version, ct))
            {
                throw new DocumentConflictException();
            }
        }, CancellationToken.None);

        var final = (await farms.GetAsync("a"))!;
        Assert.Equal(2, attempts);
        Assert.Equal(["barn", "shed"], final.Document.Buildings);
        Assert.Equal(3, final.Version);
    }
}
