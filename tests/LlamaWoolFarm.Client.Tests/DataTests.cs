using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaWoolFarm.Client.Tests;

[Collection(StandaloneCollection.Name)]
public sealed class DataTests(StandaloneFixture standalone)
{
    [Fact]
    public async Task A_players_clicks_reach_the_leaderboard_and_its_rank()
    {
        using var client = standalone.NewClient();
        var session = await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        await using var realtime = await client.ConnectRealtimeAsync();
        var click = await client.ClickAsync(20);
        await realtime.WaitForCommandAsync(click.CommandId, TimeSpan.FromSeconds(20));

        LeaderboardRank rank;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            rank = await client.GetRankAsync(LeaderboardCategories.TotalWool);
            if (rank.Rank is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "not ranked after 20 s");
                await Task.Delay(250);
            }
        }
        while (rank.Rank is null);

        var around = await client.GetLeaderboardAroundMeAsync(LeaderboardCategories.TotalWool);
        var page = await client.GetLeaderboardAsync(LeaderboardCategories.TotalWool, limit: 100);

        Assert.Equal(session.PlayerId, rank.PlayerId);
        Assert.True(rank.Score > BigNumber.Zero);
        var me = Assert.Single(around.Entries, e => e.PlayerId == session.PlayerId);
        Assert.Equal(rank.Rank, me.Rank);
        Assert.Equal(rank.Score, me.Score);
        Assert.True(page.Total >= 1);
        Assert.Equal(page.Entries.OrderByDescending(e => e.Score).Select(e => e.PlayerId), page.Entries.Select(e => e.PlayerId));
    }

    [Fact]
    public async Task A_save_round_trips_with_its_checksum_and_a_stale_upload_is_a_conflict()
    {
        using var client = standalone.NewClient();
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        var download = await client.DownloadSaveAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var played = Played(download.Save, "10");
        var stale = Played(download.Save, "5");

        var accepted = await client.UploadSaveAsync(download.Revision, played);
        var conflict = await Assert.ThrowsAsync<LlamaWoolFarmApiException>(() => client.UploadSaveAsync(download.Revision, stale));
        var after = await client.DownloadSaveAsync();

        Assert.Equal(download.Revision + 1, accepted.Revision);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("SAVE_CONFLICT", conflict.Code);
        Assert.Equal(accepted.Revision, after.Revision);
        Assert.Equal("10", after.Save["lifetimeWoolProduced"]!.GetValue<string>());
        // A download is the save of the state now (its times move on), checked against its own checksum.
        Assert.Equal(SaveChecksum.Compute(after.Save), after.Checksum);
    }

    [Fact]
    public async Task A_save_whose_checksum_does_not_match_is_refused_by_the_server()
    {
        using var client = standalone.NewClient();
        var session = await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        var download = await client.DownloadSaveAsync();
        var played = Played(download.Save, "7");
        var body = new JsonObject { ["baseRevision"] = download.Revision, ["save"] = played.DeepClone(), ["checksum"] = SaveChecksum.Compute(Played(download.Save, "8")) };

        using var http = new HttpClient { BaseAddress = standalone.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        using var response = await http.PutAsync(new Uri("/api/v1/saves/current", UriKind.Relative), new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // The SDK's checksum of a different save is refused: the server really checks what the SDK computes.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("INTEGRITY_MISMATCH", answer.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Notifications_list_and_are_marked_read()
    {
        using var client = standalone.NewClient();
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        await using var realtime = await client.ConnectRealtimeAsync();
        var pushed = new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously);
        realtime.NotificationReceived += (_, n) => pushed.TrySetResult(n);

        // The first click unlocks the first achievement, which is notified.
        var click = await client.ClickAsync(1);
        await realtime.WaitForCommandAsync(click.CommandId, TimeSpan.FromSeconds(20));
        var notification = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var unread = await client.GetNotificationsAsync(unreadOnly: true);
        await client.MarkNotificationsReadAsync([notification.NotificationId]);
        var afterRead = await client.GetNotificationsAsync(unreadOnly: true);

        Assert.Contains(unread.Notifications, n => n.NotificationId == notification.NotificationId);
        Assert.True(unread.Unread >= 1);
        Assert.DoesNotContain(afterRead.Notifications, n => n.NotificationId == notification.NotificationId);
        Assert.Equal(unread.Unread - 1, afterRead.Unread);
    }

    [Fact]
    public async Task The_states_amounts_parse_as_big_numbers_and_print_back_as_the_server_wrote_them()
    {
        using var client = standalone.NewClient();
        var session = await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        await using var realtime = await client.ConnectRealtimeAsync();
        var click = await client.ClickAsync(7);
        await realtime.WaitForCommandAsync(click.CommandId, TimeSpan.FromSeconds(20));

        using var http = new HttpClient { BaseAddress = standalone.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        var raw = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/game/state", UriKind.Relative))).RootElement.GetProperty("data");
        var state = await client.GetStateAsync();

        foreach (var price in raw.GetProperty("nextBuildingPrices").EnumerateObject())
        {
            Assert.Equal(price.Value.GetString(), BigNumber.Parse(price.Value.GetString()!).ToString());
            Assert.Equal(BigNumber.Parse(price.Value.GetString()!), state.NextBuildingPrices![price.Name]);
        }

        foreach (var field in new[] { "lifetimeWoolProduced", "netWorth", "clickPower" })
        {
            var text = raw.GetProperty(field).GetString()!;
            Assert.Equal(text, BigNumber.Parse(text).ToString());
        }

        Assert.True(state.LifetimeWoolProduced > BigNumber.Zero);
        Assert.True(state.NextBuildingPrices!["dimensionGate"] > state.NextBuildingPrices["barn"]);
    }

    private static JsonObject Played(JsonObject current, string wool)
    {
        var save = current.DeepClone().AsObject();
        save["woolCounts"]!["basic"] = wool;
        save["runWoolProduced"] = wool;
        save["lifetimeWoolProduced"] = wool;
        return save;
    }
}
