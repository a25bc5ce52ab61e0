using LlamaWoolFarm.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Timing of account deletion (section <c>Accounts</c>).</summary>
public sealed class AccountDeletionOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How long a deletion waits for the player to change their mind by signing in (<c>Accounts:DeletionGracePeriod</c>, 7 days).</summary>
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the saga asks the parts that have not confirmed their purge again (<c>Accounts:DeletionRetryInterval</c>, 5 minutes).</summary>
    public TimeSpan DeletionRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the owners have to confirm before the deletion is reported stalled (<c>Accounts:DeletionTimeout</c>, 1 hour).</summary>
    public TimeSpan DeletionTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The settings as configured; a wrong value stops the worker with a message naming it.</summary>
    public static AccountDeletionOptions From(IConfiguration configuration)
    {
        var options = SettingsValidator.Bind<AccountDeletionOptions>(configuration, SectionName);
        var errors = new List<string>();
        if (options.DeletionGracePeriod < TimeSpan.Zero || options.DeletionGracePeriod > TimeSpan.FromDays(90))
        {
            errors.Add("Accounts:DeletionGracePeriod must be from 00:00:00 to 90.00:00:00.");
        }

        if (options.DeletionRetryInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Accounts:DeletionRetryInterval must be at least 00:00:00.1.");
        }

        if (options.DeletionTimeout <= options.DeletionRetryInterval)
        {
            errors.Add("Accounts:DeletionTimeout must be longer than Accounts:DeletionRetryInterval.");
        }

        SettingsValidator.ThrowIfInvalid<AccountDeletionOptions>(errors);
        return options;
    }
}
