using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>How much of each player's push history realtime keeps for clients catching up (section <c>Realtime:History</c>).</summary>
public sealed class PushHistoryOptions : IValidatableObject
{
    public const string SectionName = "Realtime:History";

    /// <summary>The newest pushes kept per player (<c>Realtime:History:Length</c>); a client further behind is told to resync.</summary>
    public int Length { get; set; } = 200;

    /// <summary>
    /// How long a push stays replayable (<c>Realtime:History:Retention</c>); a player's whole history goes after this
    /// long without a push, so idle players cost nothing.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Prefix of the history keys in Redis (<c>Realtime:History:KeyPrefix</c>), so deployments sharing a server stay apart.</summary>
    public string KeyPrefix { get; set; } = "lwf:pushes";

    /// <summary>The problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Length is < 1 or > 10_000)
        {
            errors.Add($"{SectionName}:Length must be between 1 and 10000; got {Length}.");
        }

        if (Retention < TimeSpan.FromSeconds(1) || Retention > TimeSpan.FromDays(30))
        {
            errors.Add($"{SectionName}:Retention must be between 1 second and 30 days; got {Retention}.");
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            errors.Add($"{SectionName}:KeyPrefix must not be empty.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
