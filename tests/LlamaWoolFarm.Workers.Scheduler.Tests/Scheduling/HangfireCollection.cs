namespace LlamaWoolFarm.Workers.Scheduler.Tests.Scheduling;

/// <summary>Tests that start Hangfire servers, which share process-wide configuration, run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "hangfire";
}
