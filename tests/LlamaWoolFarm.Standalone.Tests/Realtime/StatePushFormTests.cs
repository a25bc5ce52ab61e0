using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Realtime.Relays;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Standalone.Tests.Realtime;

/// <summary>
/// Realtime reads <see cref="GameStateChanged"/> as <see cref="GameStateChangedPush"/>, with the state left as JSON:
/// the game worker's event must reach it, whole, and the state must be what the hub protocol would have written.
/// </summary>
public sealed class StatePushFormTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<bool> OfflinePending => new() { false, true };

    [Theory]
    [MemberData(nameof(OfflinePending))]
    public async Task A_published_state_change_reaches_the_relay_with_the_state_as_the_hub_would_write_it(bool offlinePending)
    {
        var player = Guid.NewGuid();
        var state = State(player, offlinePending);
        var applied = new ActionApplied(Guid.NewGuid(), player, "click", null, 5, new Dictionary<string, string> { ["basic"] = "5" }, Now);
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.AddConsumer<PushProbe>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new GameStateChanged(player, applied.CommandId, state.Revision, state, Now) { Applied = applied, ActionType = "click", Quantity = 5 });

        Assert.True(await harness.GetConsumerHarness<PushProbe>().Consumed.Any<GameStateChangedPush>());
        var push = harness.GetConsumerHarness<PushProbe>().Consumed.Select<GameStateChangedPush>().Single().Context.Message;
        Assert.Equal(player, push.PlayerId);
        Assert.Equal(applied.CommandId, push.Applied?.CommandId);
        Assert.Equal("5", push.Applied?.Changes["basic"]);
        var hubForm = JsonSerializer.SerializeToNode(state, new JsonHubProtocolOptions().PayloadSerializerOptions);
        var relayed = JsonNode.Parse(push.State.GetRawText());
        Assert.True(JsonNode.DeepEquals(hubForm, relayed), $"hub form {hubForm?.ToJsonString()}\nrelayed   {relayed?.ToJsonString()}");
    }

    [Fact]
    public async Task A_heartbeat_state_change_reaches_the_relay_without_an_applied_command()
    {
        var player = Guid.NewGuid();
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.AddConsumer<PushProbe>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new GameStateChanged(player, null, 7, State(player, false), Now));

        Assert.True(await harness.GetConsumerHarness<PushProbe>().Consumed.Any<GameStateChangedPush>());
        var push = harness.GetConsumerHarness<PushProbe>().Consumed.Select<GameStateChangedPush>().Single().Context.Message;
        Assert.Null(push.Applied);
        Assert.Equal(7, push.State.GetProperty("revision").GetInt64());
    }

    private static GameStateView State(Guid player, bool offlinePending) =>
        new(player, 7, new Dictionary<string, string> { ["basic"] = "1.25e12", ["silver"] = "3" }, new Dictionary<string, string> { ["basic"] = "12.5" },
            new Dictionary<string, int> { ["shearing_shed"] = 3 }, ["better_shears"], ["first_wool"], "1000", "2.5e15", "4", 1, Now)
        {
            UnlockedWoolTypes = ["basic", "silver"],
            NextBuildingPrices = new Dictionary<string, string> { ["shearing_shed"] = "115" },
            ClickPower = "1.02",
            NetWorth = "3000",
            GoldenFleece = 2,
            PrestigeGain = 1,
            OfflinePending = offlinePending ? new OfflineProgressView(player, true, 7200, 7200, 0.5, new Dictionary<string, string> { ["basic"] = "720" }, false, Now) : null,
        };

    /// <summary>Stands for the relay: records what the bus delivers as <see cref="GameStateChangedPush"/>.</summary>
    public sealed class PushProbe : IConsumer<GameStateChangedPush>
    {
        public Task Consume(ConsumeContext<GameStateChangedPush> context) => Task.CompletedTask;
    }
}
