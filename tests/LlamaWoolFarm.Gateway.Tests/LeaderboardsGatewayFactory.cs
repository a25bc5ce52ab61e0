using System.Net.Http.Headers;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with stubbed leaderboards, accounts and game workers: the stubs answer from what the request says, so
/// tests can check what the gateway asked.
/// </summary>
public sealed class LeaderboardsGatewayFactory : WebApplicationFactory<Program>
{
    public static readonly Guid FriendA = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    public static readonly Guid FriendB = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002");

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>A client holding an access token of a new player (with the admin role when asked).</summary>
    public (HttpClient Client, Guid PlayerId) Player(bool admin = false)
    {
        var playerId = Guid.NewGuid();
        var token = Services.GetRequiredService<AccessTokenIssuer>().Issue(playerId, admin ? ["player", "admin"] : ["player"]);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return (client, playerId);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:SigningKey", GatewayFactory.SigningKeyForTests);
        builder.UseSetting("Storage:DataPath", TestServers.NewDataFolder());
        builder.ConfigureServices(services => services.AddMassTransitTestHarness(x =>
        {
            GatewayModule.AddBusClients(x);
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
            AddMoreHandlers?.Invoke(x);
        }));
    }

    /// <summary>Further stubs (the events tests add the events worker's).</summary>
    public static Action<IBusRegistrationConfigurator>? AddMoreHandlers { get; set; }
}
