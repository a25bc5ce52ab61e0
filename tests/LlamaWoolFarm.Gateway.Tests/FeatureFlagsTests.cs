using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.Gateway.Features;
using LlamaWoolFarm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>Flags from settings, as a deployment would define them.</summary>
internal static class FlagSettings
{
    public static T WithFlags<T>(this T factory)
        where T : GatewayFactory
    {
        factory.WithSetting("FeatureManagement:GoldenShears", "true")
            .WithSetting("FeatureManagement:NightMarket", "false")
            .WithSetting("FeatureManagement:NewShop:EnabledFor:0:Name", "Microsoft.Targeting")
            .WithSetting("FeatureManagement:NewShop:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage", "30")
            .WithLooseRateLimits();
        return factory;
    }
}

public sealed class FlagsGatewayFactory : GatewayFactory
{
    public FlagsGatewayFactory() => this.WithFlags();
}

/// <summary>Feature flags on one gateway: per-player rollouts, targeted players, run-time overrides, bad input.</summary>
public sealed class FeatureFlagsTests(FlagsGatewayFactory factory) : IClassFixture<FlagsGatewayFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    // Each test starts from the settings (the fixture's store is shared by the class).
    public async Task DisposeAsync()
    {
        var (admin, _) = factory.Player(admin: true);
        using (admin)
        {
            foreach (var name in new[] { "GoldenShears", "NightMarket", "NewShop" })
            {
                using var removed = await admin.DeleteAsync(new Uri($"/api/v1/admin/features/{name}", UriKind.Relative));
            }
        }
    }

    [Fact]
    public async Task Anonymous_callers_get_the_defaults_and_players_their_own_answer_every_time()
    {
        using var anonymous = factory.CreateClient();
        var defaults = await FlagsAsync(anonymous);
        Assert.True(defaults["GoldenShears"]);
        Assert.False(defaults["NightMarket"]);
        Assert.False(defaults["NewShop"]);

        for (var i = 0; i < 20; i++)
        {
            var (player, _) = factory.Player();
            using (player)
            {
                var first = await FlagsAsync(player);
                Assert.True(first["GoldenShears"]);
                Assert.False(first["NightMarket"]);
                for (var again = 0; again < 3; again++)
                {
                    Assert.Equal(first, await FlagsAsync(player));
                }
            }
        }
    }

    [Fact]
    public async Task The_rollout_percentage_is_honoured_over_many_players()
    {
        var features = factory.Services.GetRequiredService<PlayerFeatures>();
        var on = 0;
        const int players = 4000;
        for (var i = 0; i < players; i++)
        {
            var id = Guid.NewGuid();
            var answer = (await features.ForAsync(id))["NewShop"];
            Assert.Equal(answer, (await features.ForAsync(id))["NewShop"]);
            on += answer ? 1 : 0;
        }

        // 30 % of 4000: the binomial standard deviation is 29, so ±150 is over five of them.
        Assert.InRange(on, 1050, 1350);
    }

    [Fact]
    public async Task An_admin_override_targets_one_player_and_is_seen_without_a_restart()
    {
        var (admin, _) = factory.Player(admin: true);
        var (targeted, targetedId) = factory.Player();
        var (other, _) = factory.Player();
        using (admin)
        using (targeted)
        using (other)
        {
            using var set = await admin.PutAsJsonAsync("/api/v1/admin/features/NightMarket", new { enabled = true, percentage = 0, players = new[] { targetedId } });
            var view = await set.DataAsync(HttpStatusCode.OK);
            Assert.Equal("override", view.GetProperty("source").GetString());
            Assert.True((await FlagsAsync(targeted))["NightMarket"]);
            Assert.False((await FlagsAsync(other))["NightMarket"]);

            using var everyone = await admin.PutAsJsonAsync("/api/v1/admin/features/NightMarket", new { enabled = true });
            await everyone.DataAsync(HttpStatusCode.OK);
            Assert.True((await FlagsAsync(other))["NightMarket"]);
            using var anonymous = factory.CreateClient();
            Assert.True((await FlagsAsync(anonymous))["NightMarket"]);

            using var off = await admin.PutAsJsonAsync("/api/v1/admin/features/GoldenShears", new { enabled = false });
            await off.DataAsync(HttpStatusCode.OK);
            Assert.False((await FlagsAsync(targeted))["GoldenShears"]);

            using var list = await admin.GetAsync(new Uri("/api/v1/admin/features", UriKind.Relative));
            var flags = (await list.DataAsync(HttpStatusCode.OK)).GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("source").GetString());
            Assert.Equal("override", flags["GoldenShears"]);
            Assert.Equal("settings", flags["NewShop"]);

            using var back = await admin.DeleteAsync(new Uri("/api/v1/admin/features/GoldenShears", UriKind.Relative));
            Assert.True((await back.DataAsync(HttpStatusCode.OK)).GetProperty("removed").GetBoolean());
            Assert.True((await FlagsAsync(targeted))["GoldenShears"]);
        }
    }

    [Theory]
    [InlineData("NewShop", "{\"enabled\":true,\"percentage\":101}", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("NewShop", "{\"enabled\":true,\"percentage\":-1}", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("NewShop", "{\"percentage\":10}", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("NewShop", "{\"enabled\":false,\"percentage\":10}", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("NewShop", "{\"enabled\":true,\"players\":[\"00000000-0000-0000-0000-000000000000\"]}", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("9lives", "{\"enabled\":true}", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    [InlineData("NoSuchFlag", "{\"enabled\":true}", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task Bad_overrides_are_refused(string name, string json, HttpStatusCode status, string code)
    {
        var (admin, _) = factory.Player(admin: true);
        using (admin)
        {
            using var response = await admin.PutAsync(new Uri($"/api/v1/admin/features/{name}", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            await response.ErrorAsync(status, code);
        }
    }

    [Fact]
    public async Task Players_may_not_change_flags()
    {
        var (player, _) = factory.Player();
        using (player)
        {
            using var response = await player.PutAsJsonAsync("/api/v1/admin/features/NewShop", new { enabled = true });
            await response.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }

    [Theory]
    [InlineData("/api/v1/admin/maintenance", "get", null)]
    [InlineData("/api/v1/admin/maintenance", "post", "MaintenanceRequest")]
    [InlineData("/api/v1/admin/maintenance", "delete", null)]
    [InlineData("/api/v1/config/maintenance", "get", null)]
    [InlineData("/api/v1/config/features", "get", null)]
    [InlineData("/api/v1/admin/features", "get", null)]
    [InlineData("/api/v1/admin/features/{name}", "get", null)]
    [InlineData("/api/v1/admin/features/{name}", "put", "FeatureFlagRequest")]
    [InlineData("/api/v1/admin/features/{name}", "delete", null)]
    public async Task The_OpenAPI_document_describes_the_maintenance_and_flag_routes(string path, string method, string? body)
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        if (body is not null)
        {
            Assert.EndsWith(body, operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }
    }

    internal static async Task<Dictionary<string, bool>> FlagsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/v1/config/features", UriKind.Relative));
        var data = await response.DataAsync(HttpStatusCode.OK);
        return data.GetProperty("features").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
    }
}

/// <summary>Two gateway instances sharing one Redis (a server of the test's own) evaluate the same flags for a player.</summary>
public sealed class FeatureFlagsAcrossInstancesTests : IAsyncLifetime
{
    private OwnRedis _redis = null!;
    private GatewayFactory _first = null!;
    private GatewayFactory _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await OwnRedis.StartAsync();
        _first = Instance();
        _second = Instance();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_player_gets_the_same_answers_from_both_and_an_override_on_one_reaches_the_other()
    {
        var first = _first.Services.GetRequiredService<PlayerFeatures>();
        var second = _second.Services.GetRequiredService<PlayerFeatures>();
        for (var i = 0; i < 500; i++)
        {
            var player = Guid.NewGuid();
            Assert.Equal(await first.ForAsync(player), await second.ForAsync(player));
        }

        var (admin, _) = _first.Player(admin: true);
        using (admin)
        {
            using var set = await admin.PutAsJsonAsync("/api/v1/admin/features/NewShop", new { enabled = true, percentage = 100 });
            await set.DataAsync(HttpStatusCode.OK);
        }

        var (player2, _) = _second.Player();
        using (player2)
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            var seen = false;
            while (!seen && DateTime.UtcNow < deadline)
            {
                seen = (await FeatureFlagsTests.FlagsAsync(player2))["NewShop"];
                await Task.Delay(seen ? 0 : 100);
            }

            Assert.True(seen);
        }
    }

    private GatewayFactory Instance() => new GatewayFactory()
        .WithSetting("Storage:Mode", "Server")
        .WithSetting("ConnectionStrings:redis", _redis.ConnectionString)
        .WithFlags();
}
