using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the friend list after a befriending, or the refusal.</summary>
public sealed class AddFriendConsumer(ProfileService profiles) : IConsumer<AddFriend>
{
    public async Task Consume(ConsumeContext<AddFriend> context) =>
        await context.RespondAsync(await profiles.AddAsync(context.Message, context.CancellationToken));
}
