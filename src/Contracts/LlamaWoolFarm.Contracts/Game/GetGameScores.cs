namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A page of every stored player's scores, in the game worker's key order (request/response): the states after the
/// cursor <c>After</c> (null or empty for the first page), at most <c>Limit</c> (1–1000). The leaderboards worker pages
/// through them to rebuild in-process boards at start. Answered with <see cref="GameScoresPage"/>.
/// </summary>
public sealed record GetGameScores(string? After, int Limit);
