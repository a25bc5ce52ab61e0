namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// Scores of stored states as <see cref="ScoresChanged"/> (without event effects, <c>At</c> = the state's last
/// activity, <c>Revision</c> = the state's revision, so a newer change wins over a rebuilt score). <c>Next</c> is the
/// cursor of the following page, null after the last one.
/// </summary>
public sealed record GameScoresPage(IReadOnlyList<ScoresChanged> Scores, string? Next);
