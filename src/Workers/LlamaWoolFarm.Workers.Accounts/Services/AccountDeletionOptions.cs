using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Timing of account deletion (section <c>Accounts</c>).</summary>
public sealed class AccountDeletionOptions : IValidatableObject
{
    public const string SectionName = "Accounts";

    /// <summary>How long a deletion waits for the player to change their mind by signing in (<c>Accounts:DeletionGracePeriod</c>, 7 days).</summary>
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the saga asks the parts that have not confirmed their purge again (<c>Accounts:DeletionRetryInterval</c>, 5 minutes).</summary>
    public TimeSpan DeletionRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the owners have to confirm before the deletion is reported stalled (<c>Accounts:DeletionTimeout</c>, 1 hour).</summary>
    public TimeSpan DeletionTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The problems with these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (DeletionGracePeriod < TimeSpan.Zero || DeletionGracePeriod > TimeSpan.FromDays(90))
        {
            errors.Add("Accounts:DeletionGracePeriod must be from 00:00:00 to 90.00:00:00.");
        }

        if (DeletionRetryInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Accounts:DeletionRetryInterval must be at least 00:00:00.1.");
        }

        if (DeletionTimeout <= DeletionRetryInterval)
        {
            errors.Add("Accounts:DeletionTimeout must be longer than Accounts:DeletionRetryInterval.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
