using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>The operations page of Standalone: an operator named in configuration signs in and opens the scheduler dashboard.</summary>
public sealed class AdminPageTests
{
    [Fact]
    public async Task A_configured_operator_signs_in_as_admin_sees_the_overview_and_opens_the_dashboard_with_its_cookie()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", TestServers.NewDataFolder())
            .UseSetting("Accounts:AdminEmails", "ops@example.org"));
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        const string Password = "correct horse battery";

        using var page = await http.GetAsync(new Uri("/admin.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("admin.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = "ops@example.org", password = Password });
        Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "ops@example.org", password = Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString()!;

        using var withoutCookie = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, withoutCookie.StatusCode);

        using var overviewRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/overview");
        overviewRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var overview = await http.SendAsync(overviewRequest);
        var data = (await overview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal("InMemory", data.GetProperty("transport").GetString());
        Assert.Equal("/hangfire", data.GetProperty("links").GetProperty("schedulerDashboard").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("queues").ValueKind);

        using var sessionRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/dashboard-session");
        sessionRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var session = await http.SendAsync(sessionRequest);
        var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var dashboardRequest = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        dashboardRequest.Headers.Add("Cookie", cookie);
        using var dashboard = await http.SendAsync(dashboardRequest);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The cookie is no API credential: the API ignores it.
        using var apiWithCookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/overview");
        apiWithCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(apiWithCookie)).StatusCode);
    }
}
