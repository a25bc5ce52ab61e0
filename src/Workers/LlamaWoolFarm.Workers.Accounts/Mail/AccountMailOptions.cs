namespace LlamaWoolFarm.Workers.Accounts.Mail;

/// <summary>
/// Account mails (section <c>Accounts:Mail</c>): where they go (SMTP, or a pickup folder when no SMTP host is set),
/// what the links point at, how long tokens live, and the templates. Bound with the options pattern and validated at
/// start.
/// </summary>
public sealed class AccountMailOptions
{
    public const string SectionName = "Accounts:Mail";

    /// <summary>The sender, e.g. <c>Llama Wool Farm &lt;no-reply@example.org&gt;</c>.</summary>
    public string From { get; set; } = "Llama Wool Farm <no-reply@localhost>";

    /// <summary>
    /// The web client's address the links open (<c>{LinkBaseUrl}#reset-password?token=…</c>,
    /// <c>#verify-email?token=…</c>); the page sends the token to the API.
    /// </summary>
    public string LinkBaseUrl { get; set; } = "http://localhost:5000/";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Where mails are written as <c>.eml</c> files when <c>Smtp:Host</c> is empty (Standalone: <c>{Storage:DataPath}/mail</c>).</summary>
    public string? PickupPath { get; set; }

    /// <summary>How long a reset link works (30 minutes).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a verification link works (2 days).</summary>
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The least time between two mails of one kind to one account (1 minute); requests within it send nothing.</summary>
    public TimeSpan MailCooldown { get; set; } = TimeSpan.FromMinutes(1);

    public MailTemplate PasswordReset { get; set; } = new()
    {
        Subject = "Reset your Llama Wool Farm password",
        Body = "Someone asked to reset the password of your Llama Wool Farm account.\n\nTo choose a new password, open this link within {expiresInMinutes} minutes:\n{link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n",
    };

    public MailTemplate VerifyEmail { get; set; } = new()
    {
        Subject = "Confirm your email for Llama Wool Farm",
        Body = "Please confirm that {email} is your address by opening this link within {expiresInMinutes} minutes:\n{link}\n\nIf you did not sign up for Llama Wool Farm, ignore this mail.\n",
    };

    /// <summary>Whether mails go over SMTP (a host is set) rather than to the pickup folder.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>Every problem of the settings, each naming its key; empty when they are fine.</summary>
    public IEnumerable<string> Problems()
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return "Accounts:Mail:From must be a mail address, e.g. 'Llama Wool Farm <no-reply@example.org>'.";
        }

        if (!Uri.TryCreate(LinkBaseUrl, UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https"))
        {
            yield return "Accounts:Mail:LinkBaseUrl must be an absolute http(s) address.";
        }

        if (UsesSmtp && Smtp.Port is < 1 or > 65535)
        {
            yield return "Accounts:Mail:Smtp:Port must be from 1 to 65535.";
        }

        if (!UsesSmtp && string.IsNullOrWhiteSpace(PickupPath))
        {
            yield return "Accounts:Mail:PickupPath is required when Accounts:Mail:Smtp:Host is not set.";
        }

        if (PasswordResetLifetime < TimeSpan.FromMinutes(1) || PasswordResetLifetime > TimeSpan.FromDays(1))
        {
            yield return "Accounts:Mail:PasswordResetLifetime must be from 00:01:00 to 1.00:00:00.";
        }

        if (EmailVerificationLifetime < TimeSpan.FromMinutes(1) || EmailVerificationLifetime > TimeSpan.FromDays(30))
        {
            yield return "Accounts:Mail:EmailVerificationLifetime must be from 00:01:00 to 30.00:00:00.";
        }

        if (MailCooldown < TimeSpan.Zero || MailCooldown > TimeSpan.FromHours(1))
        {
            yield return "Accounts:Mail:MailCooldown must be from 00:00:00 to 01:00:00.";
        }

        foreach (var (name, template) in new[] { ("PasswordReset", PasswordReset), ("VerifyEmail", VerifyEmail) })
        {
            if (string.IsNullOrWhiteSpace(template.Subject) || string.IsNullOrWhiteSpace(template.Body) || !template.Body.Contains("{link}", StringComparison.Ordinal))
            {
                yield return $"Accounts:Mail:{name} needs a Subject and a Body that holds {{link}}.";
            }
        }
    }
}

/// <summary>The SMTP relay (MailKit).</summary>
public sealed class SmtpSettings
{
    /// <summary>Empty: no SMTP, mails go to the pickup folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>None</c>, <c>StartTls</c> (required) or <c>SslOnConnect</c>.</summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.Auto;

    /// <summary>Set both to authenticate.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }
}

/// <summary>
/// A plain-text mail. Placeholders: <c>{link}</c>, <c>{email}</c>, <c>{displayName}</c>, <c>{expiresInMinutes}</c>.
/// </summary>
public sealed class MailTemplate
{
    public string Subject { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>The subject and body with the placeholders filled in.</summary>
    public (string Subject, string Body) Render(IReadOnlyDictionary<string, string> values)
    {
        string Fill(string text) => values.Aggregate(text, (t, v) => t.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
        return (Fill(Subject), Fill(Body));
    }
}
