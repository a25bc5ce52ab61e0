using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// The anti-cheat review end to end in Standalone (in-memory bus, SQLite): refused saves, click bursts and 429s
/// become anomaly records with their evidence; players are listed by score; a ban refuses the player's tokens,
/// refreshes and sign-ins and hides it from the boards, and a clear or the expiry restores it; every admin change is
/// in the audit log; bad input is refused with stable codes.
/// </summary>
public sealed class AntiCheatTests
{
    private const string AdminEmail = "ops@example.org";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_forged_save_and_a_click_burst_become_anomalies_with_evidence_and_the_forger_scores_highest()
    {
        await using var factory = Standalone();
        using var http = factory.CreateClient();
        var admin = await AdminAsync(http);
        var forger = await GuestAsync(http, "forger");
        var clicker = await GuestAsync(http, "clicker");

        // A save claiming Golden Fleece the server never granted.
        var current = await DataAsync(http, forger.Token, HttpMethod.Get, "/api/v1/saves/current");
        var save = JsonNode.Parse(current.GetProperty("save").GetRawText())!.AsObject();
        save["goldenFleece"] = "1000";
        var (uploadStatus, upload) = await SendAsync(http, forger.Token, HttpMethod.Put, "/api/v1/saves/current", new { baseRevision = current.GetProperty("revision").GetInt64(), save });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, uploadStatus);
        Assert.Equal("SAVE_REJECTED", upload.GetProperty("error").GetProperty("code").GetString());

        // A burst of full click batches: the first is accepted, the other three break the 20-per-second rule.
        for (var i = 0; i < 4; i++)
        {
            await SendAsync(http, clicker.Token, HttpMethod.Post, "/api/v1/game/actions", new { type = "click", quantity = 100 });
        }

        var forged = await EventuallyAsync(() => HistoryAsync(http, admin, forger.PlayerId), h => h.GetProperty("anomalies").GetArrayLength() > 0);
        var record = forged.GetProperty("anomalies")[0];
        Assert.Equal("save-rejected", record.GetProperty("kind").GetString());
        Assert.Equal("golden_fleece.increased", record.GetProperty("rule").GetString());
        Assert.Equal("goldenFleece", record.GetProperty("claimed").GetString());
        Assert.Equal("saves", record.GetProperty("source").GetString());

        var burst = await EventuallyAsync(() => HistoryAsync(http, admin, clicker.PlayerId), h => h.GetProperty("anomalies").EnumerateArray().Sum(a => a.GetProperty("count").GetInt32()) >= 3);
        var clicks = Assert.Single(burst.GetProperty("anomalies").EnumerateArray());
        Assert.Equal("action-refused", clicks.GetProperty("kind").GetString());
        Assert.Equal("RATE_LIMITED_ACTION", clicks.GetProperty("rule").GetString());
        Assert.Contains("20 clicks per second", clicks.GetProperty("bound").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("100", clicks.GetProperty("claimed").GetString(), StringComparison.Ordinal);

        // Scores: 10 for the forged save; 2 per refused batch (3 of them, or 4 if the first came too soon after the farm's start).
        Assert.Equal(10, forged.GetProperty("score").GetDouble());
        var clickerScore = burst.GetProperty("score").GetDouble();
        Assert.True(clickerScore is 6 or 8, $"clicker scored {clickerScore}");
        var (_, scores) = await SendAsync(http, admin, HttpMethod.Get, "/api/v1/admin/anomalies?limit=10");
        var players = scores.GetProperty("data").GetProperty("players").EnumerateArray().ToList();
        Assert.Equal([forger.PlayerId, clicker.PlayerId], players.Select(p => p.GetProperty("playerId").GetGuid()).Where(p => p == forger.PlayerId || p == clicker.PlayerId));
        Assert.Equal(players.Count, scores.GetProperty("data").GetProperty("total").GetInt32());
        var ordered = players.Select(p => p.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(ordered.OrderByDescending(s => s), ordered);

        // Marking reviewed zeroes the score, and the player drops to the end of the list.
        var (clearStatus, cleared) = await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{forger.PlayerId}/clear", new { markReviewed = true });
        Assert.Equal(HttpStatusCode.OK, clearStatus);
        Assert.Equal(1, cleared.GetProperty("data").GetProperty("reviewed").GetInt32());
        Assert.Equal(0, cleared.GetProperty("data").GetProperty("score").GetDouble());
        var (_, after) = await SendAsync(http, admin, HttpMethod.Get, "/api/v1/admin/anomalies?limit=10");
        Assert.Equal(clicker.PlayerId, after.GetProperty("data").GetProperty("players")[0].GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task Rate_limit_offences_are_coalesced_into_one_record_per_window_with_a_count()
    {
        await using var factory = Standalone(b => b
            .UseSetting("RateLimits:PerPlayer", "10")
            .UseSetting("RateLimits:Window", "00:00:03")
            .UseSetting("Moderation:OffenceWindowSeconds", "2"));
        using var http = factory.CreateClient();
        var admin = await AdminAsync(http);
        var hammer = await GuestAsync(http, "hammer");

        var refused = 0;
        for (var i = 0; i < 40; i++)
        {
            var (status, body) = await SendAsync(http, hammer.Token, HttpMethod.Get, "/api/v1/game/config");
            if (status == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("RATE_LIMITED", body.GetProperty("error").GetProperty("code").GetString());
                refused++;
            }
        }

        Assert.True(refused >= 20, $"only {refused} requests were refused");
        var history = await EventuallyAsync(
            () => HistoryAsync(http, admin, hammer.PlayerId),
            h => h.GetProperty("anomalies").EnumerateArray().Sum(a => a.GetProperty("count").GetInt32()) == refused,
            afterDelay: TimeSpan.FromSeconds(1));
        var records = history.GetProperty("anomalies").EnumerateArray().ToList();
        // The burst lasts well under two windows: at most two records (one per window), not one per refusal.
        Assert.InRange(records.Count, 1, 2);
        Assert.All(records, r =>
        {
            Assert.Equal("rate-limited", r.GetProperty("kind").GetString());
            Assert.Equal("RATE_LIMITED", r.GetProperty("rule").GetString());
            Assert.Equal("10 requests per window", r.GetProperty("bound").GetString());
            Assert.StartsWith("gateway:", r.GetProperty("source").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_ban_refuses_tokens_refresh_and_sign_in_hides_the_player_from_boards_and_a_clear_restores_it()
    {
        await using var factory = Standalone();
        using var http = factory.CreateClient();
        var admin = await AdminAsync(http);
        var cheat = await GuestAsync(http, "cheat");
        var honest = await GuestAsync(http, "honest");
        await SendAsync(http, cheat.Token, HttpMethod.Post, "/api/v1/game/actions", new { type = "click", quantity = 100 });
        await SendAsync(http, honest.Token, HttpMethod.Post, "/api/v1/game/actions", new { type = "click", quantity = 10 });
        var before = await EventuallyAsync(() => BoardAsync(http, honest.Token), b => b.Count == 2);
        Assert.Equal(cheat.PlayerId, before[0].PlayerId);
        var cheatScore = before[0].Score;

        var (banStatus, ban) = await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{cheat.PlayerId}/ban", new { reason = "Forged saves." });
        Assert.Equal(HttpStatusCode.OK, banStatus);
        Assert.Equal("Forged saves.", ban.GetProperty("data").GetProperty("ban").GetProperty("reason").GetString());

        var (refusedStatus, refused) = await SendAsync(http, cheat.Token, HttpMethod.Get, "/api/v1/game/state");
        Assert.Equal(HttpStatusCode.Forbidden, refusedStatus);
        Assert.Equal("ACCOUNT_BANNED", refused.GetProperty("error").GetProperty("code").GetString());
        var (refreshStatus, refresh) = await SendAsync(http, null, HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = cheat.RefreshToken });
        Assert.Equal(HttpStatusCode.Forbidden, refreshStatus);
        Assert.Equal("ACCOUNT_BANNED", refresh.GetProperty("error").GetProperty("code").GetString());
        var (signInStatus, signIn) = await SendAsync(http, null, HttpMethod.Post, "/api/v1/auth/guest", new { deviceId = cheat.DeviceId });
        Assert.Equal(HttpStatusCode.Forbidden, signInStatus);
        Assert.Equal("ACCOUNT_BANNED", signIn.GetProperty("error").GetProperty("code").GetString());

        var hidden = await EventuallyAsync(() => BoardAsync(http, honest.Token), b => b.Count == 1);
        Assert.Equal((honest.PlayerId, 1L), (hidden[0].PlayerId, hidden[0].Rank));
        var (_, bans) = await SendAsync(http, admin, HttpMethod.Get, "/api/v1/admin/bans");
        Assert.Equal(cheat.PlayerId, Assert.Single(bans.GetProperty("data").GetProperty("bans").EnumerateArray()).GetProperty("playerId").GetGuid());

        var (clearStatus, cleared) = await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{cheat.PlayerId}/clear", new { liftBan = true, note = "Appeal accepted." });
        Assert.Equal(HttpStatusCode.OK, clearStatus);
        Assert.True(cleared.GetProperty("data").GetProperty("banLifted").GetBoolean());
        var (backStatus, _) = await SendAsync(http, null, HttpMethod.Post, "/api/v1/auth/guest", new { deviceId = cheat.DeviceId });
        Assert.Equal(HttpStatusCode.OK, backStatus);
        var shown = await EventuallyAsync(() => BoardAsync(http, honest.Token), b => b.Count == 2);
        Assert.Equal((cheat.PlayerId, 1L, cheatScore), (shown[0].PlayerId, shown[0].Rank, shown[0].Score));
    }

    [Fact]
    public async Task A_ban_with_an_expiry_lifts_itself()
    {
        await using var factory = Standalone();
        using var http = factory.CreateClient();
        var admin = await AdminAsync(http);
        var player = await GuestAsync(http, "expiring");
        await SendAsync(http, player.Token, HttpMethod.Post, "/api/v1/game/actions", new { type = "click", quantity = 50 });
        await EventuallyAsync(() => BoardAsync(http, admin), b => b.Any(e => e.PlayerId == player.PlayerId));

        var (banStatus, _) = await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{player.PlayerId}/ban", new { reason = "Cooling off.", expiresAt = DateTimeOffset.UtcNow.AddSeconds(4) });
        Assert.Equal(HttpStatusCode.OK, banStatus);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, player.Token, HttpMethod.Get, "/api/v1/game/state")).Status);
        await EventuallyAsync(() => BoardAsync(http, admin), b => b.All(e => e.PlayerId != player.PlayerId));

        await Task.Delay(TimeSpan.FromSeconds(4.5));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, player.Token, HttpMethod.Get, "/api/v1/game/state")).Status);
        await EventuallyAsync(() => BoardAsync(http, admin), b => b.Any(e => e.PlayerId == player.PlayerId));
    }

    [Fact]
    public async Task Every_admin_change_is_in_the_audit_log_newest_first_and_reads_are_not()
    {
        await using var factory = Standalone(b => b.UseSetting("FeatureManagement:NightMarket", "false"));
        using var http = factory.CreateClient();
        var admin = await AdminAsync(http);
        var adminId = await PlayerIdAsync(http, admin);
        var player = await GuestAsync(http, "audited");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, admin, HttpMethod.Post, "/api/v1/admin/maintenance", new { message = "Shearing the servers.", endsAt = DateTimeOffset.UtcNow.AddHours(1), notify = false })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, admin, HttpMethod.Delete, "/api/v1/admin/maintenance")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, admin, HttpMethod.Put, "/api/v1/admin/features/NightMarket", new { enabled = true })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{player.PlayerId}/ban", new { reason = "Bot farming." })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{player.PlayerId}/clear", new { liftBan = true, markReviewed = true })).Status);
        // Neither a read nor a refused change is an action.
        await SendAsync(http, admin, HttpMethod.Get, "/api/v1/admin/anomalies");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{player.PlayerId}/ban", new { reason = "" })).Status);

        var log = await EventuallyAsync(() => AuditAsync(http, admin, "?limit=10"), l => l.GetProperty("entries").GetArrayLength() >= 5);
        var entries = log.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            [
                "POST admin/players/{playerId}/clear",
                "POST admin/players/{playerId}/ban",
                "PUT admin/features/{name}",
                "DELETE admin/maintenance",
                "POST admin/maintenance",
            ],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(adminId, e.GetProperty("adminId").GetGuid()));
        Assert.Equal($"playerId={player.PlayerId}", entries[1].GetProperty("target").GetString());
        Assert.Contains("Bot farming.", entries[1].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("name=NightMarket", entries[2].GetProperty("target").GetString());
        Assert.Equal("maintenance", entries[4].GetProperty("target").GetString());
        Assert.Contains("Shearing the servers.", entries[4].GetProperty("details").GetString(), StringComparison.Ordinal);

        // Paging by the cursor: two, then the rest.
        var first = await AuditAsync(http, admin, "?limit=2");
        var next = first.GetProperty("next").GetString();
        var second = await AuditAsync(http, admin, $"?limit=10&after={next}");
        Assert.Equal(
            entries.Skip(2).Select(e => e.GetProperty("actionId").GetGuid()),
            second.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("actionId").GetGuid()));
    }

    [Fact]
    public async Task Bad_moderation_input_is_refused_with_stable_codes_and_players_cannot_moderate()
    {
        await using var factory = Standalone();
        using var http = factory.CreateClient();
        var admin = await AdminAsync(http);
        var player = await GuestAsync(http, "plain");
        var ban = $"/api/v1/admin/players/{player.PlayerId}/ban";

        await AssertErrorAsync(http, admin, HttpMethod.Post, ban, new { }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "reason");
        await AssertErrorAsync(http, admin, HttpMethod.Post, ban, new { reason = "   " }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "reason");
        await AssertErrorAsync(http, admin, HttpMethod.Post, ban, new { reason = new string('x', 501) }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "reason");
        await AssertErrorAsync(http, admin, HttpMethod.Post, ban, new { reason = "Late.", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "expiresAt");
        await AssertErrorAsync(http, admin, HttpMethod.Post, ban, new { reason = "Odd.", expiresAt = "tomorrow" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", null);
        await AssertErrorAsync(http, admin, HttpMethod.Post, "/api/v1/admin/players/not-a-guid/ban", new { reason = "Who?" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "playerId");
        await AssertErrorAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{Guid.NewGuid()}/ban", new { reason = "Nobody." }, HttpStatusCode.NotFound, "PLAYER_NOT_FOUND", null);
        await AssertErrorAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{await PlayerIdAsync(http, admin)}/ban", new { reason = "Myself." }, HttpStatusCode.UnprocessableEntity, "CANNOT_BAN_ADMIN", null);
        await AssertErrorAsync(http, admin, HttpMethod.Post, $"/api/v1/admin/players/{player.PlayerId}/clear", new { liftBan = false }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "liftBan");
        await AssertErrorAsync(http, admin, HttpMethod.Get, "/api/v1/admin/anomalies?limit=0", null, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "limit");
        await AssertErrorAsync(http, admin, HttpMethod.Get, "/api/v1/admin/anomalies?offset=-1", null, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "offset");
        await AssertErrorAsync(http, admin, HttpMethod.Get, "/api/v1/admin/audit?after=x", null, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "after");
        await AssertErrorAsync(http, player.Token, HttpMethod.Post, ban, new { reason = "Self-service." }, HttpStatusCode.Forbidden, "FORBIDDEN", null);
        await AssertErrorAsync(http, player.Token, HttpMethod.Get, "/api/v1/admin/anomalies", null, HttpStatusCode.Forbidden, "FORBIDDEN", null);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, player.Token, HttpMethod.Get, "/api/v1/game/state")).Status);
    }

    internal sealed record Guest(Guid PlayerId, string Token, string RefreshToken, string DeviceId);

    private static WebApplicationFactory<Program> Standalone(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Storage:DataPath", TestServers.NewDataFolder())
                .UseSetting("Accounts:AdminEmails", AdminEmail)
                .UseSetting("RateLimits:PerPlayer", "100000");
            configure?.Invoke(b);
        });

    private static async Task<string> AdminAsync(HttpClient http)
    {
        const string Password = "correct horse battery";
        using (var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = AdminEmail, password = Password }))
        {
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = Password });
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString()!;
    }

    private static async Task<Guest> GuestAsync(HttpClient http, string name)
    {
        var device = $"{name}-{Guid.NewGuid():N}";
        using var response = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = device });
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return new Guest(data.GetProperty("playerId").GetGuid(), data.GetProperty("accessToken").GetString()!, data.GetProperty("refreshToken").GetString()!, device);
    }

    private static async Task<Guid> PlayerIdAsync(HttpClient http, string token) =>
        (await DataAsync(http, token, HttpMethod.Get, "/api/v1/players/me")).GetProperty("playerId").GetGuid();

    private static Task<JsonElement> HistoryAsync(HttpClient http, string admin, Guid player) =>
        DataAsync(http, admin, HttpMethod.Get, $"/api/v1/admin/players/{player}/anomalies");

    private static Task<JsonElement> AuditAsync(HttpClient http, string admin, string query) =>
        DataAsync(http, admin, HttpMethod.Get, "/api/v1/admin/audit" + query);

    private static async Task<List<(Guid PlayerId, long Rank, string Score)>> BoardAsync(HttpClient http, string token)
    {
        var page = await DataAsync(http, token, HttpMethod.Get, "/api/v1/leaderboards/totalWool?limit=100");
        return page.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("playerId").GetGuid(), e.GetProperty("rank").GetInt64(), e.GetProperty("score").GetString()!)).ToList();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? afterDelay = null)
    {
        var until = DateTime.UtcNow + Patience;
        var last = await read();
        while (!done(last))
        {
            Assert.True(DateTime.UtcNow < until, $"not reached in {Patience}: {last}");
            await Task.Delay(afterDelay ?? TimeSpan.FromMilliseconds(200));
            last = await read();
        }

        return last;
    }

    private static async Task AssertErrorAsync(HttpClient http, string token, HttpMethod method, string path, object? body, HttpStatusCode status, string code, string? field)
    {
        var (actual, envelope) = await SendAsync(http, token, method, path, body);
        Assert.True(actual == status, $"{method} {path}: {actual} {envelope}");
        var error = envelope.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"no detail for {field}: {error}");
        }
    }

    private static async Task<JsonElement> DataAsync(HttpClient http, string token, HttpMethod method, string path)
    {
        var (status, body) = await SendAsync(http, token, method, path);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {status} {body}");
        return body.GetProperty("data").Clone();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, string? token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
