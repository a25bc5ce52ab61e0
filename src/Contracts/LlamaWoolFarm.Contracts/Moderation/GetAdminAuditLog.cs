namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>Query: the audit log newest first, <c>Limit</c> entries after the cursor <c>After</c> (null: from the newest). Answered by <see cref="AdminAuditPage"/>.</summary>
public sealed record GetAdminAuditLog(string? After, int Limit);
