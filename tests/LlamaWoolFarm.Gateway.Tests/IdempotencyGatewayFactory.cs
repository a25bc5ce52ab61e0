using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with an accounts stub whose AddFriend answer the test controls: friend code <c>SLOWSLOW</c> waits
/// for <see cref="ReleaseSlow"/>, <c>FAILONCE</c> crashes on its first call; every call is counted.
/// </summary>
public sealed class IdempotencyGatewayFactory : WebApplicationFactory<Program>
{
    private TaskCompletionSource _slow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _addFriendCalls;
    private int _failOnceCalls;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    public int AddFriendCalls => Volatile.Read(ref _addFriendCalls);

    public void ReleaseSlow() => _slow.TrySetResult();

    public void ResetSlow() => _slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A client with a fresh player's token from the gateway's own issuer.</summary>
    public (HttpClient Client, Guid PlayerId) Player()
    {
        var playerId = Guid.NewGuid();
        var token = Services.GetRequiredService<AccessTokenIssuer>().Issue(playerId, ["player"]);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        return (client, playerId);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:SigningKey", GatewayFactory.SigningKeyForTests);
        builder.UseSetting("Storage:DataPath", TestServers.NewDataFolder());
        builder.ConfigureServices(services => services.AddMassTransitTestHarness(x =>
        {
            GatewayModule.AddBusClients(x);
            x.AddHandler<RegisterGuest>(context => context.RespondAsync(
                new GuestRegistered(GatewayFactory.DeterministicId(context.Message.DeviceId), context.Message.DeviceId, ["player"], Created: false)));
            x.AddHandler<AddFriend>(async context =>
            {
                Interlocked.Increment(ref _addFriendCalls);
                if (context.Message.FriendCode == "SLOWSLOW")
                {
                    await _slow.Task;
                }

                if (context.Message.FriendCode == "FAILONCE" && Interlocked.Increment(ref _failOnceCalls) == 1)
                {
                    throw new InvalidOperationException("The accounts stub fails this call.");
                }

                await context.RespondAsync(new FriendList(context.Message.PlayerId, [new FriendView(Guid.NewGuid(), context.Message.FriendCode)]));
            });
        }));
    }
}
