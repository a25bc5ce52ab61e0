using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Bans a player; publishes <see cref="PlayerBanned"/> (the leaderboards hide it) and answers the ban or the refusal.</summary>
public sealed class BanPlayerConsumer(AnomalyService anomalies) : IConsumer<BanPlayer>
{
    public async Task Consume(ConsumeContext<BanPlayer> context)
    {
        var answer = await anomalies.BanAsync(context.Message, context.CancellationToken);
        if (answer is PlayerBanned banned)
        {
            await context.Publish(banned, context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
