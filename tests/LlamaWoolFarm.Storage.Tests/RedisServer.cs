using LlamaWoolFarm.Testing;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Tests;

/// <summary>One connection to the test Redis server for every adapter test.</summary>
internal static class RedisServer
{
    private static readonly Lazy<IConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(TestServers.Redis));

    private static readonly Lazy<IConnectionMultiplexer> SharedOther = new(() => ConnectionMultiplexer.Connect(TestServers.Redis));

    public static IConnectionMultiplexer Connection => Shared.Value;

    /// <summary>A second connection, as another process (a second replica) has.</summary>
    public static IConnectionMultiplexer OtherConnection => SharedOther.Value;
}
