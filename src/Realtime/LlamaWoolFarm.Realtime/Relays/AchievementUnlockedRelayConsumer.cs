using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Relays an unlocked achievement to its player as <c>achievementUnlocked</c>.</summary>
public sealed class AchievementUnlockedRelayConsumer(PlayerPush push) : IConsumer<AchievementUnlocked>
{
    public Task Consume(ConsumeContext<AchievementUnlocked> context) =>
        push.SendAsync(context, context.Message.PlayerId, "achievementUnlocked", context.Message);
}
