using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the friend list after a befriending, or the refusal; a new friendship is published as <see cref="FriendAdded"/>.</summary>
public sealed class AddFriendConsumer(ProfileService profiles) : IConsumer<AddFriend>
{
    public async Task Consume(ConsumeContext<AddFriend> context)
    {
        var (answer, added) = await profiles.AddAsync(context.Message, context.CancellationToken);
        await context.RespondAsync(answer);
        if (added is not null)
        {
            await context.Publish(added, context.CancellationToken);
        }
    }
}
