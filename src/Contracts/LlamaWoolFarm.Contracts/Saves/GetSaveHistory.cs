namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>Request for the last <c>Limit</c> revisions of the player's save, newest first; answered with <see cref="SaveHistory"/>.</summary>
public sealed record GetSaveHistory(Guid PlayerId, int Limit);
