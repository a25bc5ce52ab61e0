using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Realtime.Hubs;

/// <summary>
/// The envelope of every push: <c>{ type, id, timestamp, data, seq }</c>. <c>seq</c> is the push's number in its
/// player's series (see <see cref="Relays.PlayerPush"/>); broadcasts and presence pushes carry none.
/// </summary>
public sealed record RealtimeMessage(
    string Type,
    string Id,
    DateTimeOffset Timestamp,
    object Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Seq = null);
