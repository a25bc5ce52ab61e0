using System.Globalization;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// The collections the saves module owns: <c>saves</c>, <c>save_revisions</c>, <c>save_backups</c>,
/// <c>save_activity</c>, <c>save_rejections</c>. The game state is the game worker's (<see cref="IGameStates"/>).
/// </summary>
public sealed class SaveRepository
{
    public const int RecentOutcomesKept = 32;

    private const int LockStripes = 64;

    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1))];

    public SaveRepository(IDocumentStore store)
    {
        Heads = store.Collection<SaveHead>("saves");
        Revisions = store.Collection<SaveRevision>("save_revisions", new DocumentIndex("playerId"));
        Backups = store.Collection<SaveBackup>("save_backups", new DocumentIndex("playerId"));
        Activity = store.Collection<ActivityMark>("save_activity", new DocumentIndex("day"));
        Rejections = store.Collection<SaveRejection>("save_rejections", new DocumentIndex("playerId"));
    }

    public IDocumentCollection<SaveHead> Heads { get; }

    public IDocumentCollection<SaveRevision> Revisions { get; }

    public IDocumentCollection<SaveBackup> Backups { get; }

    public IDocumentCollection<ActivityMark> Activity { get; }

    public IDocumentCollection<SaveRejection> Rejections { get; }

    public static string Key(Guid id) => id.ToString("N");

    /// <summary>Revision ids count down, so id order (the order of indexed queries) is newest first.</summary>
    public static string RevisionKey(Guid playerId, long revision) =>
        $"{Key(playerId)}:{(long.MaxValue - revision).ToString("D19", CultureInfo.InvariantCulture)}";

    public static string ActivityKey(Guid playerId, string day) => $"{day}:{Key(playerId)}";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Serializes the saves module's writes for one player inside this process, so two uploads of one player do
    /// not race each other here; across processes the optimistic versions decide (and the loser is retried).
    /// </summary>
    public async Task<IDisposable> LockAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var gate = _locks[(int)((uint)playerId.GetHashCode() % LockStripes)];
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    /// <summary>The newest save revision: the head's, or a newer one already committed in the game state whose head write is still on its way.</summary>
    public static long CurrentRevision(SaveHead head, GameStateSnapshot gameState) => Math.Max(head.Revision, gameState.SaveRevision);

    /// <summary>Writes the head: insert when there was none (version 0), replace-if-version otherwise.</summary>
    public async Task WriteHeadAsync(Guid playerId, SaveHead head, long readVersion, CancellationToken cancellationToken)
    {
        if (head.RecentOutcomes.Count > RecentOutcomesKept)
        {
            head.RecentOutcomes.RemoveRange(0, head.RecentOutcomes.Count - RecentOutcomesKept);
        }

        var written = readVersion == 0
            ? await Heads.InsertAsync(Key(playerId), head, cancellationToken)
            : await Heads.ReplaceAsync(Key(playerId), head, readVersion, cancellationToken);
        if (!written)
        {
            throw new ConcurrencyException("The save head changed while a save was applied.", typeof(SaveHead), playerId);
        }
    }

    /// <summary>
    /// Records a committed revision's outcome in the head. The game state already holds the revision, so a concurrent
    /// head write is not a refusal: under <see cref="OptimisticRetry"/> it reads the head again and merges (the newest
    /// revision wins the head's revision number, every outcome is kept); past its attempts the message is retried, and
    /// the redelivered command finds its revision committed and finishes here.
    /// </summary>
    public Task RecordCommittedAsync(Guid playerId, SaveHead head, long headVersion, SaveOutcomeRecord outcome, CancellationToken cancellationToken)
    {
        var reread = false;
        return OptimisticRetry.RunAsync(
            async ct =>
            {
                if (reread)
                {
                    var stored = await Heads.GetAsync(Key(playerId), ct);
                    (head, headVersion) = (stored?.Document ?? new SaveHead { PlayerId = playerId }, stored?.Version ?? 0);
                }

                reread = true;
                if (head.RecentOutcomes.Exists(o => o.CommandId == outcome.CommandId))
                {
                    return;
                }

                if (outcome.Revision >= head.Revision)
                {
                    head.Revision = outcome.Revision;
                    head.UpdatedAt = outcome.At;
                }

                head.RecentOutcomes.Add(outcome);
                try
                {
                    await WriteHeadAsync(playerId, head, headVersion, ct);
                }
                catch (ConcurrencyException e)
                {
                    throw new DocumentConflictException(e.Message, e);
                }
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// The writes after the commit point of an upload or a restore: the revision document, the head's outcome and the
    /// activity mark. Each is safe to repeat (a retry rewrites the same revision key, the head merges outcomes), so
    /// they go out together: on the embedded store they then share one SQLite transaction instead of paying for three.
    /// </summary>
    public Task RecordRevisionAsync(SaveRevision revision, int keep, SaveHead head, long headVersion, SaveOutcomeRecord outcome, CancellationToken cancellationToken) =>
        Task.WhenAll(
            AddRevisionAsync(revision, keep, cancellationToken),
            RecordCommittedAsync(revision.PlayerId, head, headVersion, outcome, cancellationToken),
            MarkActiveAsync(revision.PlayerId, outcome.At, cancellationToken));

    /// <summary>Adds a revision and drops the one that falls out of the kept history.</summary>
    public async Task AddRevisionAsync(SaveRevision revision, int keep, CancellationToken cancellationToken)
    {
        // A retried command may find its revision number written by an attempt whose head write lost: replace it.
        var key = RevisionKey(revision.PlayerId, revision.Revision);
        if (!await Revisions.InsertAsync(key, revision, cancellationToken))
        {
            var existing = await Revisions.GetAsync(key, cancellationToken);
            if (existing is null || !await Revisions.ReplaceAsync(key, revision, existing.Version, cancellationToken))
            {
                throw new ConcurrencyException("A save revision changed while it was written.", typeof(SaveRevision), revision.PlayerId);
            }
        }

        if (revision.Revision > keep)
        {
            await Revisions.DeleteAsync(RevisionKey(revision.PlayerId, revision.Revision - keep), cancellationToken);
        }
    }

    public Task MarkActiveAsync(Guid playerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = Day(now);
        return Activity.InsertAsync(ActivityKey(playerId, day), new ActivityMark { PlayerId = playerId, Day = day }, cancellationToken);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
