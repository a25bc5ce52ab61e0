namespace LlamaWoolFarm.Client.Tests;

[Collection(StandaloneCollection.Name)]
public sealed class RealtimeTests(StandaloneFixture standalone)
{
    [Fact]
    public async Task After_the_network_drops_the_connection_reconnects_and_catches_up_the_pushes_it_missed()
    {
        using var client = standalone.NewClient(through: standalone.Proxy.Address);
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        await using var realtime = await client.ConnectRealtimeAsync();
        var live = await client.ClickAsync(1);
        await realtime.WaitForCommandAsync(live.CommandId, TimeSpan.FromSeconds(20));
        var seqBefore = realtime.LastSeq;

        var pushes = new List<PushMessage>();
        realtime.PushReceived += (_, p) =>
        {
            lock (pushes)
            {
                pushes.Add(p);
            }
        };
        var reconnecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshed = new TaskCompletionSource<GameState>(TaskCreationOptions.RunContinuationsAsynchronously);
        realtime.Reconnecting += (_, _) => reconnecting.TrySetResult();
        realtime.Reconnected += (_, _) => reconnected.TrySetResult();
        realtime.StateRefreshed += (_, s) => refreshed.TrySetResult(s);

        // The network goes away; meanwhile the same player plays on from another device.
        standalone.Proxy.Refusing = true;
        standalone.Proxy.DropAll();
        await reconnecting.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using var otherDevice = standalone.NewClient();
        otherDevice.UseSession(client.Session!);
        var missedA = await otherDevice.ClickAsync(1);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var missedB = await otherDevice.ClickAsync(1);
        await WaitUntilCompletedAsync(otherDevice, missedB.CommandId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        standalone.Proxy.Refusing = false;

        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var outcomeA = await realtime.WaitForCommandAsync(missedA.CommandId, TimeSpan.FromSeconds(10));
        var outcomeB = await realtime.WaitForCommandAsync(missedB.CommandId, TimeSpan.FromSeconds(10));
        var state = await refreshed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(outcomeA.Completed);
        Assert.True(outcomeB.Completed);
        List<PushMessage> seen;
        lock (pushes)
        {
            seen = [.. pushes];
        }

        var completions = seen.Where(p => p.Type == "commandCompleted").ToList();
        var a = completions.Single(p => p.DataAs<CommandCompleted>().CommandId == missedA.CommandId);
        var b = completions.Single(p => p.DataAs<CommandCompleted>().CommandId == missedB.CommandId);
        Assert.True(a.CaughtUp, "the push sent while away came from resume");
        Assert.True(b.CaughtUp);
        Assert.True(a.Seq < b.Seq, "delivered in order");
        var numbered = seen.Where(p => p.Seq is not null).Select(p => p.Seq!.Value).ToList();
        Assert.Equal(numbered.Distinct().Count(), numbered.Count);
        Assert.Equal(numbered.OrderBy(n => n), numbered);
        Assert.True(realtime.LastSeq > seqBefore);
        Assert.True(state.Revision >= 3, $"state re-read after the reconnect at revision {state.Revision}");
    }

    [Fact]
    public async Task A_connection_resumed_from_an_earlier_number_gets_what_came_after_it()
    {
        using var client = standalone.NewClient();
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        long keptSeq;
        Guid later;
        await using (var first = await client.ConnectRealtimeAsync())
        {
            var click = await client.ClickAsync(1);
            await first.WaitForCommandAsync(click.CommandId, TimeSpan.FromSeconds(20));
            keptSeq = first.LastSeq;
        }

        // The game was closed; a click from elsewhere happened meanwhile (not within the 20 clicks per second).
        await Task.Delay(TimeSpan.FromSeconds(1));
        later = (await client.ClickAsync(4)).CommandId;
        await WaitUntilCompletedAsync(client, later);

        await using var next = await client.ConnectRealtimeAsync(lastSeq: keptSeq);
        var outcome = await next.WaitForCommandAsync(later, TimeSpan.FromSeconds(10));

        Assert.True(outcome.Completed);
        Assert.Equal(4, outcome.Completion!.Quantity);
        Assert.True(next.LastSeq > keptSeq);
    }

    private static async Task WaitUntilCompletedAsync(LlamaWoolFarmClient client, Guid commandId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string status;
        while ((status = (await client.GetCommandAsync(commandId)).Status) == "pending")
        {
            Assert.True(DateTime.UtcNow < deadline, $"command {commandId} not completed in 20 s");
            await Task.Delay(200);
        }

        Assert.Equal("completed", status);
    }
}
