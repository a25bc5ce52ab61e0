using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the changed profile or the refusal.</summary>
public sealed class UpdateProfileConsumer(ProfileService profiles) : IConsumer<UpdateProfile>
{
    public async Task Consume(ConsumeContext<UpdateProfile> context) =>
        await context.RespondAsync(await profiles.UpdateAsync(context.Message, context.CancellationToken));
}
