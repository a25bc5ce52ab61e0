using LlamaWoolFarm.Domain.Catalog;

namespace LlamaWoolFarm.Domain.Rules;

/// <summary>An event's type and window (GAME_RULES §9) as a worker learned it: in force from <c>StartsAt</c> (inclusive) to <c>EndsAt</c> (exclusive).</summary>
public readonly record struct EventWindow(string Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>A stretch of time, <c>From</c> inclusive to <c>Until</c> exclusive, during which one set of effects held.</summary>
public readonly record struct EffectsPiece(DateTimeOffset From, DateTimeOffset Until, ActiveEffects Effects);

/// <summary>
/// The combined effects of a set of events over time, cut at every start and end, so production over an interval
/// can be counted at each stretch's own rate. Immutable: one instance serves every thread, and a worker hands out
/// the same instance for every command, so a lookup or a walk over an interval allocates nothing.
/// </summary>
public sealed class EffectsTimeline
{
    private readonly EffectsPiece[] _segments;
    private readonly ActiveEffects _outside;

    private EffectsTimeline(EffectsPiece[] segments, ActiveEffects outside)
    {
        _segments = segments;
        _outside = outside;
    }

    /// <summary>No event ever: every moment has <see cref="ActiveEffects.None"/>.</summary>
    public static EffectsTimeline Empty { get; } = new([], ActiveEffects.None);

    /// <summary>How many stretches with an effect of their own the timeline holds.</summary>
    public int Count => _segments.Length;

    /// <summary>One set of effects at every moment (the single-rate API of the engine).</summary>
    public static EffectsTimeline Constant(ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        return ReferenceEquals(effects, ActiveEffects.None) ? Empty : new([], effects);
    }

    /// <summary>
    /// Builds the timeline; a type the catalog does not know has no effect (a newer worker's event), and stretches
    /// where only effect-less events run (competitions) count as outside every event.
    /// </summary>
    public static EffectsTimeline Build(IEnumerable<EventWindow> events, GameCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(catalog);
        var known = events.Where(e => e.EndsAt > e.StartsAt && catalog.FindEventType(e.Type) is not null).ToList();
        var cuts = known.SelectMany(e => new[] { e.StartsAt, e.EndsAt }).Distinct().Order().ToList();
        var segments = new List<EffectsPiece>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var from = cuts[i];
            var types = known.Where(e => e.StartsAt <= from && from < e.EndsAt).Select(e => e.Type).ToList();
            var effects = types.Count > 0 ? ActiveEffects.FromEvents(types, catalog) : ActiveEffects.None;
            if (effects == ActiveEffects.None)
            {
                continue;
            }

            // Back-to-back stretches with the same effects are one stretch: fewer pieces to sum.
            if (segments.Count > 0 && segments[^1].Until == from && segments[^1].Effects == effects)
            {
                segments[^1] = segments[^1] with { Until = cuts[i + 1] };
            }
            else
            {
                segments.Add(new EffectsPiece(from, cuts[i + 1], effects));
            }
        }

        return segments.Count == 0 ? Empty : new([.. segments], ActiveEffects.None);
    }

    /// <summary>The effects at <paramref name="at"/> (a start is inside its event, an end is not).</summary>
    public ActiveEffects At(DateTimeOffset at)
    {
        var i = FirstEndingAfter(at);
        return i < _segments.Length && _segments[i].From <= at ? _segments[i].Effects : _outside;
    }

    /// <summary>
    /// True, with those effects, when one set of effects holds over all of [<paramref name="from"/>,
    /// <paramref name="until"/>); an empty interval is uniform with the effects at <paramref name="from"/>.
    /// </summary>
    public bool TryGetUniform(DateTimeOffset from, DateTimeOffset until, out ActiveEffects effects)
    {
        var i = FirstEndingAfter(from);
        if (i == _segments.Length)
        {
            effects = _outside;
            return true;
        }

        var segment = _segments[i];
        if (segment.From <= from)
        {
            effects = segment.Effects;
            return until <= segment.Until;
        }

        effects = _outside;
        return until <= segment.From;
    }

    /// <summary>The stretches that cover [<paramref name="from"/>, <paramref name="until"/>) exactly, in order; none when the interval is empty.</summary>
    public PieceEnumerator Between(DateTimeOffset from, DateTimeOffset until) => new(this, from, until);

    /// <summary>
    /// The most generous effects of any stretch of [<paramref name="from"/>, <paramref name="until"/>] (see
    /// <see cref="ActiveEffects.Envelope"/>): a bound over the interval that must hold whichever of them applied.
    /// </summary>
    public ActiveEffects Envelope(DateTimeOffset from, DateTimeOffset until)
    {
        ActiveEffects? envelope = null;
        foreach (var piece in Between(from, until))
        {
            envelope = envelope is null ? piece.Effects : envelope.Envelope(piece.Effects);
        }

        return envelope ?? At(from);
    }

    /// <summary>Index of the first stretch that ends after <paramref name="at"/>, or Count: stretches are sorted and disjoint.</summary>
    private int FirstEndingAfter(DateTimeOffset at)
    {
        int low = 0, high = _segments.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_segments[middle].Until <= at)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Walks the stretches of an interval without allocating (a struct used by <c>foreach</c>).</summary>
    public struct PieceEnumerator
    {
        private readonly EffectsTimeline _timeline;
        private readonly DateTimeOffset _until;
        private DateTimeOffset _cursor;
        private int _index;

        internal PieceEnumerator(EffectsTimeline timeline, DateTimeOffset from, DateTimeOffset until)
        {
            _timeline = timeline;
            _cursor = from;
            _until = until;
            _index = timeline.FirstEndingAfter(from);
            Current = default;
        }

        public EffectsPiece Current { get; private set; }

        public readonly PieceEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_cursor >= _until)
            {
                return false;
            }

            var segments = _timeline._segments;
            if (_index < segments.Length && segments[_index].From <= _cursor)
            {
                var end = segments[_index].Until < _until ? segments[_index].Until : _until;
                Current = new EffectsPiece(_cursor, end, segments[_index].Effects);
                _index++;
                _cursor = end;
                return true;
            }

            var gapEnd = _index < segments.Length && segments[_index].From < _until ? segments[_index].From : _until;
            Current = new EffectsPiece(_cursor, gapEnd, _timeline._outside);
            _cursor = gapEnd;
            return true;
        }
    }
}
