using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header, parsed and checked in one place: <see cref="IdempotencyMiddleware"/> refuses a
/// key that is not one value of 1 to <see cref="MaxLength"/> printable ASCII characters with 400
/// <c>VALIDATION_ERROR</c> (details under <c>Idempotency-Key</c>) before any endpoint runs, and hands the parsed key
/// to the endpoints that take it as a parameter (<c>IdempotencyKey? key</c>; null without the header). Such a
/// parameter also marks its endpoint as taking the key, so the header is checked there whatever the method.
/// </summary>
public sealed class IdempotencyKey : IEndpointParameterMetadataProvider
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The one limit of a key, on every endpoint (README and docs/accounts.md say so).</summary>
    public const int MaxLength = 100;

    /// <summary>The details text of the refusal.</summary>
    public static readonly string Rule = $"One key of 1 to {MaxLength} printable ASCII characters.";

    private IdempotencyKey(string value) => Value = value;

    /// <summary>The client's key, as sent.</summary>
    public string Value { get; }

    /// <summary>The key of the header values, or false when they are not exactly one valid key.</summary>
    public static bool TryParse(StringValues values, out IdempotencyKey? key)
    {
        key = values.Count == 1 && IsValid(values[0]) ? new IdempotencyKey(values[0]!) : null;
        return key is not null;
    }

    /// <summary>1 to <see cref="MaxLength"/> printable ASCII characters (space to tilde).</summary>
    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>
    /// The command id this key names for <paramref name="owner"/> (the player or admin sending it) and
    /// <paramref name="purpose"/> (which kind of command, so one key on two routes names two commands). The same key
    /// always names the same command, so a retry after the kept answer is gone is still deduplicated by the worker.
    /// </summary>
    public Guid CommandId(Guid owner, string? purpose = null) =>
        CommandIds.Derive(owner, purpose is null ? Value : $"{purpose}:{Value}");

    /// <summary>Minimal API binding: the key the middleware parsed, or null when the request has none.</summary>
    public static ValueTask<IdempotencyKey?> BindAsync(HttpContext context)
    {
        var key = context.Features.Get<IdempotencyKey>();
        // A header the middleware did not parse would be silently ignored: a wiring mistake, not a client's.
        return key is null && context.Request.Headers.ContainsKey(HeaderName)
            ? throw new InvalidOperationException("The Idempotency-Key header was not parsed; UseIdempotencyKeys must run before the endpoint.")
            : ValueTask.FromResult(key);
    }

    /// <summary>Marks the endpoint of a handler with an <see cref="IdempotencyKey"/> parameter as taking the header.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(TakesIdempotencyKey.Instance);

    public override string ToString() => Value;
}

/// <summary>Endpoint metadata: the handler takes the parsed <see cref="IdempotencyKey"/>.</summary>
public sealed class TakesIdempotencyKey
{
    public static readonly TakesIdempotencyKey Instance = new();
}

/// <summary>Command ids derived from what names a command, so a resend names the same command.</summary>
public static class CommandIds
{
    /// <summary>The first 16 bytes of SHA-256 over <c>{owner:N}:{text}</c>.</summary>
    public static Guid Derive(Guid owner, string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{owner:N}:{text}"), hash);
        return new Guid(hash[..16]);
    }

    /// <summary>The command id of <paramref name="key"/> (see <see cref="IdempotencyKey.CommandId"/>), or a new one without a key.</summary>
    public static Guid For(IdempotencyKey? key, Guid owner, string? purpose = null) =>
        key?.CommandId(owner, purpose) ?? NewId.NextGuid();
}
