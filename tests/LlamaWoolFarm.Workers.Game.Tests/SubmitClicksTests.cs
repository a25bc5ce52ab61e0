using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Game.Consumers;
using MassTransit;
using MassTransit.Testing;

namespace LlamaWoolFarm.Workers.Game.Tests;

public sealed class SubmitClicksTests
{
    [Fact]
    public async Task A_click_batch_adds_its_wool_and_publishes_the_result_events()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var command = new SubmitClicks(Guid.NewGuid(), player, 7, "req-1");

        await SendAsync(game, command);

        var applied = game.Harness.Published.Select<ActionApplied>().Single().Context.Message;
        Assert.Equal(command.CommandId, applied.CommandId);
        Assert.Equal("7", applied.Changes["basic"]);
        var changed = game.Harness.Published.Select<GameStateChanged>().Single().Context.Message;
        Assert.Equal("7", changed.State.WoolCounts["basic"]);
    }

    [Fact]
    public async Task The_same_command_delivered_twice_is_applied_once()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var command = new SubmitClicks(Guid.NewGuid(), player, 10, null);

        await SendAsync(game, command);
        await SendAsync(game, command);

        Assert.Equal(2, game.Harness.Consumed.Select<SubmitClicks>().Count());
        var state = await game.Service.GetStateAsync(player, CancellationToken.None);
        Assert.Equal("10", state.WoolCounts["basic"]);
        Assert.Equal(1, state.Revision);
        // The replay republishes the same outcome, so a client that missed the first push still gets it.
        Assert.All(game.Harness.Published.Select<ActionApplied>(), e => Assert.Equal(command.CommandId, e.Context.Message.CommandId));
    }

    [Fact]
    public async Task More_clicks_than_the_elapsed_time_allows_are_refused_whole_and_change_nothing()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await SendAsync(game, new SubmitClicks(Guid.NewGuid(), player, 100, null));
        var refused = new SubmitClicks(Guid.NewGuid(), player, 30, null);

        await SendAsync(game, refused);

        var rejected = game.Harness.Published.Select<ActionRejected>().Single().Context.Message;
        Assert.Equal(refused.CommandId, rejected.CommandId);
        Assert.Equal("RATE_LIMITED_ACTION", rejected.Code);
        var state = await game.Service.GetStateAsync(player, CancellationToken.None);
        Assert.Equal("100", state.WoolCounts["basic"]);
    }

    [Fact]
    public async Task Elapsed_server_time_refills_the_click_allowance_and_produces_wool()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await SendAsync(game, new SubmitClicks(Guid.NewGuid(), player, 100, null));

        game.Clock.Advance(TimeSpan.FromSeconds(2));
        await SendAsync(game, new SubmitClicks(Guid.NewGuid(), player, 40, null));

        Assert.Empty(game.Harness.Published.Select<ActionRejected>());
        var state = await game.Service.GetStateAsync(player, CancellationToken.None);
        // 140 clicked plus 2 s of the starting llama's 1 wool per second.
        Assert.Equal("142", state.WoolCounts["basic"]);
    }

    [Fact]
    public async Task Concurrent_commands_of_one_player_are_all_applied_without_losing_an_update()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var service = game.Service;

        // Straight at the service, so the writes really race; version conflicts are retried like the bus does.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            var command = new SubmitClicks(Guid.NewGuid(), player, 5, null);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await service.SubmitClicksAsync(command, CancellationToken.None);
                    return;
                }
                catch (ConcurrencyException) when (attempt < 50)
                {
                }
            }
        })));

        var state = await service.GetStateAsync(player, CancellationToken.None);
        Assert.Equal("50", state.WoolCounts["basic"]);
        Assert.Equal(10, state.Revision);
    }

    [Fact]
    public async Task A_commands_status_is_told_to_its_player_and_to_nobody_else()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var command = new SubmitClicks(Guid.NewGuid(), player, 3, null);
        await SendAsync(game, command);
        var client = game.Harness.GetRequestClient<GetCommandStatus>();

        var own = (await client.GetResponse<CommandStatus>(new GetCommandStatus(command.CommandId, player))).Message;
        var other = (await client.GetResponse<CommandStatus>(new GetCommandStatus(command.CommandId, Guid.NewGuid()))).Message;

        Assert.Equal(CommandStatuses.Completed, own.Status);
        Assert.Equal("3", own.Changes!["basic"]);
        Assert.Equal(CommandStatuses.Pending, other.Status);
        Assert.Null(other.Changes);
    }

    [Fact]
    public void Commands_are_sent_to_the_queue_their_consumer_listens_on() =>
        Assert.Equal(KebabCaseEndpointNameFormatter.Instance.Consumer<SubmitClicksConsumer>(), Queues.Name<SubmitClicks>());

    private static async Task SendAsync(GameWorkerFixture game, SubmitClicks command)
    {
        var before = game.Harness.Consumed.Select<SubmitClicks>().Count();
        var endpoint = await game.Harness.Bus.GetSendEndpoint(Queues.For<SubmitClicks>());
        await endpoint.Send(command);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (game.Harness.Consumed.Select<SubmitClicks>().Count() <= before)
        {
            await Task.Delay(10, timeout.Token);
        }

        await game.Harness.InactivityTask;
    }
}
