using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Writes an admin action to the audit log (once, however often it is delivered).</summary>
public sealed class AdminActionPerformedConsumer(AuditLog audit) : IConsumer<AdminActionPerformed>
{
    public Task Consume(ConsumeContext<AdminActionPerformed> context) => audit.RecordAsync(context.Message, context.CancellationToken);
}
