using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The distributed topology as separate processes — Workers.Host, Gateway and two Realtime replicas — against the
/// real RabbitMQ and Redis that CI starts. The player connects to one replica while relays may run on either,
/// so a push only arrives if the Redis backplane carries it.
/// </summary>
public sealed class DistributedTests : IAsyncLifetime
{
    private DistributedProcesses _system = null!;

    private ServiceProcess Gateway => _system.Processes[1];

    private ServiceProcess RealtimeA => _system.Processes[2];

    private ServiceProcess RealtimeB => _system.Processes[3];

    public async Task InitializeAsync()
    {
        _system = await DistributedProcesses.CreateAsync();
        await _system.StartAsync(("Workers", "LlamaWoolFarm.Workers.Host", _system.Workers("game,accounts")));
        await _system.StartAsync(
            ("Gateway", "LlamaWoolFarm.Gateway", _system.Common),
            ("Realtime", "LlamaWoolFarm.Realtime", _system.Common),
            ("Realtime", "LlamaWoolFarm.Realtime", _system.Common));
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_click_posted_over_HTTP_arrives_as_commandCompleted_through_RabbitMQ_and_the_backplane()
    {
        await Scenarios.ClickArrivesAsPushAsync(Gateway.BaseAddress, RealtimeB.BaseAddress, _system.Output);

        // The gateway serves the web client too.
        using var http = new HttpClient { BaseAddress = Gateway.BaseAddress };
        Assert.Contains("Llama Wool Farm", await http.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public Task A_refused_click_arrives_as_commandRejected() =>
        Scenarios.RejectionArrivesAsPushAsync(Gateway.BaseAddress, RealtimeB.BaseAddress);

    [Fact]
    public async Task A_friend_connected_to_the_other_replica_arrives_as_friendOnline_then_friendOffline()
    {
        await using var a = await PlayerClient.StartAsGuestAsync(Gateway.BaseAddress);
        await using var b = await PlayerClient.StartAsGuestAsync(Gateway.BaseAddress);
        await a.BefriendAsync(b.PlayerId);
        await a.ConnectAsync(RealtimeA.BaseAddress);

        // B's presence is recorded by replica B, fanned out by the accounts worker, relayed by either replica.
        await b.ConnectAsync(RealtimeB.BaseAddress);
        await a.WaitForFriendPushAsync("friendOnline", b.PlayerId, Scenarios.PushTimeout);
        await b.DisconnectAsync();
        var offline = await a.WaitForFriendPushAsync("friendOffline", b.PlayerId, Scenarios.PushTimeout);

        Assert.False(offline.GetProperty("data").GetProperty("online").GetBoolean());
    }
}
