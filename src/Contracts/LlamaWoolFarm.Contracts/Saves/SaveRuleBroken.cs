namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>One rule of GAME_RULES §10 an upload broke: its stable id, what it concerns and why.</summary>
public sealed record SaveRuleBroken(string Rule, string Subject, string Detail);
