using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>The JSON conventions of saves and state documents: web defaults (camelCase, case-insensitive reads).</summary>
public static class SaveJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static JsonObject ToNode(GameSave save) =>
        JsonSerializer.SerializeToNode(save, Options)?.AsObject() ?? throw new InvalidOperationException("A save always serializes to an object.");

    public static GameSave? FromNode(JsonObject node) => node.Deserialize<GameSave>(Options);
}
