using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Lifts a ban and/or marks anomalies reviewed; publishes <see cref="PlayerBanLifted"/> when a ban was lifted.</summary>
public sealed class ClearPlayerConsumer(AnomalyService anomalies) : IConsumer<ClearPlayer>
{
    public async Task Consume(ConsumeContext<ClearPlayer> context)
    {
        var answer = await anomalies.ClearAsync(context.Message, context.CancellationToken);
        if (answer is PlayerCleared { BanLifted: true } cleared)
        {
            await context.Publish(new PlayerBanLifted(cleared.PlayerId, context.Message.AdminId, cleared.At), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
