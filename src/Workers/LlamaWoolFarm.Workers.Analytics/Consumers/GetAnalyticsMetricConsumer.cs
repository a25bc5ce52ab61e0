using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>Answers an admin metric query.</summary>
public sealed class GetAnalyticsMetricConsumer(MetricsService metrics) : IConsumer<GetAnalyticsMetric>
{
    public async Task Consume(ConsumeContext<GetAnalyticsMetric> context)
    {
        switch (await metrics.GetAsync(context.Message, context.CancellationToken))
        {
            case AnalyticsMetricSeries series:
                await context.RespondAsync(series);
                break;
            case AnalyticsMetricRejected rejected:
                await context.RespondAsync(rejected);
                break;
        }
    }
}
