using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Api;
using MassTransit;
using StackExchange.Redis;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// A worker's fault reaches the gateway as a request fault naming the exception types: a dependency outage behind
/// the worker is 503 with <c>Retry-After</c>, a bug stays 500.
/// </summary>
public sealed class DependencyFailureMappingTests : IClassFixture<DependencyFailureMappingTests.Factory>
{
    private readonly Factory _factory;

    public DependencyFailureMappingTests(Factory factory) => _factory = factory;

    [Theory]
    [InlineData("REDISOUT")]
    [InlineData("MONGOOUT")]
    public async Task A_worker_fault_caused_by_a_dependency_outage_is_503_with_Retry_After(string friendCode)
    {
        var (client, _) = _factory.Player();
        using (client)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/players/me/friends", new { friendCode });

            await response.ErrorAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task A_worker_fault_caused_by_a_bug_is_still_500()
    {
        var (client, _) = _factory.Player();
        using (client)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/players/me/friends", new { friendCode = "BUGBUG12" });

            await response.ErrorAsync(HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        }
    }

    /// <summary>An accounts stub whose AddFriend fails as the friend code says.</summary>
    public sealed class Factory : GatewayFactory
    {
        public Factory() => WithBus(x => x.AddHandler<AddFriend>(context => Task.FromException(context.Message.FriendCode switch
        {
            "REDISOUT" => new RedisConnectionException(ConnectionFailureType.SocketFailure, "No connection is active/available to service this operation"),
            // The MongoDB driver's "no server selected in time" is a plain TimeoutException.
            "MONGOOUT" => new TimeoutException("A timeout occurred after 30000ms selecting a server."),
            _ => new InvalidOperationException("A bug in the accounts stub."),
        })));
    }
}
