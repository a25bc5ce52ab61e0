using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Standalone.Tests.Presence;
using LlamaWoolFarm.Storage.PushHistory;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Standalone.Tests.Realtime;

/// <summary>
/// Catch-up after a reconnect in one Standalone process: pushes are numbered per player and kept in
/// <c>push-history.db</c>; a client that was away calls <c>resume</c> with the last number it processed.
/// </summary>
public sealed class CatchUpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_client_that_reconnects_with_its_last_seq_receives_exactly_the_pushes_it_missed_in_order_once()
    {
        await using var factory = Standalone();
        await using var player = await HubPlayer.SignInAsync(factory);
        var inbox = new SequencedInbox();
        var hub = await ConnectAsync(factory, player, inbox);
        Assert.True((await inbox.ResumeAsync(hub)).GetProperty("resync").GetBoolean());
        var live = await ClickAsync(player);
        await inbox.WaitUntilAsync(_ => inbox.CompletedCommands().Contains(live), Timeout, "the live commandCompleted");
        await hub.DisposeAsync();

        // One at a time, each relayed before the next is posted, so the order of the commands is the order of their pushes.
        var lastSeq = inbox.LastSeq!.Value;
        var missed = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            missed.Add(await ClickAsync(player));
            await WaitUntilKeptAsync(factory, player, lastSeq, kept => !kept.Resync && kept.CompletedCommands().Contains(missed[^1]));
        }

        hub = await ConnectAsync(factory, player, inbox);
        var answer = await inbox.ResumeAsync(hub);

        Assert.False(answer.GetProperty("resync").GetBoolean(), answer.ToString());
        var replayed = answer.GetProperty("missed").EnumerateArray().ToList();
        var numbers = replayed.Select(p => p.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, numbers.Count).Select(i => numbers[0] + i), numbers);
        // Every number after the last one processed before the drop is processed once and in order, whether it came in
        // the answer or live: a push relayed as the new connection opened (its activity's gameStateChanged) can
        // arrive before the answer, and the client then resumes from after it.
        var processedSince = inbox.Processed.Select(p => p.GetProperty("seq").GetInt64()).Where(n => n > lastSeq).ToList();
        Assert.Equal(Enumerable.Range(1, processedSince.Count).Select(i => lastSeq + i), processedSince);
        Assert.True(processedSince[^1] >= answer.GetProperty("seq").GetInt64(), $"processed up to {processedSince[^1]}, answer at {answer.GetProperty("seq")}");
        Assert.Equal(missed, replayed.Where(p => p.GetProperty("type").GetString() == "commandCompleted").Select(p => p.GetProperty("data").GetProperty("commandId").GetGuid()));
        // A replayed envelope is the push as it would have arrived: same fields, data in the hub's camelCase JSON.
        var first = replayed.First(p => p.GetProperty("type").GetString() == "commandCompleted");
        Assert.Equal(player.PlayerId, first.GetProperty("data").GetProperty("playerId").GetGuid());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("id").GetString()));

        // The series carries on live after the catch-up, and nothing was processed twice.
        var after = await ClickAsync(player);
        await inbox.WaitUntilAsync(_ => inbox.CompletedCommands().Contains(after), Timeout, "the commandCompleted after the catch-up", hub);
        Assert.Equal([live, .. missed, after], inbox.CompletedCommands());
        Assert.Equal(inbox.Processed.Count, inbox.Processed.Select(p => p.GetProperty("seq").GetInt64()).Distinct().Count());
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task A_client_further_behind_than_the_history_is_told_to_resync_and_carries_on_from_the_answer()
    {
        await using var factory = Standalone(("Realtime:History:Length", "3"));
        await using var player = await HubPlayer.SignInAsync(factory);
        var inbox = new SequencedInbox();
        var hub = await ConnectAsync(factory, player, inbox);
        await inbox.ResumeAsync(hub);
        var live = await ClickAsync(player);
        await inbox.WaitUntilAsync(_ => inbox.CompletedCommands().Contains(live), Timeout, "the live commandCompleted");
        await hub.DisposeAsync();

        // Each click pushes commandCompleted and gameStateChanged: four clicks are eight pushes, past a history of three.
        var lastSeq = inbox.LastSeq!.Value;
        for (var i = 0; i < 4; i++)
        {
            await ClickAsync(player);
        }

        await WaitUntilKeptAsync(factory, player, lastSeq, kept => kept.Resync);
        hub = await ConnectAsync(factory, player, inbox);
        var answer = await inbox.ResumeAsync(hub);

        Assert.True(answer.GetProperty("resync").GetBoolean(), answer.ToString());
        Assert.Empty(answer.GetProperty("missed").EnumerateArray());
        Assert.True(answer.GetProperty("seq").GetInt64() > lastSeq + 3, answer.ToString());
        var after = await ClickAsync(player);
        await inbox.WaitUntilAsync(_ => inbox.CompletedCommands().Contains(after), Timeout, "the commandCompleted after the resync", hub);
        // Pushes numbered before the answer are not replayed: the client re-reads its state for them instead.
        var completed = inbox.CompletedCommands();
        Assert.Equal(live, completed[0]);
        Assert.Equal(after, completed[^1]);
        Assert.Equal(completed.Count, completed.Distinct().Count());
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task An_applied_command_pushes_its_state_and_then_its_completion_numbered_one_after_the_other()
    {
        await using var factory = Standalone();
        await using var player = await HubPlayer.SignInAsync(factory);
        var inbox = new SequencedInbox();
        var hub = await ConnectAsync(factory, player, inbox);
        await inbox.ResumeAsync(hub);

        var commands = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            commands.Add(await ClickAsync(player));
            await inbox.WaitUntilAsync(_ => inbox.CompletedCommands().Contains(commands[^1]), Timeout, $"commandCompleted of click {i + 1}");
        }

        // Both pushes come from the one result event and are kept in one history write: nothing can fall between
        // them, so a client that sees a command complete already holds the state it made.
        var processed = inbox.Processed;
        var wool = new List<double>();
        foreach (var command in commands)
        {
            var at = processed.ToList().FindIndex(p => p.GetProperty("type").GetString() == "commandCompleted" && p.GetProperty("data").GetProperty("commandId").GetGuid() == command);
            Assert.True(at > 0, $"commandCompleted of {command} has no push before it");
            var state = processed[at - 1];
            Assert.Equal("gameStateChanged", state.GetProperty("type").GetString());
            Assert.Equal(processed[at].GetProperty("seq").GetInt64() - 1, state.GetProperty("seq").GetInt64());
            wool.Add(double.Parse(state.GetProperty("data").GetProperty("woolCounts").GetProperty("basic").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        // One click each at click power 1 (plus the farm's own trickle): each state holds its click and those before.
        Assert.All(wool.Select((basic, i) => (basic, clicks: i + 1)), w => Assert.True(w.basic >= w.clicks, $"{w.basic} basic wool after {w.clicks} clicks"));
        Assert.Equal(wool.Order(), wool);
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task A_negative_seq_is_refused_with_a_clear_error()
    {
        await using var factory = Standalone();
        await using var player = await HubPlayer.SignInAsync(factory);
        var hub = await ConnectAsync(factory, player, new SequencedInbox());

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("resume", -1L));

        Assert.Contains("INVALID_SEQUENCE", refused.Message, StringComparison.Ordinal);
        await hub.DisposeAsync();
    }

    private static async Task<HubConnection> ConnectAsync(WebApplicationFactory<Program> factory, HubPlayer player, SequencedInbox inbox)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/game"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(player.Token);
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        inbox.Listen(hub);
        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return hub;
    }

    // Posts one click; its completion is seen in the pushes or the history, not by polling (the gateway rate-limits).
    // The game accepts 20 clicks per second of elapsed time: a pause before each keeps every click well inside it.
    private static async Task<Guid> ClickAsync(HubPlayer player)
    {
        await Task.Delay(150);
        using var posted = await player.Http.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
        var body = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("data").GetProperty("commandId").GetGuid();
    }

    // A completed command is relayed a moment later: the test reconnects once the kept history is what it needs.
    private static async Task WaitUntilKeptAsync(WebApplicationFactory<Program> factory, HubPlayer player, long lastSeq, Func<PushReplay, bool> done)
    {
        var history = factory.Services.GetRequiredService<IPushHistoryStore>();
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var kept = await history.ReadAfterAsync(player.PlayerId, lastSeq);
            if (done(kept))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The history after {lastSeq} never became what the test needs: latest {kept.Seq}, resync {kept.Resync}, kept {string.Join(", ", kept.Missed.Select(p => $"{p.Seq} {p.Push.Type} {p.Push.Data[..Math.Min(200, p.Push.Data.Length)]}"))}");
            await Task.Delay(50);
        }
    }

    private static WebApplicationFactory<Program> Standalone(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Storage:DataPath", TestServers.NewDataFolder());
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
}
