namespace LlamaWoolFarm.Storage.Documents;

/// <summary>A document as stored: its id, its version (1 after insert, +1 on every replace) and its body.</summary>
public sealed record Stored<T>(string Id, long Version, T Document);
