using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Gateway.Api;
using MassTransit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway for the contract tests, with loose limits: the game worker knows no command (so an unknown id is
/// 404), guests sign in; other workers are silent, so their routes answer 503 after the request timeout.
/// </summary>
public sealed class ContractGatewayFactory : GatewayFactory
{
    public ContractGatewayFactory() => WithGuestSignIn().WithLooseRateLimits()
        .WithBus(x => x.AddHandler<GetCommandStatus>(context =>
            context.RespondAsync(new CommandStatus(context.Message.CommandId, CommandStatuses.Pending, null, null, null, null, null))));
}

/// <summary>
/// The served OpenAPI document against the routes (docs/api.md, "The contract test"): every route under /api is
/// in the document with its success and refusals, and every route, driven with the inputs that yield the common
/// refusals (no token, a player's token on an admin route, another method, a body that is not JSON, a malformed or
/// empty body, unknown ids), answers only statuses its operation documents. A new route without
/// <c>Answers&lt;T&gt;()</c>, or one that answers a status it does not declare, fails here.
/// </summary>
public sealed partial class ApiContractTests(ContractGatewayFactory factory, ITestOutputHelper output) : IClassFixture<ContractGatewayFactory>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task The_document_has_a_title_an_introduction_a_version_and_the_bearer_scheme()
    {
        var document = await DocumentAsync();

        var info = document.GetProperty("info");
        Assert.Equal("Llama Wool Farm API", info.GetProperty("title").GetString());
        Assert.Contains("Envelope", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("15 significant digits", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(info.GetProperty("version").GetString()));
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Every_route_is_in_the_document_with_its_success_envelope_its_refusals_and_its_security()
    {
        var document = await DocumentAsync();
        var operations = Operations(document);
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= 44, $"only {endpoints.Count} routes under /api");
        var problems = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var name = $"{method} {DocumentPath(endpoint.RoutePattern.RawText!)}";
            if (endpoint.Metadata.GetMetadata<ApiDocumented>() is null)
            {
                problems.Add($"{name}: declares no success answer (.Answers<T>())");
            }

            if (!operations.TryGetValue(name, out var operation))
            {
                problems.Add($"{name}: not in the document");
                continue;
            }

            var responses = operation.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToList() : [];
            if (responses.Count == 0)
            {
                problems.Add($"{name}: no documented status");
                continue;
            }

            var successes = responses.Where(p => p.Name.StartsWith('2')).ToList();
            if (successes.Count == 0 || successes.Any(s => !SchemaRef(s.Value).StartsWith("ApiSuccessOf", StringComparison.Ordinal)))
            {
                problems.Add($"{name}: a success without the envelope schema ({string.Join(", ", successes.Select(s => $"{s.Name}={SchemaRef(s.Value)}"))})");
            }

            foreach (var refusal in responses.Where(p => !p.Name.StartsWith('2')))
            {
                if (SchemaRef(refusal.Value) != nameof(ApiFailure)
                    || !refusal.Value.TryGetProperty(OpenApiContract.ErrorCodesExtension, out var codes) || codes.GetArrayLength() == 0)
                {
                    problems.Add($"{name}: {refusal.Name} without the error envelope or its codes");
                }

                if (refusal.Name is "429" or "503" && !(refusal.Value.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Retry-After", out _)))
                {
                    problems.Add($"{name}: {refusal.Name} without Retry-After");
                }
            }

            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var secured = operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(s => s.TryGetProperty("Bearer", out _));
            if (anonymous == secured || (!anonymous && !responses.Any(p => p.Name == "401" && Codes(p.Value).Contains(ErrorCodes.Unauthorized))))
            {
                problems.Add($"{name}: the bearer requirement or its 401 does not follow the route's authorization (anonymous: {anonymous})");
            }

            if (Endpoints.AdminEndpoints.IsAdminRoute(endpoint.RoutePattern.RawText) && !responses.Any(p => p.Name == "403"))
            {
                problems.Add($"{name}: an admin route without 403");
            }
        }

        var mapped = endpoints.Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {DocumentPath(e.RoutePattern.RawText!)}").ToHashSet();
        problems.AddRange(operations.Keys.Where(o => o.Contains(" /api/", StringComparison.Ordinal) && !mapped.Contains(o)).Select(o => $"{o}: in the document but not mapped"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Request_schemas_mark_only_the_validators_required_fields_and_type_numbers_as_numbers()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var action = schemas.GetProperty("GameActionRequest");
        Assert.Equal(["type"], action.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", action.GetProperty("properties").GetProperty("type").GetProperty("type").GetString());
        Assert.Contains("purchaseBuilding", action.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var quantity = action.GetProperty("properties").GetProperty("quantity");
        Assert.Equal(["integer", "null"], quantity.GetProperty("type").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.False(quantity.TryGetProperty("pattern", out _));
        Assert.True(action.TryGetProperty("examples", out _));

        var login = schemas.GetProperty("LoginRequest");
        Assert.Equal(["email", "password"], login.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal("string", login.GetProperty("properties").GetProperty("email").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_route_answers_the_common_bad_inputs_only_with_statuses_it_documents()
    {
        var operations = Operations(await DocumentAsync()).Where(o => o.Key.Contains(" /api/", StringComparison.Ordinal)).ToList();
        var (player, _) = factory.Player();
        var (admin, _) = factory.Player(admin: true);
        using var anonymous = factory.CreateClient();
        // The methods some route takes at a concrete address (auth/oidc/providers is also auth/oidc/{provider}).
        var templates = operations.Select(o => (Method: o.Key.Split(' ')[0], Path: new Regex("^" + Parameter().Replace(Regex.Escape(o.Key.Split(' ')[1]).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$"))).ToList();
        var slowest = new ConcurrentBag<(double Seconds, string Request)>();
        var problems = new ConcurrentBag<string>();
        var driven = 0;
        // Operations run side by side: a route whose worker is silent waits out the request timeout (503).
        using var lanes = new SemaphoreSlim(16);

        async Task DriveAsync(string name, JsonElement operation)
        {
            var method = name.Split(' ')[0];
            var path = name.Split(' ')[1];
            var documented = operation.GetProperty("responses").EnumerateObject().Select(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            var isAdmin = Endpoints.AdminEndpoints.IsAdminRoute(path);
            var token = isAdmin ? admin : player;
            var takesBody = operation.TryGetProperty("requestBody", out _);
            var url = Concrete(path);

            async Task Expect(string input, HttpClient client, string verb, HttpContent? body, int? exactly = null)
            {
                using var request = new HttpRequestMessage(new HttpMethod(verb), url) { Content = body };
                var watch = System.Diagnostics.Stopwatch.StartNew();
                using var response = await client.SendAsync(request);
                slowest.Add((watch.Elapsed.TotalSeconds, $"{verb} {url} ({input}) {(int)response.StatusCode}"));
                var status = (int)response.StatusCode;
                Interlocked.Increment(ref driven);
                if (!documented.Contains(status))
                {
                    problems.Add($"{name} ({input}): answered {status}, documented {string.Join(", ", documented.Order())}");
                }

                if (exactly is { } expected && status != expected)
                {
                    problems.Add($"{name} ({input}): answered {status}, expected {expected}");
                }

                if (status >= 400)
                {
                    var envelope = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (!envelope.TryGetProperty("error", out var error) || !error.TryGetProperty("code", out _))
                    {
                        problems.Add($"{name} ({input}): {status} not in the envelope");
                    }
                }
            }

            // No token: 401 unless the route is public (then whatever it answers must be documented).
            var isPublic = !operation.TryGetProperty("security", out _);
            await Expect("no token", anonymous, method, takesBody ? Json("{}") : null, isPublic ? null : 401);
            if (isAdmin)
            {
                await Expect("a player's token", player, method, takesBody ? Json("{}") : null, 403);
            }

            // Another method on the same path: 405, with or without a token.
            var other = Methods.First(m => !templates.Any(t => t.Method == m && t.Path.IsMatch(url)));
            await Expect($"{other} instead", anonymous, other, null, 405);
            await Expect($"{other} instead, with a token", token, other, null, 405);

            if (takesBody)
            {
                await Expect("a form body", token, method, new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded"), 415);
                await Expect("a form body, no token", anonymous, method, new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded"), isPublic ? 415 : null);
                await Expect("malformed JSON", token, method, Json("{\"a\": ["), 400);
                await Expect("JSON of the wrong shape", token, method, Json("[1, 2]"), 400);
            }

            // The route's own answers to an empty body or none, unknown ids and the workers' silence (503).
            await Expect("unknown ids, an empty body", token, method, takesBody ? Json("{}") : null);
        }

        await Task.WhenAll(operations.Select(async o =>
        {
            await lanes.WaitAsync();
            try
            {
                await DriveAsync(o.Key, o.Value);
            }
            finally
            {
                lanes.Release();
            }
        }));

        output.WriteLine($"{operations.Count} operations, {driven} requests; slowest: " + string.Join("; ", slowest.OrderByDescending(s => s.Seconds).Take(8).Select(s => $"{s.Seconds:0.00} s {s.Request}")));
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Order()));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string SchemaRef(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json)
            && json.TryGetProperty("schema", out var schema) && schema.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!.Split('/')[^1]
            : "(none)";

    private static List<string> Codes(JsonElement response) =>
        response.TryGetProperty(OpenApiContract.ErrorCodesExtension, out var codes) ? codes.EnumerateArray().Select(c => c.GetString()!).ToList() : [];

    // /api/v1/commands/{commandId:guid} → /api/v1/commands/{commandId}, as the document names paths.
    private static string DocumentPath(string pattern) => "/" + Constraint().Replace(pattern.TrimStart('/'), "{$1}").TrimEnd('/');

    // Unknown ids: a new GUID where the route takes one, a name nothing has otherwise.
    private static string Concrete(string path) => Parameter().Replace(path, m =>
        m.Groups[1].Value.EndsWith("Id", StringComparison.Ordinal) && m.Groups[1].Value != "eventId" ? Guid.NewGuid().ToString() : "zz-unknown");

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Parameter();

    private List<RouteEndpoint> ApiEndpoints()
    {
        using var client = factory.CreateClient();
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .ToList();
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static Dictionary<string, JsonElement> Operations(JsonElement document)
    {
        var operations = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    operations[$"{method} {path.Name.TrimEnd('/')}"] = operation;
                }
            }
        }

        return operations;
    }
}
