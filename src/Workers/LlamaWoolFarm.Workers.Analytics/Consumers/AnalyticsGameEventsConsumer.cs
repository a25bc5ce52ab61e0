using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>
/// The game worker's events, on one analytics queue: each becomes time-series points. Applied actions are counted
/// from <see cref="GameStateChanged"/> (read as <see cref="GameActivity"/>), which names its action: subscribing to
/// <see cref="ActionApplied"/> as well would cost every command a second delivery to this queue.
/// </summary>
public sealed class AnalyticsGameEventsConsumer(AnalyticsRecorder recorder) :
    IConsumer<ActionRejected>,
    IConsumer<GameActivity>,
    IConsumer<PrestigeCompleted>,
    IConsumer<AchievementUnlocked>,
    IConsumer<OfflineProgressGranted>
{
    public Task Consume(ConsumeContext<ActionRejected> context) => recorder.OnActionRejectedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<GameActivity> context) => recorder.OnGameStateChangedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PrestigeCompleted> context) => recorder.OnPrestigeCompletedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<AchievementUnlocked> context)
    {
        recorder.OnAchievementUnlocked(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<OfflineProgressGranted> context)
    {
        recorder.OnOfflineProgressGranted(context.Message);
        return Task.CompletedTask;
    }
}
