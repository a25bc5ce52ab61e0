using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The combined effects of a set of events over time, cut at every start and end, so a lookup for a moment is a scan
/// of a few segments with no allocation (it runs once per game command).
/// </summary>
public sealed class EffectsTimeline
{
    private readonly Segment[] _segments;

    private EffectsTimeline(Segment[] segments) => _segments = segments;

    public static EffectsTimeline Empty { get; } = new([]);

    /// <summary>How many segments with an effect the timeline holds.</summary>
    public int Count => _segments.Length;

    /// <summary>Builds the timeline; a type the catalog does not know has no effect (a newer worker's event).</summary>
    public static EffectsTimeline Build(IEnumerable<RunningEventDocument> events, GameCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(catalog);
        var known = events.Where(e => e.EndsAt > e.StartsAt && catalog.FindEventType(e.Type) is not null).ToList();
        var cuts = known.SelectMany(e => new[] { e.StartsAt, e.EndsAt }).Distinct().Order().ToList();
        var segments = new List<Segment>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var from = cuts[i];
            var types = known.Where(e => e.StartsAt <= from && from < e.EndsAt).Select(e => e.Type).ToList();
            if (types.Count > 0)
            {
                segments.Add(new Segment(from, cuts[i + 1], ActiveEffects.FromEvents(types, catalog)));
            }
        }

        return new EffectsTimeline([.. segments]);
    }

    /// <summary>The effects at <paramref name="at"/> (a start is inside its event, an end is not); <see cref="ActiveEffects.None"/> outside every event.</summary>
    public ActiveEffects At(DateTimeOffset at)
    {
        foreach (var segment in _segments)
        {
            if (segment.From <= at && at < segment.Until)
            {
                return segment.Effects;
            }
        }

        return ActiveEffects.None;
    }

    private readonly record struct Segment(DateTimeOffset From, DateTimeOffset Until, ActiveEffects Effects);
}
