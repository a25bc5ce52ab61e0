using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Shows a player whose ban was lifted again, with the score it kept.</summary>
public sealed class PlayerBanLiftedLeaderboardConsumer(HiddenPlayers hidden) : IConsumer<PlayerBanLifted>
{
    public Task Consume(ConsumeContext<PlayerBanLifted> context) => hidden.ShowAsync(context.Message.PlayerId, context.CancellationToken);
}
