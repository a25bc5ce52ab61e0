using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a link of an OpenID Connect identity to a signed-in player.</summary>
public sealed class LinkExternalIdentityConsumer(ExternalIdentityService identities) : IConsumer<LinkExternalIdentity>
{
    public async Task Consume(ConsumeContext<LinkExternalIdentity> context) =>
        await context.RespondAsync(await identities.LinkAsync(context.Message, context.CancellationToken));
}
