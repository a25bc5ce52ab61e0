using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Services;
using MassTransit;
using MassTransit.Serialization;
using MassTransit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// Top pages kept as ready envelope bytes: byte for byte what a fresh answer is, kept no longer than the leaderboards
/// worker says (its reuse header), never kept without it, and dropped by a ban.
/// </summary>
public sealed partial class ReadyTopPagesTests
{
    private static readonly Uri Top = new("/api/v1/leaderboards/totalWool?limit=100", UriKind.Relative);

    [Fact]
    public async Task A_kept_page_is_byte_for_byte_the_envelope_a_fresh_answer_writes_apart_from_its_meta()
    {
        await using var factory = new ReadyTopPagesGatewayFactory();
        var ready = factory.Services.GetRequiredService<ReadyTopPages>();
        var page = new LeaderboardPage("totalWool", "weekly", "2026-W49", 123_456, 0, false, Enumerable.Range(1, 100)
            .Select(i => new LeaderboardEntryView(Guid.NewGuid(), i, i % 2 == 0 ? "1.23456789012345e+400" : (1000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch.AddDays(i)))
            .ToList());
        var key = new ReadyTopPages.Key("totalWool", "weekly", "2026-W49", 0, 100);

        var fresh = await RenderAsync(factory, context => ApiResults.Ok(context, page));
        var kept = await RenderAsync(factory, _ => ready.Keep(key, page, TimeSpan.FromSeconds(1)));
        var hit = await RenderAsync(factory, _ => ready.Find(key)!);

        Assert.Equal(fresh.Status, kept.Status);
        Assert.Equal(fresh.ContentType, kept.ContentType);
        Assert.Equal(WithoutTimestamp(fresh.Body), WithoutTimestamp(kept.Body));
        Assert.Equal(WithoutTimestamp(fresh.Body), WithoutTimestamp(hit.Body));
        Assert.Contains("\"requestId\":\"trace-1\"", hit.Body, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(hit.Body), hit.ContentLength);
    }

    [Fact]
    public async Task A_top_page_is_answered_without_the_worker_until_its_rows_expire_and_then_shows_the_new_score()
    {
        await using var factory = new ReadyTopPagesGatewayFactory();
        var (client, _) = factory.Player();

        var first = await DataAsync(client);
        factory.Score = "500";
        factory.Clock.Advance(TimeSpan.FromMilliseconds(ReadyTopPagesGatewayFactory.ReusableMilliseconds - 1));
        var second = await DataAsync(client);

        Assert.Equal(1, factory.Asked);
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal("100", second.GetProperty("entries")[0].GetProperty("score").GetString());

        factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var third = await DataAsync(client);

        Assert.Equal(2, factory.Asked);
        Assert.Equal("500", third.GetProperty("entries")[0].GetProperty("score").GetString());
    }

    [Fact]
    public async Task Each_page_request_is_kept_on_its_own_and_an_answer_without_the_reuse_header_is_never_kept()
    {
        await using var factory = new ReadyTopPagesGatewayFactory();
        var (client, _) = factory.Player();

        foreach (var path in new[] { "/api/v1/leaderboards/totalWool?limit=100", "/api/v1/leaderboards/totalWool?limit=10", "/api/v1/leaderboards/totalWool?limit=10&offset=5", "/api/v1/leaderboards/totalWool?limit=10&period=weekly" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var data = await response.DataAsync(HttpStatusCode.OK);
            using var again = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(data.ToString(), (await again.DataAsync(HttpStatusCode.OK)).ToString());
        }

        Assert.Equal(4, factory.Asked);

        // The stub answers prestige pages without the header, as the worker does for a board with a hidden player.
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/v1/leaderboards/prestige?limit=100", UriKind.Relative));
            await response.DataAsync(HttpStatusCode.OK);
        }

        Assert.Equal(7, factory.Asked);
    }

    [Fact]
    public async Task A_ban_drops_the_kept_pages_and_none_is_kept_until_the_workers_have_surely_learnt_of_it()
    {
        await using var factory = new ReadyTopPagesGatewayFactory();
        var (client, _) = factory.Player();
        await DataAsync(client);
        await DataAsync(client);
        Assert.Equal(1, factory.Asked);

        await factory.Harness.Bus.Publish(new PlayerBanned(factory.Leader, Guid.NewGuid(), "cheating", factory.Clock.Now, null));
        // The gateway's own temporary queue takes the event; on a busy machine that may take a while.
        var ready = factory.Services.GetRequiredService<ReadyTopPages>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ready.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The ban did not reach the gateway within 30 s.");
            await Task.Delay(50);
        }

        await DataAsync(client);
        await DataAsync(client);

        Assert.Equal(3, factory.Asked);

        factory.Clock.Advance(ReadyTopPages.BanHoldOff);
        await DataAsync(client);
        await DataAsync(client);

        Assert.Equal(4, factory.Asked);
    }

    [Theory]
    [InlineData(1500L, 1500)]
    [InlineData("1500", 1500)]
    [InlineData(0L, null)]
    [InlineData(-5L, null)]
    [InlineData("soon", null)]
    public void The_reuse_header_is_read_as_milliseconds_and_anything_else_keeps_nothing(object value, int? milliseconds)
    {
        var headers = new DictionarySendHeaders(new Dictionary<string, object?>());
        headers.Set(LeaderboardHeaders.ReusableForMilliseconds, value);

        Assert.Equal(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, ReadyTopPages.ReusableFor(headers));
    }

    private static async Task<JsonElement> DataAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Top);
        return await response.DataAsync(HttpStatusCode.OK);
    }

    private static async Task<(int Status, string? ContentType, long? ContentLength, string Body)> RenderAsync(GatewayFactory factory, Func<HttpContext, IResult> result)
    {
        var context = new DefaultHttpContext { RequestServices = factory.Services, TraceIdentifier = "trace-1" };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result(context).ExecuteAsync(context);
        await context.Response.BodyWriter.FlushAsync();
        return (context.Response.StatusCode, context.Response.ContentType, context.Response.ContentLength, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static string WithoutTimestamp(string body) => Timestamp().Replace(body, "\"timestamp\":\"…\"");

    [GeneratedRegex("\"timestamp\":\"[^\"]*\"")]
    private static partial Regex Timestamp();
}

/// <summary>
/// The gateway with a stub leaderboards worker that answers every page with one row of <see cref="Score"/>, marked
/// reusable for <see cref="ReusableMilliseconds"/> except prestige pages; counts what it was asked.
/// </summary>
public sealed class ReadyTopPagesGatewayFactory : GatewayFactory
{
    public const long ReusableMilliseconds = 2000;

    private int _asked;

    public ReadyTopPagesGatewayFactory() => WithManualClock().WithBus(x => x.AddHandler<GetLeaderboard>(c =>
    {
        Interlocked.Increment(ref _asked);
        var page = new LeaderboardPage(c.Message.Category, c.Message.Period, c.Message.Season, 1, c.Message.Offset, false,
            [new LeaderboardEntryView(Leader, 1, Score, DateTimeOffset.UnixEpoch)]);
        return c.Message.Category == LeaderboardCategories.Prestige
            ? c.RespondAsync(page)
            : c.RespondAsync(page, s => s.Headers.Set(LeaderboardHeaders.ReusableForMilliseconds, ReusableMilliseconds));
    }));

    public Guid Leader { get; } = Guid.NewGuid();

    public string Score { get; set; } = "100";

    public int Asked => Volatile.Read(ref _asked);
}
