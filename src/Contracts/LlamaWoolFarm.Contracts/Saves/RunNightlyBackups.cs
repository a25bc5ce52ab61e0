namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// The nightly job (a recurring schedule of the scheduler): back up every player active since the last run and
/// apply the retention policy. Safe to run twice: a player's nightly backup of a day is made once.
/// </summary>
public sealed record RunNightlyBackups(string? Reason);
