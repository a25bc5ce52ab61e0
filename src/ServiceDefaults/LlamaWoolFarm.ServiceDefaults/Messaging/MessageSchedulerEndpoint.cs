using Microsoft.Extensions.Configuration;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// Where the scheduler worker listens (<c>Messaging:SchedulerQueue</c>, default <c>scheduler</c>) and whether failed
/// messages are redelivered later through it (<c>Messaging:ScheduledRedelivery</c>, default true).
/// </summary>
public sealed record MessageSchedulerEndpoint(string QueueName, bool Redelivery)
{
    /// <summary>The default queue of the scheduler worker.</summary>
    public const string DefaultQueue = "scheduler";

    /// <summary>The short address senders use (<c>queue:name</c>), resolved by each transport.</summary>
    public Uri Address => new("queue:" + QueueName);

    /// <summary>The settings as configured.</summary>
    public static MessageSchedulerEndpoint From(IConfiguration configuration)
    {
        var queue = configuration["Messaging:SchedulerQueue"];
        return new(string.IsNullOrWhiteSpace(queue) ? DefaultQueue : queue.Trim(), configuration.GetValue("Messaging:ScheduledRedelivery", true));
    }
}
