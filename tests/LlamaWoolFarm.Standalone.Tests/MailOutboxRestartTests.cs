using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// The mails a registration (201) and a password reset request (202) promise are recorded in Standalone's outbox
/// before the answer: a run that recorded them and never delivered them (<c>Outbox:HoldDelivery</c> stands in for a
/// crash right after the answer) leaves them for the next run on the same data folder, which sends each once.
/// </summary>
public sealed class MailOutboxRestartTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Mails_promised_before_a_crash_are_sent_once_by_the_next_run()
    {
        var data = TestServers.NewDataFolder();
        var mailFolder = Path.Combine(data, "mail");
        var email = $"mail-outbox-{Guid.NewGuid():N}@example.org";
        await using (var held = Standalone(data, holdDelivery: true))
        {
            var http = held.CreateClient();
            using (var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password }))
            {
                Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            }

            using (var forgot = await http.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email }))
            {
                Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
            }

            var outbox = held.Services.GetRequiredService<CommandOutbox>();
            var rows = held.Services.GetRequiredService<IDocumentStore>().Collection<OutboxMessage>("outbox", new DocumentIndex("box"));
            var recorded = (await rows.FindAsync("box", outbox.InstanceId, 100)).Select(r => r.Document.MessageType).ToList();
            Assert.Contains(recorded, t => t.Contains("SendEmailVerificationMail", StringComparison.Ordinal));
            Assert.Contains(recorded, t => t.Contains("SendPasswordResetMail", StringComparison.Ordinal));
            Assert.Empty(MailsTo(mailFolder, email));
        }

        await using var after = Standalone(data, holdDelivery: false);
        // The factory starts its host on first use; the recovery runs once it has started.
        using var started = after.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (MailsTo(mailFolder, email).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // A little longer, so a second delivery of either would be seen.
        await Task.Delay(500);
        var mails = MailsTo(mailFolder, email);
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.Contains("reset-password", StringComparison.Ordinal));
        Assert.Single(mails, m => m.Contains("verify-email", StringComparison.Ordinal));
    }

    private static List<string> MailsTo(string folder, string email) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml")
                .Select(path => MimeMessage.Load(path))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)))
                .Select(m => m.TextBody ?? m.HtmlBody ?? string.Empty)
                .ToList()
            : [];

    private static WebApplicationFactory<Program> Standalone(string data, bool holdDelivery) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", data)
            .UseSetting("Outbox:HoldDelivery", holdDelivery ? "true" : "false"));
}
