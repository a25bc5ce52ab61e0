using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// Standalone hands guest sign-in to the accounts module in process (<see cref="InProcessGuestAccounts"/>), not over
/// the bus: the same answers, and a guest's sign-in still calls off its pending deletion.
/// </summary>
public sealed class GuestSignInTests
{
    [Fact]
    public async Task A_guest_signs_in_in_process_and_signing_in_again_calls_off_its_deletion()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Storage:DataPath", TestServers.NewDataFolder()));
        using var http = factory.CreateClient();
        using (var scope = factory.Services.CreateScope())
        {
            Assert.IsType<InProcessGuestAccounts>(scope.ServiceProvider.GetRequiredService<IGuestAccounts>());
        }

        var deviceId = $"in-process-{Guid.NewGuid():N}";
        var (createdStatus, created) = await GuestAsync(http, deviceId);
        var (againStatus, again) = await GuestAsync(http, deviceId);
        Assert.Equal(HttpStatusCode.Created, createdStatus);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(created.GetProperty("playerId").GetGuid(), again.GetProperty("playerId").GetGuid());

        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/players/me"))
        {
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", again.GetProperty("accessToken").GetString());
            using var deleted = await http.SendAsync(delete);
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        // While the deletion is pending a session does not renew; signing in on the device calls the deletion off.
        using (var pending = await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = again.GetProperty("refreshToken").GetString() }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, pending.StatusCode);
            Assert.Contains("ACCOUNT_DELETION_PENDING", await pending.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (backStatus, back) = await GuestAsync(http, deviceId);
        Assert.Equal(HttpStatusCode.OK, backStatus);
        Assert.Equal(created.GetProperty("playerId").GetGuid(), back.GetProperty("playerId").GetGuid());
        using var renewed = await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = back.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Data)> GuestAsync(HttpClient http, string deviceId)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("data", out var data) ? data.Clone() : body.Clone());
    }
}
