using System.Net;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// Two gateway processes sharing the real Redis enforce one rate limit: a client alternating between them gets
/// the per-address allowance once in total, not once per gateway.
/// </summary>
public sealed class GatewayRateLimitTests : IAsyncLifetime
{
    private const int PerAddress = 5;

    private readonly List<ServiceProcess> _gateways = [];

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "InMemory",
            ["Storage__Mode"] = "Server",
            ["ConnectionStrings__redis"] = TestServers.Redis,
            ["Auth__SigningKey"] = TestServers.NewSigningKey(),
            ["RateLimits__PerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A window far longer than the test, and keys of this run only.
            ["RateLimits__Window"] = "00:10:00",
            ["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:",
        };
        _gateways.AddRange(await Task.WhenAll(
            ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", settings),
            ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", settings)));
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Requests_alternating_between_two_gateways_share_one_per_address_limit()
    {
        var clients = _gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress }).ToList();
        var answers = new List<HttpResponseMessage>();
        try
        {
            // Without a token every request counts against the client address; 2 × the limit, alternating.
            for (var i = 0; i < 2 * PerAddress; i++)
            {
                answers.Add(await clients[i % 2].GetAsync(new Uri("/api/v1/game/state", UriKind.Relative)));
            }

            var statuses = answers.Select(a => a.StatusCode).ToList();
            Assert.True(
                statuses.Take(PerAddress).All(s => s == HttpStatusCode.Unauthorized) && statuses.Skip(PerAddress).All(s => s == HttpStatusCode.TooManyRequests),
                string.Join(", ", statuses));
            foreach (var refused in answers.Skip(PerAddress))
            {
                var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 1, 600);
            }

            // Both gateways refused some: the count lives in Redis, not in either process.
            Assert.Contains(answers.Skip(PerAddress).Where((_, i) => (PerAddress + i) % 2 == 0), a => a.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.Contains(answers.Skip(PerAddress).Where((_, i) => (PerAddress + i) % 2 == 1), a => a.StatusCode == HttpStatusCode.TooManyRequests);
        }
        finally
        {
            answers.ForEach(a => a.Dispose());
            clients.ForEach(c => c.Dispose());
        }
    }
}
