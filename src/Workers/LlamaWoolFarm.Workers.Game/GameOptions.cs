using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Game;

/// <summary>Settings of the game module (section <c>Game</c>).</summary>
public sealed class GameOptions
{
    public const string SectionName = "Game";

    /// <summary>
    /// How many players' states a game worker keeps in memory after writing them (<c>Game:HotStates</c>; 0 = none,
    /// every command reads its state from the store). See <see cref="Services.HotGameStates"/>.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Game:HotStates must be a whole number from 0 to 1000000.")]
    public int HotStates { get; set; } = Services.HotGameStates.DefaultCapacity;
}
