using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a player's friends.</summary>
public sealed class GetFriendsConsumer(ProfileService profiles) : IConsumer<GetFriends>
{
    public async Task Consume(ConsumeContext<GetFriends> context) =>
        await context.RespondAsync(await profiles.FriendsAsync(context.Message.PlayerId, context.CancellationToken));
}
