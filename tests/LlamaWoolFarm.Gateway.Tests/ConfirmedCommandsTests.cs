using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The distributed gateway's accepted commands (<see cref="ConfirmedCommands"/>) on the real broker: by the time
/// the send completes, the command sits in a durable queue as a persistent message, sent on a channel in confirm
/// mode — MassTransit's defaults, which a 202 relies on.
/// </summary>
public sealed class ConfirmedCommandsTests
{
    [Fact]
    public async Task An_accepted_command_is_a_persistent_message_in_a_durable_queue_sent_with_publisher_confirms()
    {
        await using var vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(vhost.Isolated, "The RabbitMQ management API is needed to inspect the queue.");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:rabbitmq"] = vhost.ConnectionString,
        });
        builder.AddBus(GatewayModule.AddBusClients);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var commands = host.Services.GetRequiredService<IAcceptedCommands>();
            Assert.IsType<ConfirmedCommands>(commands);

            await commands.SendAsync(new SubmitClicks(Guid.NewGuid(), Guid.NewGuid(), 3, "confirm-test", DateTimeOffset.UtcNow), CancellationToken.None);

            var name = vhost.ApiName;
            using var management = RabbitVirtualHost.ManagementClient();
            var queue = await management.GetFromJsonAsync<JsonElement>($"api/queues/{name}/{Queues.Name<SubmitClicks>()}");
            Assert.True(queue.GetProperty("durable").GetBoolean());
            using var got = await management.PostAsync(
                new Uri($"api/queues/{name}/{Queues.Name<SubmitClicks>()}/get", UriKind.Relative),
                new StringContent("""{"count":1,"ackmode":"ack_requeue_true","encoding":"auto"}""", Encoding.UTF8, "application/json"));
            var messages = await got.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(2, messages[0].GetProperty("properties").GetProperty("delivery_mode").GetInt32());
            // The management API lists channels from statistics it refreshes every few seconds; a channel listed
            // before its first statistics has no "confirm" field yet.
            var confirming = false;
            for (var deadline = DateTime.UtcNow.AddSeconds(20); !confirming && DateTime.UtcNow < deadline; await Task.Delay(500))
            {
                var channels = await management.GetFromJsonAsync<JsonElement>($"api/vhosts/{name}/channels");
                confirming = channels.EnumerateArray().Any(c => c.TryGetProperty("confirm", out var confirm) && confirm.GetBoolean());
            }

            Assert.True(confirming, "No channel of the bus is in confirm mode.");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
