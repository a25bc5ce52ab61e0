namespace LlamaWoolFarm.Gateway.Api;

/// <summary>The stable error codes of the HTTP API. Clients switch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string RateLimited = "RATE_LIMITED";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>414: a request target (path and query) over the API's limit.</summary>
    public const string UriTooLong = "URI_TOO_LONG";

    /// <summary>431: request headers over the API's limit.</summary>
    public const string HeadersTooLarge = "HEADERS_TOO_LARGE";

    /// <summary>422: an Idempotency-Key sent again with another request.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

    /// <summary>409: an Idempotency-Key whose first request is still running.</summary>
    public const string IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE";

    /// <summary>503: a game or save command during a maintenance window (with Retry-After to its expected end).</summary>
    public const string Maintenance = "MAINTENANCE";

    /// <summary>
    /// 503: a game command refused because the game workers' backlog exceeds its bound (with Retry-After); nothing was
    /// accepted, so the client retries the same command after the delay.
    /// </summary>
    public const string Overloaded = "OVERLOADED";

    /// <summary>403: the player is banned; its access tokens, refreshes and sign-ins are refused until the ban ends.</summary>
    public const string AccountBanned = "ACCOUNT_BANNED";

    /// <summary>404: no player with that id (admin moderation).</summary>
    public const string PlayerNotFound = "PLAYER_NOT_FOUND";

    /// <summary>422: an admin account cannot be banned.</summary>
    public const string CannotBanAdmin = "CANNOT_BAN_ADMIN";
}
