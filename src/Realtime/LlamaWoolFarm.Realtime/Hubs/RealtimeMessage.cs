namespace LlamaWoolFarm.Realtime.Hubs;

/// <summary>The envelope of every push: <c>{ type, id, timestamp, data }</c>.</summary>
public sealed record RealtimeMessage(string Type, string Id, DateTimeOffset Timestamp, object Data);
