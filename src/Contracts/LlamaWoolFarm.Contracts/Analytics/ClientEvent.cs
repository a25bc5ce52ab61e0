namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>One client event that passed the gateway's checks; <c>PropertiesJson</c> is a JSON object or null.</summary>
public sealed record ClientEvent(string Name, DateTimeOffset Timestamp, string? SessionId, string? PropertiesJson);
