using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// The saves module's own knowledge of the events (GAME_RULES §9), fed by the saga's <c>CompetitionEventStarted</c>
/// and kept in <c>save_event_windows</c>, so upload validation never asks another module. Uploads read an in-process
/// timeline that is rebuilt after every start this process records and reloaded from the store once it is older than
/// <see cref="RefreshEvery"/>, so replicas that did not consume a start follow within that time.
/// </summary>
/// <remarks>
/// The finish message is not needed: an event's window is fixed when it starts, and the bound is the most generous
/// effects of the window, so keeping a window whole can only loosen it, never refuse an honest save.
/// </remarks>
public sealed class SaveEventWindows
{
    /// <summary>How old the in-process timeline may get before an upload reloads it from the store.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private const int MaxEventsPerType = 10_000;

    private readonly IDocumentCollection<EventWindowDocument> _windows;
    private readonly GameCatalog _catalog = GameCatalog.V1;
    private readonly Lock _publishLock = new();
    private Loaded? _current;
    private long _loads;
    private int _reloading;

    public SaveEventWindows(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _windows = store.Collection<EventWindowDocument>("save_event_windows", new DocumentIndex("type"));
    }

    /// <summary>The timeline of every event heard of; while one upload reloads it, the others use the one before.</summary>
    public ValueTask<EffectsTimeline> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        var fresh = current is not null && Environment.TickCount64 - current.LoadedAt < RefreshEvery.TotalMilliseconds;
        return fresh || (current is not null && Volatile.Read(ref _reloading) != 0)
            ? ValueTask.FromResult(current!.Timeline)
            : new ValueTask<EffectsTimeline>(ReloadAsync(cancellationToken));
    }

    /// <summary>Records a started event with an effect (a repeated start changes nothing) and applies it here at once.</summary>
    public async Task StartedAsync(CompetitionEventStarted started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        if (_catalog.FindEventType(started.Type) is not { } type || ActiveEffects.FromEvents([type.Id], _catalog) == ActiveEffects.None)
        {
            return;
        }

        var document = new EventWindowDocument { EventId = started.EventId, Type = started.Type, StartsAt = started.StartsAt, EndsAt = started.EndsAt };
        // False means the start was recorded before: its window never changes.
        await _windows.InsertAsync(started.EventId.ToString("N"), document, cancellationToken);
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Reads every window from the store and replaces the timeline (an older read never replaces a newer one).</summary>
    public async Task<EffectsTimeline> ReloadAsync(CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _loads);
        Interlocked.Increment(ref _reloading);
        try
        {
            var windows = new List<EventWindow>();
            foreach (var type in _catalog.EventTypes)
            {
                foreach (var stored in await _windows.FindAsync("type", type.Id, MaxEventsPerType, cancellationToken))
                {
                    windows.Add(new EventWindow(stored.Document.Type, stored.Document.StartsAt, stored.Document.EndsAt));
                }
            }

            var loaded = new Loaded(sequence, Environment.TickCount64, EffectsTimeline.Build(windows, _catalog));
            lock (_publishLock)
            {
                if (_current is null || _current.Sequence < sequence)
                {
                    Volatile.Write(ref _current, loaded);
                }

                return _current.Timeline;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _reloading);
        }
    }

    private sealed record Loaded(long Sequence, long LoadedAt, EffectsTimeline Timeline);
}
