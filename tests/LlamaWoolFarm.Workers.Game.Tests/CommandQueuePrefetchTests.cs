using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Consumers;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// On the real broker, the queues of the commands the gateway accepts with 202 fetch no more than the worker runs at
/// once: a message fetched beyond that would be unacknowledged and outside the pipeline, where the backlog report
/// (ready count + commands in flight) cannot see it. The worker's other queues keep <c>Messaging:PrefetchCount</c>.
/// </summary>
public sealed class CommandQueuePrefetchTests
{
    [Fact]
    public async Task Accepted_command_queues_prefetch_the_concurrency_limit_other_queues_the_configured_prefetch()
    {
        await using var vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(vhost.Isolated, "The RabbitMQ management API is needed to read the consumers' prefetch.");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:rabbitmq"] = vhost.ConnectionString,
            ["Messaging:PrefetchCount"] = "100",
            ["Messaging:ConcurrentMessageLimit"] = "24",
        });
        // Only the endpoints are built here; consumers are resolved per message, and no message is sent.
        builder.AddBus(x =>
        {
            x.AddConsumer<SubmitClicksConsumer, SubmitClicksConsumerDefinition>();
            x.AddConsumer<PlayerActivityConsumer, PlayerActivityConsumerDefinition>();
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var name = vhost.ApiName;
            using var management = RabbitVirtualHost.ManagementClient();
            Dictionary<string, int> prefetch = [];
            // The management API lists consumers from statistics it refreshes every few seconds.
            for (var deadline = DateTime.UtcNow.AddSeconds(30); prefetch.Count < 2 && DateTime.UtcNow < deadline; await Task.Delay(500))
            {
                var consumers = await management.GetFromJsonAsync<JsonElement>($"api/consumers/{name}");
                prefetch = consumers.EnumerateArray()
                    .Select(c => (Queue: c.GetProperty("queue").GetProperty("name").GetString()!, Prefetch: c.GetProperty("prefetch_count").GetInt32()))
                    .Where(c => c.Queue == Queues.Name<SubmitClicks>() || c.Queue == Queues.Name<PlayerActivity>())
                    .ToDictionary(c => c.Queue, c => c.Prefetch);
            }

            Assert.Equal(24, prefetch[Queues.Name<SubmitClicks>()]);
            Assert.Equal(100, prefetch[Queues.Name<PlayerActivity>()]);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
