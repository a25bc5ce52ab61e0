using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a page of the audit log, newest first.</summary>
public sealed class GetAdminAuditLogConsumer(AuditLog audit) : IConsumer<GetAdminAuditLog>
{
    public async Task Consume(ConsumeContext<GetAdminAuditLog> context) =>
        await context.RespondAsync(await audit.PageAsync(context.Message.After, context.Message.Limit, context.CancellationToken));
}
