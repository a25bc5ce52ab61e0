namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// The operators' emails (<c>Accounts:AdminEmails</c>, a list or a comma-separated string): an account with one
/// of them gets the <c>admin</c> role at its next successful login. Removing an email does not take the role back;
/// that is an edit of the account (docs/accounts.md).
/// </summary>
public sealed class AdminAccounts(IEnumerable<string> emails)
{
    public const string SettingName = "Accounts:AdminEmails";

    private readonly HashSet<string> _keys = new(
        emails.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(AccountInputs.EmailKey),
        StringComparer.Ordinal);

    public static AdminAccounts None { get; } = new([]);

    public static AdminAccounts From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        var list = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return new AdminAccounts(section.Value is { } single ? [single, .. list] : list);
    }

    public bool Includes(string? emailKey) => emailKey is not null && _keys.Contains(emailKey);
}
