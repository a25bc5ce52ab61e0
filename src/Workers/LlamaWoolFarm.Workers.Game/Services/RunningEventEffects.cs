using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The effects of the events (GAME_RULES §9), fed by the saga's start and finish events and kept in
/// <c>running_events</c>. Lookups read an in-process timeline of the running and the finished events (a command
/// after an event ended still counts the part of its gap inside the event); it is loaded on first use, rebuilt after
/// every change this process makes and reloaded every <see cref="RefreshEvery"/> by
/// <see cref="RunningEventEffectsRefresh"/>, so replicas that did not consume a start message follow within that
/// time. An event's effects hold only inside its window, cut short by a finish that comes before its end, so a late
/// finish message never stretches them.
/// </summary>
public sealed class RunningEventEffects : IActiveEffectsProvider
{
    /// <summary>How often every replica reloads the running events from the document store.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private const int MaxEvents = 10_000;

    private readonly IDocumentCollection<RunningEventDocument> _events;
    private readonly GameEngine _engine = GameEngine.V1;
    private readonly Lock _publishLock = new();
    private Loaded? _current;
    private long _loads;

    public RunningEventEffects(IDocumentStore store) =>
        _events = store.Collection<RunningEventDocument>("running_events", new DocumentIndex("status"));

    /// <summary>The whole timeline this process knows: it covers every interval, and handing it out allocates nothing.</summary>
    public ValueTask<EffectsTimeline> GetTimelineAsync(Guid playerId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null ? ValueTask.FromResult(current.Timeline) : LoadThenGetTimelineAsync(cancellationToken);
    }

    /// <summary>Reads the running and finished events from the store and replaces the timeline (an older read never replaces a newer one).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _loads);
        var running = await _events.FindAsync("status", RunningEventDocument.Running, MaxEvents, cancellationToken);
        var finished = await _events.FindAsync("status", RunningEventDocument.Finished, MaxEvents, cancellationToken);
        var timeline = EffectsTimeline.Build(
            running.Concat(finished).Select(s => new EventWindow(s.Document.Type, s.Document.StartsAt, s.Document.EndsAt)),
            _engine.Catalog);
        lock (_publishLock)
        {
            if (_current is null || _current.Sequence < sequence)
            {
                Volatile.Write(ref _current, new Loaded(sequence, timeline));
            }
        }
    }

    /// <summary>Records a started event (a repeated start, or one after its finish, changes nothing) and applies it here at once.</summary>
    public async Task StartedAsync(CompetitionEventStarted started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        var document = new RunningEventDocument { EventId = started.EventId, Type = started.Type, StartsAt = started.StartsAt, EndsAt = started.EndsAt };
        if (await _events.GetAsync(Key(started.EventId), cancellationToken) is null
            && !await _events.InsertAsync(Key(started.EventId), document, cancellationToken))
        {
            throw new ConcurrencyException("The event was recorded by another consumer meanwhile.", typeof(RunningEventDocument), started.EventId);
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>Marks the event finished; without a start on record it leaves a finished mark, so a late start stays ignored.</summary>
    public async Task FinishedAsync(CompetitionEventFinished finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var stored = await _events.GetAsync(Key(finished.EventId), cancellationToken);
        var written = stored switch
        {
            null => await _events.InsertAsync(Key(finished.EventId), new RunningEventDocument { EventId = finished.EventId, Status = RunningEventDocument.Finished }, cancellationToken),
            { Document.Status: RunningEventDocument.Finished } => true,
            _ => await _events.ReplaceAsync(Key(finished.EventId), Finish(stored.Document, finished.FinishedAt), stored.Version, cancellationToken),
        };
        if (!written)
        {
            throw new ConcurrencyException("The event changed while it was marked finished.", typeof(RunningEventDocument), finished.EventId);
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>The window stays (past gaps inside it still count), but never reaches past the finish.</summary>
    private static RunningEventDocument Finish(RunningEventDocument document, DateTimeOffset finishedAt)
    {
        document.Status = RunningEventDocument.Finished;
        if (finishedAt < document.EndsAt)
        {
            document.EndsAt = finishedAt < document.StartsAt ? document.StartsAt : finishedAt;
        }

        return document;
    }

    private static string Key(Guid id) => id.ToString("N");

    private async ValueTask<EffectsTimeline> LoadThenGetTimelineAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        return Volatile.Read(ref _current)!.Timeline;
    }

    private sealed record Loaded(long Sequence, EffectsTimeline Timeline);
}
