using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Contracts.Players;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with stubbed leaderboards, accounts and game workers: the stubs answer from what the request says, so
/// tests can check what the gateway asked.
/// </summary>
public sealed class LeaderboardsGatewayFactory : GatewayFactory
{
    public static readonly Guid FriendA = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    public static readonly Guid FriendB = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002");

    public LeaderboardsGatewayFactory() => WithBus(x =>
    {
        x.AddHandler<GetLeaderboard>(c => c.Message.Category == "prestige" && c.Message.Season == "1999-W01"
            ? c.RespondAsync(new LeaderboardNotFound(LeaderboardErrorCodes.UnknownSeason, "no such season"))
            : c.RespondAsync(new LeaderboardPage(c.Message.Category, c.Message.Period, c.Message.Season, 1000, c.Message.Offset, false,
                [new LeaderboardEntryView(c.Message.PlayerId, c.Message.Offset + 1, "1.5e+400", DateTimeOffset.UnixEpoch)])));
        x.AddHandler<GetLeaderboardAroundPlayer>(c => c.RespondAsync(new LeaderboardPage(c.Message.Category, c.Message.Period, c.Message.Season, 10, 0, false, [])));
        x.AddHandler<GetFriendsLeaderboard>(c => c.RespondAsync(new LeaderboardPage(c.Message.Category, c.Message.Period, c.Message.Season, 10, 0, false,
            c.Message.FriendIds.Select((id, i) => new LeaderboardEntryView(id, i + 1, "1", DateTimeOffset.UnixEpoch)).ToList())));
        x.AddHandler<GetPlayerRank>(c => c.RespondAsync(new PlayerRank(c.Message.PlayerId, c.Message.Category, c.Message.Period, c.Message.Season, 7, "99", 10)));
        x.AddHandler<GetFriends>(c => c.RespondAsync(new FriendList(c.Message.PlayerId, [new FriendView(FriendA, "a"), new FriendView(FriendB, null)])));
        x.AddHandler<GetGameConfig>(c => c.RespondAsync(new GameConfig(1,
            """{"rulesVersion":1,"achievements":[{"id":"first_wool","name":"First Wool","condition":{"kind":"lifetimeWoolProduced","threshold":"1"}},{"id":"mogul","name":"Mogul","condition":{"kind":"totalBuildingLevels","threshold":"100"}}]}""")));
        x.AddHandler<GetGameState>(c => c.RespondAsync(new GameStateView(
            c.Message.PlayerId, 3, new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, int>(), [], ["first_wool"], "1", "1", "0", 0, DateTimeOffset.UnixEpoch)));
    });
}
