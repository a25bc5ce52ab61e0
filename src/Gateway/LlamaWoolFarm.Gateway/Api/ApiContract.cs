using System.Text.Json;
using LlamaWoolFarm.Gateway.Maintenance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>The success envelope as the OpenAPI document describes it: <c>{ success: true, data, meta }</c>.</summary>
/// <remarks>Only a schema: endpoints answer through <see cref="ApiResults"/>, which writes this shape.</remarks>
public sealed record ApiSuccess<T>(bool Success, T Data, ApiMeta Meta);

/// <summary>
/// The error envelope as the OpenAPI document describes it: <c>{ success: false, error, meta }</c>; a few refusals
/// (save conflicts and rejections) also carry <c>data</c>.
/// </summary>
public sealed record ApiFailure(bool Success, ApiError Error, ApiMeta Meta)
{
    /// <summary>Context of the refusal where the operation says so (a save conflict's winner, say); mostly absent.</summary>
    public JsonElement? Data { get; init; }
}

/// <summary>Endpoint metadata: the error codes an operation can answer with one status (merged per status).</summary>
public sealed record ApiErrorCodes(int StatusCode, IReadOnlyList<string> Codes);

/// <summary>
/// Endpoint metadata: the endpoint declared its success answer with <see cref="ApiContract.Answers{T}"/>. Routes
/// without it get no error statuses from the convention and fail the contract test.
/// </summary>
public sealed class ApiDocumented
{
    public static readonly ApiDocumented Instance = new();
}

/// <summary>Endpoint metadata: a request body or query validated by <see cref="ValidationFilter{T}"/> (400).</summary>
public sealed record ValidatedRequest(Type RequestType);

/// <summary>
/// The API's contract, declared next to each route and completed by one convention: an endpoint states its success
/// status and data type (<see cref="Answers{T}"/>) and its own refusals (<see cref="Refuses"/>: 404 for an unknown id,
/// 409 for a conflict, codes of its own); <see cref="AddCommonErrors"/> then adds what the pipeline answers for it,
/// read from its metadata: 401 without a token and 403 for a banned player unless anonymous (and 403 on admin
/// routes for a player without the role), 400/413/415 for bodies, 409/422
/// for idempotency keys, 405 for other methods on its path, 429 and 503 for every route (with Retry-After), and
/// 503 MAINTENANCE on game and save commands. The OpenAPI document is generated from this metadata.
/// </summary>
public static class ApiContract
{
    /// <summary>The success answer: <paramref name="statusCode"/> with the envelope around <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int statusCode = StatusCodes.Status200OK) =>
        builder.Produces<ApiSuccess<T>>(statusCode, "application/json").WithMetadata(ApiDocumented.Instance);

    /// <summary>A refusal of this route: <paramref name="statusCode"/> in the error envelope, with its error codes.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, int statusCode, params string[] codes) =>
        builder.Produces<ApiFailure>(statusCode, "application/json").WithMetadata(new ApiErrorCodes(statusCode, codes));

    /// <summary>
    /// Adds the pipeline's refusals to every documented endpoint of <paramref name="group"/>, after all other
    /// conventions (so it sees the final authorization, body and key metadata).
    /// </summary>
    public static void AddCommonErrors(IEndpointConventionBuilder group) => group.Finally(endpoint =>
    {
        var metadata = endpoint.Metadata;
        if (!metadata.OfType<ApiDocumented>().Any())
        {
            return;
        }

        var methods = metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
        var mutates = methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m));
        var takesBody = metadata.OfType<IAcceptsMetadata>().Any();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var admin = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Endpoints.AdminEndpoints.AdminPolicy || a.Roles?.Contains(Endpoints.AdminEndpoints.AdminRole, StringComparison.Ordinal) == true);
        // Only POSTs keep and replay answers by key (IdempotencyMiddleware); PUT saves/current takes the key for its
        // command id alone.
        var keyed = methods.Contains(HttpMethods.Post) && !metadata.OfType<WithoutIdempotencyKeys>().Any();

        void Add(int status, params string[] codes)
        {
            if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
            {
                metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ApiFailure), ["application/json"]));
            }

            metadata.Add(new ApiErrorCodes(status, codes));
        }

        // A malformed Idempotency-Key, a body where none is taken (DELETE players/me) or a malformed one, a failed
        // validation of the body or query.
        if (mutates || takesBody || metadata.OfType<ValidatedRequest>().Any())
        {
            Add(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError);
        }

        if (!anonymous)
        {
            Add(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized);
        }

        // A banned player's token is refused on every route that takes one (BanGate); admin routes also refuse a
        // player without the role.
        if (!anonymous)
        {
            Add(StatusCodes.Status403Forbidden, admin ? [ErrorCodes.AccountBanned, ErrorCodes.Forbidden] : [ErrorCodes.AccountBanned]);
        }

        Add(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        if (keyed)
        {
            Add(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyKeyInUse);
            Add(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        }

        if (mutates || takesBody)
        {
            Add(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge);
        }

        if (takesBody)
        {
            Add(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        }

        // Every request counts against its player or address (the global limiter), sign-in routes also per address.
        Add(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);
        Add(StatusCodes.Status503ServiceUnavailable, metadata.OfType<RefusedDuringMaintenanceMetadata>().Any()
            ? [ErrorCodes.ServiceUnavailable, ErrorCodes.Maintenance]
            : [ErrorCodes.ServiceUnavailable]);
    });

    /// <summary>The statuses documented for an endpoint (its success and every refusal), from its metadata.</summary>
    public static IReadOnlySet<int> DocumentedStatuses(Endpoint endpoint) =>
        endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
}
