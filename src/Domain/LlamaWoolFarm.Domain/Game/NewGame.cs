using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Game;

/// <summary>How the server first hears of a player's farm, which decides whether clicks may predate it.</summary>
public enum FarmOrigin
{
    /// <summary>The player's first game command (or a read of a farm nobody created yet): the device played before.</summary>
    FirstCommand,

    /// <summary>The player's first save download (or backup, or restore): the device starts from the farm it downloads.</summary>
    SaveSync,
}

/// <summary>
/// How a player's game starts: the one place a farm is created, whoever needs it first. The game worker creates it,
/// for its own commands and for the saves worker's requests alike.
/// </summary>
public static class NewGame
{
    /// <summary>
    /// A new farm at <paramref name="now"/>. A farm met through a game command was played on the device before the
    /// server knew the player, so its first click batch may be a full one: the click window starts as if the last
    /// batch were <see cref="ClickWindowHeadStart"/> ago. A farm met through save sync is downloaded before it is
    /// played: nothing was clicked on it before now, and an upload built on it gets no such head start.
    /// </summary>
    public static PlayerState Start(Guid playerId, DateTimeOffset now, GameCatalog catalog, FarmOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var state = PlayerState.CreateNew(playerId.ToString("N"), now, catalog);
        if (origin == FarmOrigin.FirstCommand)
        {
            state.SpendClicksUntil(now - ClickWindowHeadStart(catalog));
        }

        return state;
    }

    /// <summary>The time a full batch of clicks takes at the click-rate limit (100 clicks at 20 per second: 5 s).</summary>
    public static TimeSpan ClickWindowHeadStart(GameCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TimeSpan.FromSeconds((double)catalog.Tuning.MaxQuantity / catalog.Tuning.MaxClicksPerSecond);
    }
}
