namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>
/// The gateway carried out an admin request: who (<c>AdminId</c>), what (<c>Action</c>, e.g.
/// <c>POST admin/players/{playerId}/ban</c>), on what (<c>Target</c>), the details (the request body, shortened) and
/// the answer's status. Recorded in the audit log.
/// </summary>
public sealed record AdminActionPerformed(Guid ActionId, Guid AdminId, string Action, string Target, string? Details, int Status, DateTimeOffset At);
