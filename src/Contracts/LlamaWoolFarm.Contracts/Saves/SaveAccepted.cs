namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// The upload became the current save at <c>Revision</c> (or, with <c>keep: server</c>, the server's save stays
/// current and nothing changed). <c>Replayed</c> is true when the same upload had already been applied.
/// </summary>
public sealed record SaveAccepted(
    Guid CommandId,
    Guid PlayerId,
    long Revision,
    string Checksum,
    IReadOnlyList<string> MigrationSteps,
    bool Replayed,
    DateTimeOffset AcceptedAt);
