using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>Tells a player about an unlocked achievement (once per achievement).</summary>
public sealed class AchievementUnlockedNotificationConsumer(NotificationService notifications) : IConsumer<AchievementUnlocked>
{
    public async Task Consume(ConsumeContext<AchievementUnlocked> context)
    {
        if (await notifications.CreateAsync(NotificationDrafts.Achievement(context.Message), context.CancellationToken) is { } created)
        {
            await context.Publish(created, context.CancellationToken);
        }
    }
}
