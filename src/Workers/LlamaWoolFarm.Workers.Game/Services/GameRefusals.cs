namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>Refusal codes of the worker itself; the rules' own codes are <c>LlamaWoolFarm.Domain.Rules.ErrorCodes</c>.</summary>
public static class GameRefusals
{
    /// <summary>The action was accepted before a prestige that has since been applied: the run it was meant for is gone.</summary>
    public const string PrestigeInProgress = "PRESTIGE_IN_PROGRESS";
}
