using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Accounts.Mail;

/// <summary>Says at start where account mails go (SMTP, or the pickup folder and the log).</summary>
public sealed class MailDeliveryAnnouncement(AccountMailer mailer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        mailer.AnnounceDelivery();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
