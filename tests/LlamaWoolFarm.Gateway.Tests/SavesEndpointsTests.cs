using System.Net;
using System.Text;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Endpoints;
using MassTransit;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class SavesEndpointsTests : IClassFixture<SavesEndpointsTests.SavesGatewayFactory>
{
    private const string Save = """{"schemaVersion":"1.0.0","woolCounts":{"basic":"12"},"buildings":{}}""";
    private static readonly string GoodChecksum = new('a', 64);

    private readonly SavesGatewayFactory _factory;

    public SavesEndpointsTests(SavesGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task An_accepted_upload_answers_200_with_the_new_revision_and_sends_the_save_as_written()
    {
        var (client, player) = _factory.Player();

        using var response = await PutAsync(client, $$"""{"baseRevision":4,"save":{{Save}},"checksum":"{{GoldenChecksum()}}","keep":"device"}""");

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(5, data.GetProperty("revision").GetInt64());
        var sent = _factory.Harness.Consumed.Select<UploadSave>(c => c.Context.Message.PlayerId == player).Single().Context.Message;
        Assert.Equal(4, sent.BaseRevision);
        Assert.Equal(Save, sent.Save);
        Assert.Equal(GoldenChecksum(), sent.Checksum);
        Assert.Equal("device", sent.Keep);
        Assert.Equal(sent.CommandId, data.GetProperty("commandId").GetGuid());
    }

    [Fact]
    public async Task The_same_upload_resent_names_the_same_command_and_a_different_one_does_not()
    {
        var (client, _) = _factory.Player();
        var body = $$"""{"baseRevision":1,"save":{{Save}}}""";

        using var first = await PutAsync(client, body);
        using var second = await PutAsync(client, body);
        using var other = await PutAsync(client, body.Replace("\"12\"", "\"13\"", StringComparison.Ordinal));

        var one = (await first.DataAsync(HttpStatusCode.OK)).GetProperty("commandId").GetGuid();
        var two = (await second.DataAsync(HttpStatusCode.OK)).GetProperty("commandId").GetGuid();
        var three = (await other.DataAsync(HttpStatusCode.OK)).GetProperty("commandId").GetGuid();
        Assert.Equal(one, two);
        Assert.NotEqual(one, three);
    }

    [Fact]
    public async Task A_conflict_answers_409_with_the_winner()
    {
        var (client, _) = _factory.Player();

        using var response = await PutAsync(client, $$"""{"baseRevision":{{SavesGatewayFactory.ConflictBase}},"save":{{Save}}}""");

        var body = await EnvelopeAsync(response, HttpStatusCode.Conflict, "SAVE_CONFLICT");
        var data = body.GetProperty("data");
        Assert.Equal("server", data.GetProperty("winner").GetString());
        Assert.Equal("lifetimeWoolProduced", data.GetProperty("decidedBy").GetString());
        Assert.Equal(SavesGatewayFactory.LoserBackup, data.GetProperty("loserBackupId").GetGuid());
    }

    [Theory]
    [InlineData("SAVE_REJECTED", 422)]
    [InlineData("INTEGRITY_MISMATCH", 422)]
    [InlineData("UNSUPPORTED_SAVE_VERSION", 422)]
    [InlineData("UNKNOWN_BASE_REVISION", 409)]
    public async Task Refusals_answer_their_code_and_status_with_the_rules_broken(string code, int status)
    {
        var (client, _) = _factory.Player();

        using var response = await PutAsync(client, $$$"""{"baseRevision":0,"save":{"refuse":"{{{code}}}"}}""");

        var body = await EnvelopeAsync(response, (HttpStatusCode)status, code);
        if (code == "SAVE_REJECTED")
        {
            var rule = body.GetProperty("error").GetProperty("details").GetProperty("production.exceeds_bound");
            Assert.Equal("basic: too much", rule[0].GetString());
            Assert.Equal("production.exceeds_bound", body.GetProperty("data").GetProperty("rules")[0].GetProperty("rule").GetString());
        }
    }

    [Theory]
    [InlineData("""{"save":{}}""", "baseRevision")]
    [InlineData("""{"baseRevision":-1,"save":{}}""", "baseRevision")]
    [InlineData("""{"baseRevision":0,"save":[1]}""", "save")]
    [InlineData("""{"baseRevision":0}""", "save")]
    [InlineData("""{"baseRevision":0,"save":{},"keep":"both"}""", "keep")]
    [InlineData("""{"baseRevision":0,"save":{},"checksum":"xyz"}""", "checksum")]
    [InlineData("""{"baseRevision":"one","save":{}}""", "baseRevision")]
    [InlineData("""{"baseRevision":0,"save":{""", "body")]
    public async Task A_bad_upload_is_refused_with_the_field_named_and_nothing_is_sent(string json, string field)
    {
        var (client, player) = _factory.Player();

        using var response = await PutAsync(client, json);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Consumed.Select<UploadSave>(c => c.Context.Message.PlayerId == player).Any());
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_with_413_and_a_non_json_one_with_415()
    {
        var (client, player) = _factory.Player();
        var padding = new string('x', SavesEndpoints.MaxSaveBodyBytes);

        using var large = await PutAsync(client, $$$$"""{"baseRevision":0,"save":{"settings":{"pad":"{{{{padding}}}}"}}}""");
        using var text = await client.PutAsync(new Uri("/api/v1/saves/current", UriKind.Relative), new StringContent("save", Encoding.UTF8, "text/plain"));

        await large.ErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await text.ErrorAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.False(_factory.Harness.Consumed.Select<UploadSave>(c => c.Context.Message.PlayerId == player).Any());
    }

    [Fact]
    public async Task The_current_save_is_answered_as_a_json_object_with_its_revision()
    {
        var (client, _) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/saves/current", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(3, data.GetProperty("revision").GetInt64());
        Assert.Equal("5", data.GetProperty("save").GetProperty("woolCounts").GetProperty("basic").GetString());
        Assert.Equal("abc", data.GetProperty("checksum").GetString());
    }

    [Fact]
    public async Task History_takes_a_limit_between_1_and_100()
    {
        var (client, _) = _factory.Player();

        using var ok = await client.GetAsync(new Uri("/api/v1/saves/history?limit=5", UriKind.Relative));
        using var fallback = await client.GetAsync(new Uri("/api/v1/saves/history", UriKind.Relative));
        using var zero = await client.GetAsync(new Uri("/api/v1/saves/history?limit=0", UriKind.Relative));
        using var many = await client.GetAsync(new Uri("/api/v1/saves/history?limit=101", UriKind.Relative));
        using var word = await client.GetAsync(new Uri("/api/v1/saves/history?limit=ten", UriKind.Relative));

        Assert.Equal(5, (await ok.DataAsync(HttpStatusCode.OK)).GetProperty("revisions").GetArrayLength());
        Assert.Equal(SavesEndpoints.DefaultHistoryLimit, (await fallback.DataAsync(HttpStatusCode.OK)).GetProperty("revisions").GetArrayLength());
        await zero.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await many.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await word.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Backups_are_created_listed_and_restored_and_an_unknown_one_is_404()
    {
        var (client, _) = _factory.Player();

        using var created = await client.PostAsync(new Uri("/api/v1/saves/backups", UriKind.Relative), null);
        using var listed = await client.GetAsync(new Uri("/api/v1/saves/backups", UriKind.Relative));
        using var restored = await client.PostAsync(new Uri($"/api/v1/saves/backups/{SavesGatewayFactory.LoserBackup}/restore", UriKind.Relative), null);
        using var unknown = await client.PostAsync(new Uri($"/api/v1/saves/backups/{Guid.NewGuid()}/restore", UriKind.Relative), null);

        Assert.Equal("manual", (await created.DataAsync(HttpStatusCode.Created)).GetProperty("kind").GetString());
        Assert.Equal(1, (await listed.DataAsync(HttpStatusCode.OK)).GetProperty("backups").GetArrayLength());
        var restore = await restored.DataAsync(HttpStatusCode.OK);
        Assert.Equal(9, restore.GetProperty("revision").GetInt64());
        await unknown.ErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Saves_need_a_token()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/saves/current", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    private static string GoldenChecksum() => GoodChecksum;

    // Refusals that carry data too: the whole envelope is read once.
    private static async Task<JsonElement> EnvelopeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("meta").GetProperty("requestId").GetString()));
        return body;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string json) =>
        client.PutAsync(new Uri("/api/v1/saves/current", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The gateway with the saves worker stubbed by harness handlers that answer like it does.</summary>
    public sealed class SavesGatewayFactory : GatewayFactory
    {
        public const long ConflictBase = 7;
        public static readonly Guid LoserBackup = new("0a0b0c0d-0000-4000-8000-000000000001");

        public SavesGatewayFactory() => WithBus(x =>
        {
            x.AddHandler<UploadSave>(UploadAsync);
            x.AddHandler<GetCurrentSave>(c => c.RespondAsync(new CurrentSave(
                c.Message.PlayerId, 3, """{"schemaVersion":"1.0.0","woolCounts":{"basic":"5"}}""", "abc", DateTimeOffset.UnixEpoch)));
            x.AddHandler<GetSaveHistory>(c => c.RespondAsync(new SaveHistory(c.Message.PlayerId, 30, [.. Enumerable.Range(0, c.Message.Limit).Select(i =>
                new SaveRevisionSummary(30 - i, "upload", "abc", "10", 0, Guid.NewGuid(), null, DateTimeOffset.UnixEpoch))])));
            x.AddHandler<ListBackups>(c => c.RespondAsync(new BackupList(c.Message.PlayerId, [Backup("manual")])));
            x.AddHandler<CreateBackup>(c => c.RespondAsync(new BackupCreated(c.Message.CommandId, c.Message.PlayerId, Backup("manual"))));
            x.AddHandler<RestoreBackup>(c => c.Message.BackupId == LoserBackup
                ? c.RespondAsync(new BackupRestored(c.Message.CommandId, c.Message.PlayerId, c.Message.BackupId, 9, Guid.NewGuid(), false, DateTimeOffset.UnixEpoch))
                : c.RespondAsync(new BackupNotFound(c.Message.CommandId, c.Message.PlayerId, c.Message.BackupId)));
        });

        private static BackupSummary Backup(string kind) => new(LoserBackup, kind, 3, "abc", "10", 0, DateTimeOffset.UnixEpoch);

        private static Task UploadAsync(ConsumeContext<UploadSave> context)
        {
            var m = context.Message;
            using var save = JsonDocument.Parse(m.Save);
            if (save.RootElement.TryGetProperty("refuse", out var code))
            {
                IReadOnlyList<SaveRuleBroken> rules = code.GetString() == "SAVE_REJECTED" ? [new("production.exceeds_bound", "basic", "too much")] : [];
                return context.RespondAsync(new SaveRejected(m.CommandId, m.PlayerId, code.GetString()!, "refused", rules, 2, DateTimeOffset.UnixEpoch));
            }

            return m.BaseRevision == ConflictBase
                ? context.RespondAsync(new SaveConflictResolved(m.CommandId, m.PlayerId, m.BaseRevision, 8, "server", "lifetimeWoolProduced", LoserBackup, false, DateTimeOffset.UnixEpoch))
                : context.RespondAsync(new SaveAccepted(m.CommandId, m.PlayerId, m.BaseRevision + 1, "abc", [], false, DateTimeOffset.UnixEpoch));
        }
    }
}
