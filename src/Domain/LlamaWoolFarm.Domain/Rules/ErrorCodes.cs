namespace LlamaWoolFarm.Domain.Rules;

/// <summary>Stable refusal codes; clients and the ActionRejected event carry them verbatim.</summary>
public static class ErrorCodes
{
    public const string InsufficientResources = "INSUFFICIENT_RESOURCES";
    public const string UnknownBuilding = "UNKNOWN_BUILDING";
    public const string UnknownUpgrade = "UNKNOWN_UPGRADE";
    public const string BuildingLocked = "BUILDING_LOCKED";
    public const string UpgradeLocked = "UPGRADE_LOCKED";
    public const string UpgradeAlreadyOwned = "UPGRADE_ALREADY_OWNED";
    public const string MaxLevelReached = "MAX_LEVEL_REACHED";
    public const string InvalidQuantity = "INVALID_QUANTITY";
    public const string RateLimitedAction = "RATE_LIMITED_ACTION";
    public const string InvalidPrestige = "INVALID_PRESTIGE";
    public const string NoOfflineProgress = "NO_OFFLINE_PROGRESS";
    public const string InvalidNumber = "INVALID_NUMBER";
    public const string UnsupportedSaveVersion = "UNSUPPORTED_SAVE_VERSION";
    public const string InvalidSave = "INVALID_SAVE";
    public const string IntegrityMismatch = "INTEGRITY_MISMATCH";
    public const string SaveRejected = "SAVE_REJECTED";
}
