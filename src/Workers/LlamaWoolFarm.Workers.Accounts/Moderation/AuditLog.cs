using System.Globalization;
using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Moderation;

/// <summary>
/// The admin audit log (collection <c>admin_audit_log</c>). Ids sort newest first (the inverted time, then the
/// action id), so a page is a plain id-ordered read and a redelivered action is inserted once.
/// </summary>
public sealed class AuditLog(IDocumentStore store)
{
    private readonly IDocumentCollection<AdminAuditEntry> _entries = store.Collection<AdminAuditEntry>("admin_audit_log");

    public async Task RecordAsync(AdminActionPerformed action, CancellationToken cancellationToken)
    {
        var entry = new AdminAuditEntry(action.ActionId, action.AdminId, action.Action, action.Target, action.Details, action.Status, action.At);
        await _entries.InsertAsync(Key(action.At, action.ActionId), entry, cancellationToken);
    }

    public async Task<AdminAuditPage> PageAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        var page = await _entries.ListAsync(after ?? string.Empty, limit + 1, cancellationToken);
        var entries = page.Take(limit).Select(s => s.Document).ToList();
        return new AdminAuditPage(entries, page.Count > limit ? page[limit - 1].Id : null);
    }

    private static string Key(DateTimeOffset at, Guid actionId) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + actionId.ToString("N");
}
