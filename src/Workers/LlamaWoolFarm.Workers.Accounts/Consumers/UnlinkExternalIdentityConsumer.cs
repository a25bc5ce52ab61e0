using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers an unlink of a provider; refused when it is the player's last way to sign in.</summary>
public sealed class UnlinkExternalIdentityConsumer(ExternalIdentityService identities) : IConsumer<UnlinkExternalIdentity>
{
    public async Task Consume(ConsumeContext<UnlinkExternalIdentity> context) =>
        await context.RespondAsync(await identities.UnlinkAsync(context.Message, context.CancellationToken));
}
