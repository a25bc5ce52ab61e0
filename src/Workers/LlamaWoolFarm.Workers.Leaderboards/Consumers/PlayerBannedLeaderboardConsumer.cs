using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Hides a banned player's entries on every board until the ban ends; its scores stay.</summary>
public sealed class PlayerBannedLeaderboardConsumer(HiddenPlayers hidden) : IConsumer<PlayerBanned>
{
    public Task Consume(ConsumeContext<PlayerBanned> context) =>
        hidden.HideAsync(context.Message.PlayerId, context.Message.ExpiresAt, context.CancellationToken);
}
