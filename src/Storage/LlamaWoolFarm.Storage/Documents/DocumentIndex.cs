namespace LlamaWoolFarm.Storage.Documents;

/// <summary>An index on one top-level field (camelCase JSON name) of a collection's documents.</summary>
public sealed record DocumentIndex(string Field, bool Unique = false);
