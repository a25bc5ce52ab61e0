using System.Collections.Concurrent;
using System.Net;
using System.Text;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Api;
using MassTransit;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// Every endpoint that takes <c>Idempotency-Key</c> (it names the command): the same key twice gets the same answer and
/// the work is applied once, and the one limit holds the same everywhere — <see cref="IdempotencyKey.MaxLength"/>
/// characters are taken, one more is 400 <c>VALIDATION_ERROR</c> naming the header, with nothing sent.
/// </summary>
public sealed class IdempotencyKeyEndpointsTests : IClassFixture<IdempotencyKeyEndpointsTests.KeyedGatewayFactory>
{
    private const string Save = """{"schemaVersion":"1.0.0","woolCounts":{"basic":"12"},"buildings":{}}""";

    private readonly KeyedGatewayFactory _factory;

    public IdempotencyKeyEndpointsTests(KeyedGatewayFactory factory) => _factory = factory;

    public static TheoryData<string> Endpoints => new(Routes.Keys);

    private static Dictionary<string, Route> Routes { get; } = new()
    {
        ["game action"] = new(HttpMethod.Post, "/api/v1/game/actions", """{"type":"click","quantity":1}""", HttpStatusCode.Accepted),
        ["offline claim"] = new(HttpMethod.Post, "/api/v1/game/offline/claim", null, HttpStatusCode.Accepted),
        ["save upload"] = new(HttpMethod.Put, "/api/v1/saves/current", $$"""{"baseRevision":1,"save":{{Save}}}""", HttpStatusCode.OK),
        ["backup"] = new(HttpMethod.Post, "/api/v1/saves/backups", null, HttpStatusCode.Created),
        ["restore"] = new(HttpMethod.Post, $"/api/v1/saves/backups/{Guid.NewGuid()}/restore", null, HttpStatusCode.OK),
        ["admin event"] = new(HttpMethod.Post, "/api/v1/admin/events", """{"name":"Keyed","type":"competition","startsAt":"2030-05-01T12:00:00Z","endsAt":"2030-05-01T13:00:00Z","rewards":[]}""", HttpStatusCode.Created, Admin: true),
        ["maintenance notice"] = new(HttpMethod.Post, "/api/v1/admin/notifications/maintenance", """{"title":"Shearing","message":"Back soon."}""", HttpStatusCode.Created, Admin: true),
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_same_key_twice_gets_the_same_answer_and_is_applied_once(string endpoint)
    {
        var route = Routes[endpoint];
        var (client, owner) = _factory.Player(route.Admin);

        using var first = await SendAsync(client, route, "twice-1");
        using var second = await SendAsync(client, route, "twice-1");

        var one = await first.DataAsync(route.Success);
        var two = await second.DataAsync(route.Success);
        var commands = await _factory.CommandsAsync(endpoint, owner);
        // Both requests name one command, which the worker applies once.
        Assert.Single(commands.Distinct());
        if (route.Method == HttpMethod.Post)
        {
            // A POST is answered from the kept answer: byte for byte, marked, and nothing reaches the worker again.
            Assert.Equal(one.GetRawText(), two.GetRawText());
            Assert.Equal("true", Assert.Single(second.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName)));
            Assert.Single(commands);
        }
        else
        {
            // The upload is idempotent through its command id: the worker answers the repeat as a replay.
            Assert.Equal(one.GetProperty("commandId").GetGuid(), two.GetProperty("commandId").GetGuid());
            Assert.Equal(one.GetProperty("revision").GetInt64(), two.GetProperty("revision").GetInt64());
            Assert.False(one.GetProperty("replayed").GetBoolean());
            Assert.True(two.GetProperty("replayed").GetBoolean());
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_key_at_the_limit_is_taken_and_one_character_more_is_refused_with_nothing_sent(string endpoint)
    {
        var route = Routes[endpoint];
        var (atLimitClient, atLimitOwner) = _factory.Player(route.Admin);
        var (overClient, overOwner) = _factory.Player(route.Admin);

        using var atLimit = await SendAsync(atLimitClient, route, new string('k', IdempotencyKey.MaxLength));
        using var over = await SendAsync(overClient, route, new string('k', IdempotencyKey.MaxLength + 1));

        await atLimit.DataAsync(route.Success);
        Assert.Single(await _factory.CommandsAsync(endpoint, atLimitOwner));
        var error = await over.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.True(error.GetProperty("details").TryGetProperty(IdempotencyKey.HeaderName, out _), error.ToString());
        Assert.Empty(_factory.CommandsNow(endpoint, overOwner));
    }

    [Theory]
    [InlineData("del\u007f")]
    [InlineData("tab\tinside")]
    [InlineData("clé")]
    public async Task The_upload_refuses_a_key_the_posts_refuse(string key)
    {
        var route = Routes["save upload"];
        var (client, owner) = _factory.Player();

        using var response = await SendAsync(client, route, key);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.True(error.GetProperty("details").TryGetProperty(IdempotencyKey.HeaderName, out _), error.ToString());
        Assert.Empty(_factory.CommandsNow("save upload", owner));
    }

    [Fact]
    public async Task A_key_names_the_same_command_on_the_same_route_only()
    {
        var (client, owner) = _factory.Player();

        using var backup = await SendAsync(client, Routes["backup"], "shared");
        using var upload = await SendAsync(client, Routes["save upload"], "shared");

        var backupCommand = Assert.Single(await _factory.CommandsAsync("backup", owner));
        var uploadCommand = (await upload.DataAsync(HttpStatusCode.OK)).GetProperty("commandId").GetGuid();
        Assert.NotEqual(backupCommand, uploadCommand);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, string key)
    {
        var request = new HttpRequestMessage(route.Method, route.Path);
        if (route.Body is not null)
        {
            request.Content = new StringContent(route.Body, Encoding.UTF8, "application/json");
        }

        request.Headers.TryAddWithoutValidation(IdempotencyKey.HeaderName, key);
        return client.SendAsync(request);
    }

    private sealed record Route(HttpMethod Method, string Path, string? Body, HttpStatusCode Success, bool Admin = false);

    /// <summary>
    /// The gateway with every worker behind those endpoints stubbed: each stub records the commands it receives, and
    /// applies a command id once (a repeat is answered as a replay), as the workers do.
    /// </summary>
    public sealed class KeyedGatewayFactory : GatewayFactory
    {
        private readonly ConcurrentQueue<(string Endpoint, Guid Owner, Guid CommandId)> _received = new();
        private readonly ConcurrentDictionary<Guid, byte> _applied = new();

        public KeyedGatewayFactory() => WithBus(x =>
        {
            x.AddHandler<UploadSave>(c =>
            {
                var replayed = Receive("save upload", c.Message.PlayerId, c.Message.CommandId);
                return c.RespondAsync(new SaveAccepted(c.Message.CommandId, c.Message.PlayerId, c.Message.BaseRevision + 1, "abc", [], replayed, DateTimeOffset.UnixEpoch));
            });
            x.AddHandler<CreateBackup>(c =>
            {
                Receive("backup", c.Message.PlayerId, c.Message.CommandId);
                return c.RespondAsync(new BackupCreated(c.Message.CommandId, c.Message.PlayerId, new BackupSummary(Guid.NewGuid(), "manual", 3, "abc", "10", 0, DateTimeOffset.UnixEpoch)));
            });
            x.AddHandler<RestoreBackup>(c =>
            {
                var replayed = Receive("restore", c.Message.PlayerId, c.Message.CommandId);
                return c.RespondAsync(new BackupRestored(c.Message.CommandId, c.Message.PlayerId, c.Message.BackupId, 9, Guid.NewGuid(), replayed, DateTimeOffset.UnixEpoch));
            });
            x.AddHandler<CreateCompetitionEvent>(c =>
            {
                var m = c.Message;
                Receive("admin event", m.PlayerId, m.CommandId);
                return c.RespondAsync(new CompetitionEventView(m.CommandId, m.Name, m.Type, m.StartsAt, m.EndsAt, "scheduled", m.Rewards));
            });
            x.AddHandler<SendMaintenanceNotice>(c =>
            {
                var m = c.Message;
                var replayed = Receive("maintenance notice", m.AdminId, m.CommandId);
                var notice = new NotificationView(m.CommandId, "maintenance", m.Title, m.Message, new Dictionary<string, string>(), true, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7));
                return c.RespondAsync(new MaintenanceNoticeSent(m.CommandId, notice, replayed));
            });
        });

        /// <summary>The command ids of <paramref name="owner"/> that reached the worker behind the endpoint, once at least one has.</summary>
        public async Task<List<Guid>> CommandsAsync(string endpoint, Guid owner)
        {
            // Game commands are sent, not requested: the harness records them as sent; the stubs record the rest.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (CommandsNow(endpoint, owner) is { Count: 0 } && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            return CommandsNow(endpoint, owner);
        }

        /// <summary>The command ids of <paramref name="owner"/> that reached the worker behind the endpoint so far.</summary>
        public List<Guid> CommandsNow(string endpoint, Guid owner) => endpoint switch
        {
            "game action" => Sent<SubmitClicks>(m => m.PlayerId == owner, m => m.CommandId),
            "offline claim" => Sent<ClaimOfflineProgress>(m => m.PlayerId == owner, m => m.CommandId),
            _ => [.. _received.Where(r => r.Endpoint == endpoint && r.Owner == owner).Select(r => r.CommandId)],
        };

        private List<Guid> Sent<T>(Func<T, bool> mine, Func<T, Guid> commandId)
            where T : class =>
            [.. Harness.Sent.Select<T>(s => mine(s.Context.Message)).Select(s => commandId(s.Context.Message))];

        // Records the command; true when its id was applied before, so the worker answers a replay.
        private bool Receive(string endpoint, Guid owner, Guid commandId)
        {
            _received.Enqueue((endpoint, owner, commandId));
            return !_applied.TryAdd(commandId, 0);
        }
    }
}
