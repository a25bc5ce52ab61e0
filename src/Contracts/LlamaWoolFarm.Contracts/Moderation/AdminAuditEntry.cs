namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>One audit log entry (see <see cref="AdminActionPerformed"/>).</summary>
public sealed record AdminAuditEntry(Guid ActionId, Guid AdminId, string Action, string Target, string? Details, int Status, DateTimeOffset At);
