namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>A kept push with the sequence number it was given.</summary>
public sealed record SequencedPush(long Seq, PushRecord Push);
