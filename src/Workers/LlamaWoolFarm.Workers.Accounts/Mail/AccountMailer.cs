using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LlamaWoolFarm.Workers.Accounts.Mail;

/// <summary>Sends account mails: over SMTP with MailKit, or into the pickup folder when no SMTP host is set.</summary>
public sealed class AccountMailer(IOptions<AccountMailOptions> options, ILogger<AccountMailer> logger)
{
    private readonly AccountMailOptions _options = options.Value;

    /// <summary>Fills a template and sends it to one address. SMTP faults are thrown, so the message is retried.</summary>
    public async Task SendAsync(string to, MailTemplate template, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var (subject, body) = template.Render(values);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        if (_options.UsesSmtp)
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(_options.Smtp.Host!, _options.Smtp.Port, _options.Smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(_options.Smtp.Username))
            {
                await smtp.AuthenticateAsync(_options.Smtp.Username, _options.Smtp.Password ?? string.Empty, cancellationToken);
            }

            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            // The address and subject only: the body holds a live token.
            logger.LogInformation("Account mail '{Subject}' sent over SMTP", subject);
            return;
        }

        Directory.CreateDirectory(_options.PickupPath!);
        var path = Path.Combine(_options.PickupPath!, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written under a temporary name and renamed: whoever watches the folder (a relay, a test) never reads half a mail.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        // Without SMTP (Standalone, development) the log says where the mail is, so a developer can open its link.
        logger.LogWarning("Account mail '{Subject}' written to {Path} (no SMTP host is set)", subject, path);
    }

    /// <summary>Says at start where account mails go.</summary>
    public void AnnounceDelivery()
    {
        if (_options.UsesSmtp)
        {
            logger.LogInformation("Account mails go over SMTP to {Host}:{Port}", _options.Smtp.Host, _options.Smtp.Port);
        }
        else
        {
            logger.LogWarning("No SMTP host is set (Accounts:Mail:Smtp:Host): account mails are written to the pickup folder {Path} and logged", Path.GetFullPath(_options.PickupPath!));
        }
    }
}
