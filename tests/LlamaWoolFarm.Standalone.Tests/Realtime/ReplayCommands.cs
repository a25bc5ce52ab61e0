using System.Text.Json;
using LlamaWoolFarm.Storage.PushHistory;

namespace LlamaWoolFarm.Standalone.Tests.Realtime;

/// <summary>Reading kept pushes the way the tests need them.</summary>
internal static class ReplayCommands
{
    /// <summary>The command ids of the kept <c>commandCompleted</c> pushes, in order.</summary>
    public static IReadOnlyList<Guid> CompletedCommands(this PushReplay replay) =>
        [.. replay.Missed
            .Where(p => p.Push.Type == "commandCompleted")
            .Select(p => JsonSerializer.Deserialize<JsonElement>(p.Push.Data).GetProperty("commandId").GetGuid())];
}
