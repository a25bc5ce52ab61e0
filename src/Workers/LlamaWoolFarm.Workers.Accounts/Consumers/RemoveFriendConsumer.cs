using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the friend list after a friendship ended.</summary>
public sealed class RemoveFriendConsumer(ProfileService profiles) : IConsumer<RemoveFriend>
{
    public async Task Consume(ConsumeContext<RemoveFriend> context) =>
        await context.RespondAsync(await profiles.RemoveAsync(context.Message, context.CancellationToken));
}
