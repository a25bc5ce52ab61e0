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

    /// <summary>
    /// How long the gateway remembers a command it answered 202 for (<see cref="AcceptedCommandLog"/>), so
    /// <c>GET commands/{id}</c> answers "pending" rather than 404 until the game worker has recorded it. It covers a
    /// worker restart or a backlog; every accepted command takes an entry this long (in Redis, or in Standalone's
    /// memory, where the outbox also covers restarts), which is why it is shorter than <see cref="Retention"/>.
    /// </summary>
    public TimeSpan AcceptedCommandRetention { get; set; } = TimeSpan.FromMinutes(15);
}
