using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>
/// Standalone in process on real Kestrel (a loopback port), with a temp data folder, an operator email and rate
/// limits no fuzz run reaches: what the fuzzer sends goes through the same HTTP parsing as a client's.
/// </summary>
public sealed class FuzzHost : IAsyncDisposable
{
    public const string AdminEmail = "fuzz-ops@example.org";
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebApplicationFactory<Standalone.Program> _factory;

    public FuzzHost()
    {
        _factory = new WebApplicationFactory<Standalone.Program>().WithWebHostBuilder(b => b
            // A free loopback port per host: the default 5000 would collide with a parallel class or another run.
            .UseSetting("urls", "http://127.0.0.1:0")
            .UseSetting("Storage:DataPath", TestServers.NewDataFolder())
            .UseSetting("Accounts:AdminEmails", AdminEmail)
            .UseSetting("RateLimits:Auth", "1000000")
            .UseSetting("RateLimits:PerPlayer", "1000000")
            .UseSetting("RateLimits:PerAddress", "1000000"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        // The client goes to the port Kestrel bound, not to the in-memory test server.
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public HttpClient Http { get; }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>A guest session for the device: the same device always signs in as the same player.</summary>
    public async Task<string> GuestTokenAsync(string deviceId)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId });
        return await TokenAsync(response);
    }

    /// <summary>The operator's session (registered on first use; the admin role comes with the configured email).</summary>
    public async Task<string> AdminTokenAsync()
    {
        using (await Http.PostAsJsonAsync("/api/v1/auth/register", new { email = AdminEmail, password = AdminPassword }))
        {
        }

        using var login = await Http.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword });
        return await TokenAsync(login);
    }

    public async Task<JsonElement> GetDataAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body.GetProperty("data").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }

    private static async Task<string> TokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {(int)response.StatusCode} {body}");
        return body.GetProperty("data").GetProperty("accessToken").GetString()!;
    }
}
