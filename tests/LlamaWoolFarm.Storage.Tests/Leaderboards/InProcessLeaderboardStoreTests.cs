using LlamaWoolFarm.Storage.Leaderboards;

namespace LlamaWoolFarm.Storage.Tests.Leaderboards;

/// <summary>The leaderboard contract on the in-process adapter (embedded mode).</summary>
public sealed class InProcessLeaderboardStoreTests : LeaderboardStoreContract
{
    protected override ILeaderboardStore CreateStore() => new InProcessLeaderboardStore();
}
