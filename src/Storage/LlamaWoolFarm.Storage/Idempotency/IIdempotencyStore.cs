namespace LlamaWoolFarm.Storage.Idempotency;

/// <summary>
/// Responses kept per idempotency key, so a retried request is answered with the first answer instead of running
/// again. A key is first claimed (one request runs it), then completed with the response, or released when the
/// request failed in a way a retry may fix. The fingerprint names the request (method, path, body): the same key
/// with another fingerprint is a client error, never a replay.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a request, or reports what holds it. <see cref="IdempotencyOutcome.Claimed"/>
    /// comes with the claim's token, which the caller passes to complete or release; a claim not completed within
    /// <paramref name="claimLifetime"/> lapses (a crashed process), and the key is free again.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan claimLifetime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the response of a claimed key for <paramref name="retention"/>. False when the claim had lapsed and
    /// the key is no longer this caller's (nothing is stored then).
    /// </summary>
    Task<bool> CompleteAsync(string key, string claimToken, IdempotentResponse response, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Frees a claimed key without a response, so the request may run again; a lapsed claim is left alone.</summary>
    Task ReleaseAsync(string key, string claimToken, CancellationToken cancellationToken = default);
}

/// <summary>A stored answer: status code, content type and body bytes.</summary>
public sealed record IdempotentResponse(int StatusCode, string? ContentType, byte[] Body);

/// <summary>The result of a claim; <c>ClaimToken</c> is set when claimed, <c>Response</c> when completed.</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, string? ClaimToken = null, IdempotentResponse? Response = null);

/// <summary>What a claim found.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key was free: this caller runs the request.</summary>
    Claimed,

    /// <summary>Another request with the same fingerprint holds the key and has not finished.</summary>
    InProgress,

    /// <summary>A request with the same fingerprint finished: its response is to be replayed.</summary>
    Completed,

    /// <summary>The key belongs to a request with another fingerprint.</summary>
    Mismatch,
}
