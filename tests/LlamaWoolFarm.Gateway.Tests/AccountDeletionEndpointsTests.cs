using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// <c>DELETE /api/v1/players/me</c>, <c>GET /api/v1/players/me/export</c> and what a deletion does to sessions, with
/// the real accounts worker (and its deletion saga) behind the gateway and the other owners of an export stubbed.
/// </summary>
public sealed class AccountDeletionEndpointsTests : IClassFixture<AccountDeletionEndpointsTests.DeletionGatewayFactory>
{
    private readonly DeletionGatewayFactory _factory;

    public AccountDeletionEndpointsTests(DeletionGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task Delete_starts_a_seven_day_grace_period_that_ends_sessions_and_signing_in_cancels_it()
    {
        using var client = _factory.CreateClient();
        var email = SessionFlowTests.NewEmail();
        var session = await SessionFlowTests.RegisterAsync(client, email);
        Authorize(client, session);

        using var first = await client.DeleteAsync("/api/v1/players/me");
        using var second = await client.DeleteAsync("/api/v1/players/me");

        var scheduled = await first.DataAsync(HttpStatusCode.Accepted);
        var repeated = await second.DataAsync(HttpStatusCode.Accepted);
        var purgeAt = scheduled.GetProperty("purgeAt").GetDateTimeOffset();
        Assert.InRange(purgeAt - scheduled.GetProperty("requestedAt").GetDateTimeOffset(), TimeSpan.FromDays(7), TimeSpan.FromDays(7));
        Assert.Equal(scheduled.GetProperty("deletionId").GetGuid(), repeated.GetProperty("deletionId").GetGuid());
        Assert.True(repeated.GetProperty("replayed").GetBoolean());
        Assert.True(await _factory.Harness.Published.Any<AccountDeletionRequested>(m => m.Context.Message.PlayerId == session.GetProperty("playerId").GetGuid()));

        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() });
        await refresh.ErrorAsync(HttpStatusCode.Unauthorized, AccountErrorCodes.AccountDeletionPending);

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
        var again = await login.DataAsync(HttpStatusCode.OK);
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = again.GetProperty("refreshToken").GetString() });
        await refreshed.DataAsync(HttpStatusCode.OK);
        using var anew = await client.DeleteAsync("/api/v1/players/me");
        var next = await anew.DataAsync(HttpStatusCode.Accepted);
        Assert.False(next.GetProperty("replayed").GetBoolean());
        Assert.NotEqual(scheduled.GetProperty("deletionId").GetGuid(), next.GetProperty("deletionId").GetGuid());
    }

    [Fact]
    public async Task A_deleted_player_can_neither_refresh_nor_ask_for_deletion_again()
    {
        using var client = _factory.CreateClient();
        var session = await SessionFlowTests.RegisterAsync(client, SessionFlowTests.NewEmail());
        Authorize(client, session);
        var player = session.GetProperty("playerId").GetGuid();
        await AccountDeletionService.Tombstones(_factory.Services.GetRequiredService<IDocumentStore>())
            .InsertAsync(player.ToString("N"), new AccountTombstone { PlayerId = player, DeletionId = Guid.NewGuid() });

        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() });
        using var delete = await client.DeleteAsync("/api/v1/players/me");

        await refresh.ErrorAsync(HttpStatusCode.Unauthorized, AccountErrorCodes.AccountDeleted);
        await delete.ErrorAsync(HttpStatusCode.Gone, AccountErrorCodes.AccountDeleted);
    }

    [Fact]
    public async Task Delete_with_a_body_or_without_a_token_is_refused_and_schedules_nothing()
    {
        using var client = _factory.CreateClient();
        var session = await SessionFlowTests.RegisterAsync(client, SessionFlowTests.NewEmail());
        var player = session.GetProperty("playerId").GetGuid();

        using var anonymous = await client.DeleteAsync("/api/v1/players/me");
        Authorize(client, session);
        using var withBody = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/players/me") { Content = new StringContent("{\"confirm\":true}", Encoding.UTF8, "application/json") });

        await anonymous.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await withBody.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var status = await _factory.Harness.GetRequestClient<GetAccountStatus>().GetResponse<AccountStatus>(new GetAccountStatus(player));
        Assert.Equal(AccountStatuses.Active, status.Message.Status);
        Assert.False(_factory.Harness.Published.Select<AccountDeletionRequested>(m => m.Context.Message.PlayerId == player).Any());
    }

    [Fact]
    public async Task Export_gathers_every_part_from_its_owner()
    {
        using var client = _factory.CreateClient();
        var session = await SessionFlowTests.RegisterAsync(client, SessionFlowTests.NewEmail());
        var friend = await SessionFlowTests.RegisterAsync(client, SessionFlowTests.NewEmail());
        Authorize(client, session);
        using var befriended = await client.PostAsJsonAsync("/api/v1/players/me/friends", new { friendId = friend.GetProperty("playerId").GetGuid() });
        await befriended.DataAsync(HttpStatusCode.OK);

        using var response = await client.GetAsync("/api/v1/players/me/export");

        var data = await response.DataAsync(HttpStatusCode.OK);
        var player = session.GetProperty("playerId").GetGuid();
        Assert.Equal(player, data.GetProperty("playerId").GetGuid());
        var parts = data.GetProperty("parts");
        Assert.Equal(PlayerDataParts.Exported.Order(), parts.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(player, parts.GetProperty("profile").GetProperty("playerId").GetGuid());
        Assert.False(parts.GetProperty("profile").TryGetProperty("passwordHash", out _));
        Assert.Equal(friend.GetProperty("playerId").GetGuid(), parts.GetProperty("friendships").GetProperty("friends")[0].GetProperty("playerId").GetGuid());
        Assert.Equal("game", parts.GetProperty("game").GetProperty("stubbedPart").GetString());
        Assert.Equal(player, parts.GetProperty("notifications").GetProperty("player").GetGuid());
    }

    [Fact]
    public async Task Export_only_answers_GET()
    {
        using var client = _factory.CreateClient();
        Authorize(client, await SessionFlowTests.RegisterAsync(client, SessionFlowTests.NewEmail()));

        using var response = await client.PostAsync("/api/v1/players/me/export", null);

        await response.ErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    private static void Authorize(HttpClient client, JsonElement session) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());

    /// <summary>The gateway with the accounts worker and its saga on the harness; the other owners answer their export parts with a stub.</summary>
    public sealed class DeletionGatewayFactory : GatewayFactory
    {
        public DeletionGatewayFactory() => WithAccountsWorker().WithLooseRateLimits().WithBus(x =>
        {
            x.AddDelayedMessageScheduler();
            x.AddHandler<ExportPlayerData>(c => c.Message.Part is PlayerDataParts.Profile or PlayerDataParts.Friendships
                ? Task.CompletedTask
                : c.RespondAsync(new PlayerDataExport(c.Message.PlayerId, c.Message.Part, JsonSerializer.Serialize(new { stubbedPart = c.Message.Part, player = c.Message.PlayerId }))));
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
