namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>The <c>ActionType</c> of the result events and command records; the same words as <c>POST game/actions</c>.</summary>
public static class ActionTypes
{
    public const string Click = "click";
    public const string PurchaseBuilding = "purchaseBuilding";
    public const string PurchaseUpgrade = "purchaseUpgrade";
    public const string Prestige = "prestige";
    public const string ClaimOfflineProgress = "claimOfflineProgress";

    /// <summary>A competition reward granted by the server (not a player action).</summary>
    public const string EventReward = "eventReward";
}
