namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>
/// One notification as a player sees it. <c>Broadcast</c> ones (events, maintenance) are shared by every player;
/// <c>Data</c> holds the kind's details (achievement id, event id, rank, Golden Fleece, friend id …) as text.
/// </summary>
public sealed record NotificationView(
    Guid NotificationId,
    string Kind,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    bool Broadcast,
    bool Read,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
