namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>The valid events of one <c>POST analytics/events</c>, for the analytics worker to record.</summary>
public sealed record RecordClientEvents(
    Guid CommandId,
    Guid PlayerId,
    string? RequestId,
    IReadOnlyList<ClientEvent> Events,
    DateTimeOffset ReceivedAt);
