using System.Text.Json;

namespace LlamaWoolFarm.Domain.State;

/// <summary>
/// A <see cref="PlayerState"/> as JSON text, the form it crosses the bus in between the game worker, which owns the
/// state, and the saves worker (contracts carry no Domain types). Web defaults, like the stored documents.
/// </summary>
public static class PlayerStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(PlayerState state) => JsonSerializer.Serialize(state, Options);

    public static PlayerState Deserialize(string json) =>
        JsonSerializer.Deserialize<PlayerState>(json, Options) ?? throw new JsonException("A player state is never null.");
}
