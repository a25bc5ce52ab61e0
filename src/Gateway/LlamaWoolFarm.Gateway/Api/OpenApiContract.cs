using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Gateway.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// The transformers of the served OpenAPI document (<c>/openapi/v1.json</c>): its title, introduction and bearer
/// scheme; per operation the security requirement and the error codes and <c>Retry-After</c> of each refusal (from
/// the metadata <see cref="ApiContract"/> declares); request schemas whose required fields are the validators' own.
/// </summary>
public static class OpenApiContract
{
    public const string Title = "Llama Wool Farm API";
    public const string Version = "1.0";
    public const string BearerScheme = "Bearer";

    /// <summary>The extension listing an error response's codes (<c>x-error-codes</c>), for generated clients.</summary>
    public const string ErrorCodesExtension = "x-error-codes";

    private const string Introduction = """
        The REST API of Llama Wool Farm, an idle game: sessions, the farm and its actions, saves, leaderboards,
        achievements, events, notifications and the operators' admin routes. Live pushes go over the SignalR hub
        `/hubs/game`; this document covers HTTP.

        **Envelope.** Every answer is JSON `{ "success", "data"?, "error"?, "meta" }`: on success `data` holds the
        operation's result; on a refusal `error` is `{ "code", "message", "details"? }` with a stable `code` to switch
        on (listed per response in `x-error-codes`) and per-field messages in `details`; `meta` carries the
        `timestamp` and the `requestId` (also the `X-Request-Id` header) to quote in a support request.

        **Sessions.** Sign in with `POST /api/v1/auth/guest` (a device id), `register`, `login` or an OpenID provider;
        send the access token as `Authorization: Bearer …` and renew it with `POST /api/v1/auth/refresh` (each
        refresh token works once). Operations without a lock need no token; admin routes need the `admin` role.

        **Numbers.** Wool amounts, prices, rates and scores can exceed any JSON number, so they are strings in
        decimal.js notation (`"123.45"`, `"1.5e+400"`) with at most 15 significant digits: a double holds 15 decimal
        digits exactly, so a number the server wrote parses and writes back unchanged, without binary-float noise.
        Clients may send any decimal string; the server keeps its own amounts at full precision.

        **Commands.** Game actions answer `202` with a `commandId` once the command is durable; its outcome arrives as
        a push, or from `GET /api/v1/commands/{commandId}` (`pending` until the game worker has recorded it; 404 for
        an id that was never accepted). A POST may carry an `Idempotency-Key`: a retry with the same key gets the
        first answer again (`Idempotent-Replayed: true`).

        **Limits.** 429 `RATE_LIMITED` and 503 `SERVICE_UNAVAILABLE` / `MAINTENANCE` carry `Retry-After` (seconds).
        Every operation may also answer 500 `INTERNAL_ERROR`, 414 `URI_TOO_LONG` and 431 `HEADERS_TOO_LARGE` (an
        over-long address or header block); these are not repeated per operation. A path called with a method it
        does not list answers 405 `METHOD_NOT_ALLOWED`, and an address with no route 404 `NOT_FOUND`.
        """;

    /// <summary>Examples of the request bodies clients send most, shown by the API page and copied by generators.</summary>
    private static readonly Dictionary<Type, Func<JsonNode>> Examples = new()
    {
        [typeof(Requests.GuestRequest)] = () => new JsonObject { ["deviceId"] = "3f0c2a9e-device-7d41" },
        [typeof(Requests.LoginRequest)] = () => new JsonObject { ["email"] = "shepherd@example.com", ["password"] = "correct horse battery staple" },
        [typeof(Requests.RegisterRequest)] = () => new JsonObject { ["email"] = "shepherd@example.com", ["password"] = "correct horse battery staple", ["displayName"] = "Shepherd" },
        [typeof(Requests.LinkRequest)] = () => new JsonObject { ["email"] = "shepherd@example.com", ["password"] = "correct horse battery staple" },
        [typeof(Requests.RefreshRequest)] = () => new JsonObject { ["refreshToken"] = "q9H3…the refresh token of the last sign-in or refresh" },
        [typeof(Requests.GameActionRequest)] = () => new JsonObject { ["type"] = "purchaseBuilding", ["target"] = "barn", ["quantity"] = 1 },
        [typeof(Requests.ProfilePatchRequest)] = () => new JsonObject { ["displayName"] = "Shepherd" },
    };

    /// <summary>Registers the document with its transformers.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = Title, Version = Version, Description = Introduction };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The access token of a sign-in or refresh (`data.accessToken`).",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            Shape(schema, context);
            return Task.CompletedTask;
        });
    });

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }

        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == AdminEndpoints.AdminPolicy || a.Roles?.Contains(AdminEndpoints.AdminRole, StringComparison.Ordinal) == true))
        {
            operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : string.Empty) + "Requires the `admin` role (403 `FORBIDDEN` otherwise).";
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-required-role"] = new JsonNodeExtension(JsonValue.Create(AdminEndpoints.AdminRole));
        }

        if (operation.Responses is null)
        {
            return;
        }

        foreach (var group in metadata.OfType<ApiErrorCodes>().GroupBy(c => c.StatusCode))
        {
            if (!operation.Responses.TryGetValue(group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer) || answer is not OpenApiResponse response)
            {
                continue;
            }

            var codes = group.SelectMany(c => c.Codes).Distinct(StringComparer.Ordinal).ToList();
            response.Description = $"{ReasonPhrase(group.Key)}; error codes: {string.Join(", ", codes.Select(c => $"`{c}`"))}.";
            response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            response.Extensions[ErrorCodesExtension] = new JsonNodeExtension(new JsonArray([.. codes.Select(c => (JsonNode)JsonValue.Create(c))]));
            if (group.Key is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
                || codes.Contains(ErrorCodes.IdempotencyKeyInUse, StringComparer.Ordinal) || codes.Contains(AuthEndpoints.TooManyAttempts, StringComparer.Ordinal))
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                };
            }
        }
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Shape(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        // The serializer reads numbers from strings as a courtesy (web defaults); the contract is a number.
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (context.JsonPropertyInfo is { } declared && declared.DeclaringType == typeof(Requests.GameActionRequest))
        {
            switch (declared.Name)
            {
                case "type":
                    schema.Enum = [.. Requests.GameActionRequestValidator.Types.Select(t => (JsonNode)JsonValue.Create(t))];
                    break;
                case "quantity":
                    schema.Minimum = "1";
                    schema.Maximum = "100";
                    schema.Description = "How many: clicks (1-100, required for a click) or buildings (1-100, default 1); 1 or absent otherwise.";
                    break;
                case "target":
                    schema.Description = "The building or upgrade id of a purchase; absent for a click or a prestige.";
                    break;
            }
        }

        var clrType = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is null && Examples.TryGetValue(clrType, out var example))
        {
            schema.Examples = [example()];
        }

        if (context.JsonPropertyInfo is null && clrType == typeof(BigNumber))
        {
            schema.Description = "A decimal string in decimal.js notation (at most 15 significant digits when the server writes it).";
        }

        // Request bodies are records whose fields are all nullable so the validator, not the binder, explains what
        // is missing; the document's required fields are the validator's unconditional NotNull/NotEmpty rules.
        if (context.JsonPropertyInfo is null && schema.Properties is { Count: > 0 } && context.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(clrType)) is IValidator validator)
        {
            var required = RequiredMembers(validator);
            schema.Required = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, property) in schema.Properties)
            {
                var member = context.JsonTypeInfo.Properties.FirstOrDefault(p => p.Name == name)?.AttributeProvider is System.Reflection.MemberInfo m ? m.Name : name;
                var isRequired = required.Contains(member);
                if (isRequired)
                {
                    schema.Required.Add(name);
                }

                if (property is OpenApiSchema { Type: { } propertyType } concrete)
                {
                    concrete.Type = isRequired ? propertyType & ~JsonSchemaType.Null : propertyType | JsonSchemaType.Null;
                }
            }
        }
    }

    private static HashSet<string> RequiredMembers(IValidator validator)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            // A When(...) block puts its condition on the rule, a .When(...) after a check on the component.
            if (rule.PropertyName is { } name && !rule.HasCondition && !rule.HasAsyncCondition
                && rule.Components.Any(c => !c.HasCondition && !c.HasAsyncCondition && c.Validator is INotNullValidator or INotEmptyValidator))
            {
                required.Add(name);
            }
        }

        return required;
    }
}
