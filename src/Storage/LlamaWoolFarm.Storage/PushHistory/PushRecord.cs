namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>
/// One push to a player as the history keeps it: the envelope's fields, with <paramref name="Data"/> as the JSON text
/// the client received, so a replay is byte for byte the live push.
/// </summary>
public sealed record PushRecord(string Type, string Id, DateTimeOffset Timestamp, string Data);
