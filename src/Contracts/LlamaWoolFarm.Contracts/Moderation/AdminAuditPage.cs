namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A page of the audit log, newest first; <c>Next</c> is the cursor of the following page (null at the end).</summary>
public sealed record AdminAuditPage(IReadOnlyList<AdminAuditEntry> Entries, string? Next);
