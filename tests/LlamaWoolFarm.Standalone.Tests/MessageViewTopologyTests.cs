using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Realtime.Relays;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Analytics.Consumers;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// On the real broker, the consumers that read <see cref="GameStateChanged"/> through a view of their own
/// (<see cref="MessageViews"/>) are bound to the contract's exchange, which the game worker publishes to, and no
/// exchange is made for the view; and a view's consumer gets what is published as the contract.
/// </summary>
public sealed class MessageViewTopologyTests
{
    private const string Contract = "LlamaWoolFarm.Contracts.Game:GameStateChanged";

    [Fact]
    public async Task A_view_consumer_on_RabbitMQ_is_bound_to_the_contract_exchange_and_gets_the_published_contract()
    {
        await using var vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(vhost.Isolated, "The RabbitMQ management API is needed to read the bindings.");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:rabbitmq"] = vhost.ConnectionString,
        });
        // The relay and analytics consumers are resolved per message, and the test publishes only to the probe's view
        // exchange's contract: their queues are declared and bound, and what reaches them is never consumed here.
        builder.AddBus(x =>
        {
            x.AddConsumer<GameStateChangedRelayConsumer, GameStateChangedRelayConsumerDefinition>();
            x.AddConsumer<AnalyticsGameEventsConsumer, AnalyticsGameEventsConsumerDefinition>();
            x.AddConsumer<ViewProbe, ViewProbeDefinition>();
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var player = Guid.NewGuid();
            var state = new GameStateView(player, 3, new Dictionary<string, string> { ["basic"] = "12" }, new Dictionary<string, string>(), new Dictionary<string, int>(), [], [], "12", "40", "0", 0, DateTimeOffset.UtcNow);
            var bus = host.Services.GetRequiredService<IBus>();
            await bus.Publish(new GameStateChanged(player, null, 3, state, DateTimeOffset.UtcNow) { WoolProduced = "2" });

            var received = await ViewProbe.Received(player).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(3, received.Revision);
            Assert.Equal("2", received.WoolProduced);
            Assert.Equal("40", received.State?.LifetimeWoolProduced);

            var name = vhost.ApiName;
            using var management = RabbitVirtualHost.ManagementClient();
            // MassTransit binds a message type's exchange to an exchange named after the queue, which feeds the queue.
            var bindings = await management.GetFromJsonAsync<JsonElement>($"api/exchanges/{name}/{Uri.EscapeDataString(Contract)}/bindings/source");
            var fed = bindings.EnumerateArray().Select(b => b.GetProperty("destination").GetString()).ToList();
            Assert.Contains("game-state-changed-relay", fed);
            Assert.Contains("analytics-game-events", fed);
            Assert.Contains("view-probe", fed);

            var exchanges = (await management.GetFromJsonAsync<JsonElement>($"api/exchanges/{name}")).EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
            Assert.Contains(Contract, exchanges);
            Assert.DoesNotContain(exchanges, e => e.EndsWith(":GameStateChangedPush", StringComparison.Ordinal) || e.EndsWith(":GameActivity", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Reads <see cref="GameStateChanged"/> as analytics does, and hands each player's first event to the test.</summary>
    public sealed class ViewProbe : IConsumer<GameActivity>
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource<GameActivity>> Seen = new();

        public static Task<GameActivity> Received(Guid player) => Seen.GetOrAdd(player, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task Consume(ConsumeContext<GameActivity> context)
        {
            Seen.GetOrAdd(context.Message.PlayerId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(context.Message);
            return Task.CompletedTask;
        }
    }

    public sealed class ViewProbeDefinition : ConsumerDefinition<ViewProbe>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ViewProbe> consumerConfigurator, IRegistrationContext context) =>
            endpointConfigurator.BindViewOf<GameActivity, GameStateChanged>();
    }
}
