using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>Standalone keeps refresh tokens in <c>sessions.db</c> under the data folder, so a restart signs nobody out.</summary>
public sealed class SessionRestartTests
{
    [Fact]
    public async Task A_refresh_token_issued_before_a_restart_refreshes_after_it_once()
    {
        var data = TestServers.NewDataFolder();
        JsonElement session;
        await using (var before = Standalone(data))
        {
            using var http = before.CreateClient();
            using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "restart-device-0001" });
            session = (await guest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").Clone();
        }

        await using var after = Standalone(data);
        using var client = after.CreateClient();
        var refreshToken = session.GetProperty("refreshToken").GetString();
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        using var reused = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(refreshed.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(session.GetProperty("playerId").GetGuid(), body.GetProperty("data").GetProperty("playerId").GetGuid());
        Assert.NotEqual(refreshToken, body.GetProperty("data").GetProperty("refreshToken").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("data").GetProperty("accessToken").GetString());
        using var profile = await client.GetAsync(new Uri("/api/v1/players/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    private static WebApplicationFactory<Program> Standalone(string data) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Storage:DataPath", data));
}
