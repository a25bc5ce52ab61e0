using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>
/// Score changes arrive after every game command: they are taken up to 100 at a time (or whatever arrived within
/// 100 ms), so one board write serves many commands. Writes are idempotent by revision, so a retried batch is safe.
/// </summary>
public sealed class ScoresChangedConsumerDefinition : ConsumerDefinition<ScoresChangedConsumer>
{
    public const int BatchSize = 100;

    public ScoresChangedConsumerDefinition() => Endpoint(e =>
    {
        e.PrefetchCount = BatchSize * 2;
        e.ConcurrentMessageLimit = BatchSize * 2;
    });

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ScoresChangedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(100))
            .SetConcurrencyLimit(2));
}
