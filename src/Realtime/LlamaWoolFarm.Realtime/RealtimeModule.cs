using LlamaWoolFarm.Realtime.CatchUp;
using LlamaWoolFarm.Realtime.Hubs;
using LlamaWoolFarm.Realtime.Presence;
using LlamaWoolFarm.Realtime.Relays;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using MassTransit;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace LlamaWoolFarm.Realtime;

/// <summary>The realtime module: the players' hub and the relays from result events to connections.</summary>
public static class RealtimeModule
{
    /// <summary>
    /// SignalR with camelCase JSON; the Redis backplane when <c>ConnectionStrings:redis</c> is set, so any replica
    /// reaches any connection (relay consumers compete for events, the backplane fans them out).
    /// </summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 32 * 1024;
            o.KeepAliveInterval = TimeSpan.FromSeconds(15);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(40);
        });
        var redis = builder.Configuration.GetConnectionString("redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal("lwf");
                o.Configuration.AbortOnConnectFail = false;
            });
        }

        // Banned players' tokens are refused at the hub too (401 at negotiate), from the list the gateway keeps.
        builder.AddBanList();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<ConnectionOwners>();
        builder.Services.AddSingleton<PlayerPush>();
        // Numbered pushes and their history, for clients catching up after a reconnect.
        builder.AddPushHistory();
        builder.Services.AddSingleton<PushCatchUp>();
        AddPresence(builder);
        return builder;
    }

    /// <summary>
    /// Presence: the store (Redis with Redis sessions, so connections on every replica count together; in process
    /// otherwise), the tracker the hub reports connections to, and the sweep for leases that ran out.
    /// </summary>
    private static void AddPresence(IHostApplicationBuilder builder)
    {
        builder.AddSessionStorage();
        builder.Services.AddSettings<PresenceOptions>(PresenceOptions.SectionName);
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService<PresenceSweeper>();
    }

    /// <summary>Registers every relay consumer of <c>Relays/</c> on the bus: adding a relay is adding a file.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumers(type => type.Namespace == typeof(ActionAppliedRelayConsumer).Namespace, typeof(RealtimeModule).Assembly);

    /// <summary>Maps the hub at <c>/hubs/game</c>; each connection can be used only by the player that negotiated it.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapHub<GameHub>("/hubs/game").Add(ConnectionOwners.Guard);
}
