using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.Gateway.Services;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/leaderboards</c>: pages, around-me, friends and the player's rank, answered by the leaderboards worker.
/// An unknown category, period or season is 404 with <c>UNKNOWN_CATEGORY</c> / <c>UNKNOWN_PERIOD</c> / <c>UNKNOWN_SEASON</c>.
/// </summary>
public static class LeaderboardsEndpoints
{
    private const int DefaultLimit = 50;
    private const int DefaultRadius = 5;

    public static RouteGroupBuilder MapLeaderboards(this RouteGroupBuilder api)
    {
        var boards = api.MapGroup("/leaderboards").WithTags("leaderboards");
        string[] unknown = [LeaderboardErrorCodes.UnknownCategory, LeaderboardErrorCodes.UnknownPeriod, LeaderboardErrorCodes.UnknownSeason];
        boards.MapGet("/{category}", PageAsync).Validate<LeaderboardPageQuery>()
            .WithSummary("A page of a leaderboard (totalWool, netWorth, prestige, woolPerSecond), all time or per season.")
            .Answers<LeaderboardPage>()
            .Refuses(StatusCodes.Status404NotFound, unknown);
        boards.MapGet("/{category}/around-me", AroundAsync).Validate<LeaderboardAroundQuery>()
            .WithSummary("The players ranked around the caller.")
            .Answers<LeaderboardPage>()
            .Refuses(StatusCodes.Status404NotFound, unknown);
        boards.MapGet("/{category}/friends", FriendsAsync).Validate<LeaderboardBoardQuery>()
            .WithSummary("The caller and its friends, ranked.")
            .Answers<LeaderboardPage>()
            .Refuses(StatusCodes.Status404NotFound, unknown);
        boards.MapGet("/{category}/rank", RankAsync).Validate<LeaderboardBoardQuery>()
            .WithSummary("The caller's rank and score.")
            .Answers<PlayerRank>()
            .Refuses(StatusCodes.Status404NotFound, unknown);
        return api;
    }

    private static async Task<IResult> PageAsync(string category, [AsParameters] LeaderboardPageQuery query, HttpContext context, IRequestClient<GetLeaderboard> client, ReadyTopPages ready)
    {
        if (UnknownCategory(context, category) is { } unknown)
        {
            return unknown;
        }

        // Top pages are answered from ready bytes while the worker's cached rows they came from still hold.
        var key = new ReadyTopPages.Key(category, query.Period ?? LeaderboardCategories.AllTime, query.Season, query.Offset ?? 0, query.Limit ?? DefaultLimit);
        if (ready.Find(key) is { } kept)
        {
            return kept;
        }

        var request = new GetLeaderboard(context.User.PlayerId(), category, key.Period, key.Season, key.Offset, key.Limit);
        var response = await client.GetResponse<LeaderboardPage, LeaderboardNotFound>(request, context.RequestAborted);
        return response.Is(out Response<LeaderboardPage>? page) && ReadyTopPages.ReusableFor(page!.Headers) is { } reusableFor
            ? ready.Keep(key, page.Message, reusableFor)
            : Answer(context, response);
    }

    private static async Task<IResult> AroundAsync(string category, [AsParameters] LeaderboardAroundQuery query, HttpContext context, IRequestClient<GetLeaderboardAroundPlayer> client)
    {
        if (UnknownCategory(context, category) is { } unknown)
        {
            return unknown;
        }

        var request = new GetLeaderboardAroundPlayer(context.User.PlayerId(), category, query.Period ?? LeaderboardCategories.AllTime, query.Season, query.Radius ?? DefaultRadius);
        return Answer(context, await client.GetResponse<LeaderboardPage, LeaderboardNotFound>(request, context.RequestAborted));
    }

    private static async Task<IResult> FriendsAsync(
        string category,
        [AsParameters] LeaderboardBoardQuery query,
        HttpContext context,
        IRequestClient<GetFriends> friends,
        IRequestClient<GetFriendsLeaderboard> client)
    {
        if (UnknownCategory(context, category) is { } unknown)
        {
            return unknown;
        }

        var playerId = context.User.PlayerId();
        // The friend list belongs to the accounts worker; the leaderboards worker ranks whoever it is given.
        var list = await friends.GetResponse<FriendList>(new GetFriends(playerId), context.RequestAborted);
        var request = new GetFriendsLeaderboard(playerId, category, query.Period ?? LeaderboardCategories.AllTime, query.Season, list.Message.Friends.Select(f => f.PlayerId).ToList());
        return Answer(context, await client.GetResponse<LeaderboardPage, LeaderboardNotFound>(request, context.RequestAborted));
    }

    private static async Task<IResult> RankAsync(string category, [AsParameters] LeaderboardBoardQuery query, HttpContext context, IRequestClient<GetPlayerRank> client)
    {
        if (UnknownCategory(context, category) is { } unknown)
        {
            return unknown;
        }

        var request = new GetPlayerRank(context.User.PlayerId(), category, query.Period ?? LeaderboardCategories.AllTime, query.Season);
        return Answer(context, await client.GetResponse<PlayerRank, LeaderboardNotFound>(request, context.RequestAborted));
    }

    private static IResult? UnknownCategory(HttpContext context, string category) =>
        LeaderboardCategories.All.Contains(category, StringComparer.Ordinal)
            ? null
            : ApiResults.Error(context, StatusCodes.Status404NotFound, LeaderboardErrorCodes.UnknownCategory, $"There is no leaderboard category '{category}'; known: {string.Join(", ", LeaderboardCategories.All)}.");

    private static IResult Answer<T>(HttpContext context, Response<T, LeaderboardNotFound> response)
        where T : class =>
        response.Is(out Response<T>? ok)
            ? ApiResults.Ok(context, ok!.Message)
            : response.Is(out Response<LeaderboardNotFound>? notFound)
                ? ApiResults.Error(context, StatusCodes.Status404NotFound, notFound!.Message.Code, notFound.Message.Message)
                : throw new InvalidOperationException("An unexpected answer from the leaderboards worker.");
}
