using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a player's own profile.</summary>
public sealed class GetProfileConsumer(ProfileService profiles) : IConsumer<GetProfile>
{
    public async Task Consume(ConsumeContext<GetProfile> context) =>
        await context.RespondAsync(await profiles.GetAsync(context.Message.PlayerId, context.CancellationToken));
}
