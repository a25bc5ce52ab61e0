namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// An event with an effect on production, prices or prestige, as the saves worker heard of its start (collection
/// <c>save_event_windows</c>, id = event id, indexed by type), so uploads are bounded with the effects of their window.
/// </summary>
public sealed class EventWindowDocument
{
    public Guid EventId { get; set; }

    public string Type { get; set; } = string.Empty;

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}
