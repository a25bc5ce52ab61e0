using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Idempotency;
using LlamaWoolFarm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// <c>GET commands/{id}</c>: the game worker's record when it has one; "pending" for a command the gateway accepted
/// that the worker has not recorded; 404 <c>NOT_FOUND</c> for an id that was never accepted (or is another
/// player's), so a client does not poll forever. The game worker is a stub that knows no command at all (it answers
/// pending for every id, as the real one does for an id it has no record of).
/// </summary>
public sealed class CommandStatusTests
{
    [Fact]
    public async Task An_accepted_command_is_pending_and_an_id_never_accepted_is_not_found_with_the_process_store()
    {
        await using var factory = WorkerKnowsNothing(new GatewayFactory());
        await AssertAcceptedIsPendingAndUnknownIsNotFoundAsync(factory);
    }

    [Fact]
    public async Task An_accepted_command_is_pending_and_an_id_never_accepted_is_not_found_with_the_shared_redis_store()
    {
        await using var factory = WorkerKnowsNothing(new GatewayFactory()
            .WithSetting("Storage:Mode", "Server")
            .WithSetting("ConnectionStrings:redis", TestServers.Redis));
        using var client = factory.CreateClient();
        Assert.IsNotType<InProcessIdempotencyStore>(factory.Services.GetRequiredService<IIdempotencyStore>());
        await AssertAcceptedIsPendingAndUnknownIsNotFoundAsync(factory);
    }

    // Standalone: a command recorded in the outbox before a restart has no record in the (process) memory of the
    // new run; until its consumer finishes it is still in the outbox, which the log reads.
    [Fact]
    public async Task A_command_still_in_the_outbox_is_pending_though_the_process_record_is_gone()
    {
        await using var factory = WorkerKnowsNothing(new GatewayFactory().WithDocumentStore().WithServices(services =>
        {
            services.AddSingleton(sp => new CommandOutbox(
                sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IBus>(), TimeProvider.System, new OutboxOptions { HoldDelivery = true }, NullLogger<CommandOutbox>.Instance));
            services.RemoveAll<IAcceptedCommands>();
            services.AddSingleton<IAcceptedCommands>(sp => sp.GetRequiredService<CommandOutbox>());
        }));
        var (client, playerId) = factory.Player();
        var (other, _) = factory.Player();
        // As if accepted by the run before the restart: in the outbox, not in this run's log.
        var commandId = Guid.NewGuid();
        await factory.Services.GetRequiredService<CommandOutbox>().SendAsync(new SubmitClicks(commandId, playerId, 1, "before-restart", DateTimeOffset.UtcNow), CancellationToken.None);

        var status = await (await client.GetAsync($"/api/v1/commands/{commandId}")).DataAsync(HttpStatusCode.OK);
        Assert.Equal(CommandStatuses.Pending, status.GetProperty("status").GetString());
        await (await other.GetAsync($"/api/v1/commands/{commandId}")).ErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await client.GetAsync($"/api/v1/commands/{Guid.NewGuid()}")).ErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        // Accepted through the API in this run: pending too (the log, and the outbox while delivery is held).
        using var posted = await client.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 2 });
        var accepted = (await posted.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
        Assert.Equal(CommandStatuses.Pending, (await (await client.GetAsync($"/api/v1/commands/{accepted}")).DataAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_workers_record_answers_whatever_the_log_holds()
    {
        var done = Guid.NewGuid();
        await using var factory = new GatewayFactory().WithBus(x => x.AddHandler<GetCommandStatus>(context => context.RespondAsync(context.Message.CommandId == done
            ? new CommandStatus(done, CommandStatuses.Completed, "click", null, null, new Dictionary<string, string> { ["basic"] = "1" }, DateTimeOffset.UtcNow)
            : new CommandStatus(context.Message.CommandId, CommandStatuses.Pending, null, null, null, null, null))));
        var (client, _) = factory.Player();

        var status = await (await client.GetAsync($"/api/v1/commands/{done}")).DataAsync(HttpStatusCode.OK);

        Assert.Equal(CommandStatuses.Completed, status.GetProperty("status").GetString());
    }

    private static GatewayFactory WorkerKnowsNothing(GatewayFactory factory) => factory.WithBus(x => x.AddHandler<GetCommandStatus>(context =>
        context.RespondAsync(new CommandStatus(context.Message.CommandId, CommandStatuses.Pending, null, null, null, null, null))));

    private static async Task AssertAcceptedIsPendingAndUnknownIsNotFoundAsync(GatewayFactory factory)
    {
        var (client, _) = factory.Player();
        var (other, _) = factory.Player();
        using var posted = await client.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 3 });
        var commandId = (await posted.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
        using var claimed = await client.PostAsync("/api/v1/game/offline/claim", null);
        var claimId = (await claimed.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();

        foreach (var id in new[] { commandId, claimId })
        {
            var status = await (await client.GetAsync($"/api/v1/commands/{id}")).DataAsync(HttpStatusCode.OK);
            Assert.Equal(CommandStatuses.Pending, status.GetProperty("status").GetString());
            Assert.Equal(id, status.GetProperty("commandId").GetGuid());
        }

        // Never accepted, or another player's: not found, in the envelope; asking does not make it known.
        var unknown = Guid.NewGuid();
        await (await client.GetAsync($"/api/v1/commands/{unknown}")).ErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await client.GetAsync($"/api/v1/commands/{unknown}")).ErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await other.GetAsync($"/api/v1/commands/{commandId}")).ErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }
}
