namespace LlamaWoolFarm.Contracts.Events;

/// <summary>Golden Fleece for the final ranks <c>FromRank</c> … <c>ToRank</c> (1-based, inclusive).</summary>
public sealed record EventReward(int FromRank, int ToRank, long GoldenFleece);
