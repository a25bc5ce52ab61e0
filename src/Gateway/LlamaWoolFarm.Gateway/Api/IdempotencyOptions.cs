namespace LlamaWoolFarm.Gateway.Api;

/// <summary>How long idempotency keys hold (section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a finished request's response is replayed for its key.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a running request holds its key; a gateway that crashed mid-request frees it after this. Longer than
    /// any request may run (the worker timeout is 10 s).
    /// </summary>
    public TimeSpan ClaimLifetime { get; set; } = TimeSpan.FromMinutes(1);
}
