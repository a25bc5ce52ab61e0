using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// Answers pages of every stored player's scores (<see cref="GetGameScores"/>), so the leaderboards worker can rebuild
/// in-process boards at start without reading this worker's collection. Scores are computed as after a command, with
/// no event effects and the state's last activity as their time, as the boards would have seen them last.
/// </summary>
public sealed class GameScoresService(IDocumentStore store)
{
    public const int MaxPage = 1000;

    private readonly IDocumentCollection<GameStateDocument> _states = GameStates.States(store);

    public async Task<GameScoresPage> GetPageAsync(GetGameScores query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxPage);
        var page = await _states.ListAsync(query.After ?? string.Empty, limit, cancellationToken);
        var scores = page
            .Where(s => !string.IsNullOrEmpty(s.Document.State.PlayerId))
            .Select(s => GameViews.Scores(GameEngine.V1, s.Document.State, s.Document.State.LastActiveAt, ActiveEffects.None))
            .ToList();
        return new GameScoresPage(scores, page.Count < limit ? null : page[^1].Id);
    }
}
