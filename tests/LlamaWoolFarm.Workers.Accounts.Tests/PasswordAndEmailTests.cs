using System.Text.RegularExpressions;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Mail;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>One real SMTP server (aiosmtpd) for the mail tests of a class.</summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    public OwnSmtpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await OwnSmtpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Password change and reset by email, email verification and change, through the bus, with mails sent by MailKit to
/// a real SMTP server and the links in the delivered mails followed.
/// </summary>
public sealed partial class PasswordAndEmailTests(SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>
{
    private const string Password = CredentialsTests.Password;
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Registration_mails_a_verification_link_that_verifies_the_email_once()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, email));
        Assert.False((await CredentialsTests.Account(bus, registered.PlayerId)).EmailVerified);

        var mail = Assert.Single(await smtp.Server.WaitForMailsAsync(email));
        Assert.Equal("Confirm your email for Llama Wool Farm", mail.Subject);
        var token = TokenOf(mail, "verify-email");

        var verified = Assert.IsType<EmailVerified>(await Verify(bus, token));
        var again = Assert.IsType<AccountRefused>(await Verify(bus, token));

        Assert.Equal(registered.PlayerId, verified.PlayerId);
        Assert.True((await CredentialsTests.Account(bus, registered.PlayerId)).EmailVerified);
        Assert.Equal(AccountErrorCodes.InvalidVerificationToken, again.Code);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_the_old_one_stops_working()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, email));

        Assert.IsType<PasswordResetAccepted>(await Forgot(bus, email));
        var mail = (await smtp.Server.WaitForMailsAsync(email, 2)).Single(IsReset);
        var token = TokenOf(mail, "reset-password");
        var stored = await bus.GetRequiredService<LlamaWoolFarm.Storage.Documents.IDocumentStore>().Collection<AccountMailToken>("account_mail_tokens").GetAsync($"reset-{registered.PlayerId:N}");

        var reset = Assert.IsType<PasswordChanged>(await Reset(bus, token, NewPassword));
        var replay = Assert.IsType<AccountRefused>(await Reset(bus, token, "yet another passphrase"));

        Assert.Equal(registered.PlayerId, reset.PlayerId);
        Assert.Single(bus.GetRequiredService<ITestHarness>().Published.Select<AccountPasswordChanged>(m => m.Context.Message.PlayerId == registered.PlayerId));
        // Only a hash is kept, never the token or its secret part.
        Assert.DoesNotContain(token[33..], System.Text.Json.JsonSerializer.Serialize(stored!.Document), StringComparison.Ordinal);
        Assert.Equal(AccountErrorCodes.InvalidResetToken, replay.Code);
        Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, email, NewPassword));
        Assert.Equal(AccountErrorCodes.InvalidCredentials, Assert.IsType<AccountRefused>(await CredentialsTests.Login(bus, email, Password)).Code);
        // The link came to the mailbox, so the email counts as verified.
        Assert.True((await CredentialsTests.Account(bus, registered.PlayerId)).EmailVerified);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();

        var answer = Assert.IsType<PasswordResetAccepted>(await Forgot(bus, email));

        Assert.True(answer.Accepted);
        var harness = bus.GetRequiredService<ITestHarness>();
        Assert.True(await harness.Consumed.Any<RequestPasswordReset>());
        Assert.False(await harness.Sent.Any<SendPasswordResetMail>());
        Assert.DoesNotContain(smtp.Server.Messages(), m => m.To.Mailboxes.Any(b => b.Address == email));
    }

    [Fact]
    public async Task An_expired_reset_link_is_refused_and_changes_nothing()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, email));
        await Forgot(bus, email);
        var token = TokenOf((await smtp.Server.WaitForMailsAsync(email, 2)).Single(IsReset), "reset-password");
        var before = (await CredentialsTests.Account(bus, registered.PlayerId)).PasswordHash;

        bus.GetRequiredService<ManualClock>().Advance(TimeSpan.FromMinutes(31));
        var refused = Assert.IsType<AccountRefused>(await Reset(bus, token, NewPassword));

        Assert.Equal(AccountErrorCodes.InvalidResetToken, refused.Code);
        Assert.Equal(before, (await CredentialsTests.Account(bus, registered.PlayerId)).PasswordHash);
        Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, email, Password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("00000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Malformed_or_guessed_tokens_are_refused(string token)
    {
        await using var bus = await StartAsync();

        Assert.Equal(AccountErrorCodes.InvalidResetToken, Assert.IsType<AccountRefused>(await Reset(bus, token, NewPassword)).Code);
        Assert.Equal(AccountErrorCodes.InvalidVerificationToken, Assert.IsType<AccountRefused>(await Verify(bus, token)).Code);
    }

    [Fact]
    public async Task A_reset_token_with_another_players_id_is_refused()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();
        var victim = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, NewEmail()));
        await CredentialsTests.Register(bus, email);
        await Forgot(bus, email);
        var token = TokenOf((await smtp.Server.WaitForMailsAsync(email, 2)).Single(IsReset), "reset-password");

        var forged = victim.PlayerId.ToString("N") + token[32..];

        Assert.Equal(AccountErrorCodes.InvalidResetToken, Assert.IsType<AccountRefused>(await Reset(bus, forged, NewPassword)).Code);
    }

    [Fact]
    public async Task Reset_requests_within_the_cooldown_send_one_mail()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();
        await CredentialsTests.Register(bus, email);

        await Forgot(bus, email);
        await Forgot(bus, email);
        await Forgot(bus, email);
        var harness = bus.GetRequiredService<ITestHarness>();
        Assert.True(await harness.Consumed.Any<SendPasswordResetMail>(x => x.Context.Message is not null));
        await smtp.Server.WaitForMailsAsync(email, 2);
        await Task.Delay(500);

        Assert.Single(smtp.Server.Messages(), m => m.To.Mailboxes.Any(b => b.Address == email) && IsReset(m));
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password()
    {
        await using var bus = await StartAsync();
        var email = NewEmail();
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, email));
        var before = (await CredentialsTests.Account(bus, registered.PlayerId)).PasswordHash;

        var wrong = Assert.IsType<AccountRefused>(await Change(bus, registered.PlayerId, "not the password", NewPassword));
        Assert.Equal(AccountErrorCodes.InvalidCredentials, wrong.Code);
        Assert.Equal(before, (await CredentialsTests.Account(bus, registered.PlayerId)).PasswordHash);
        var weak = Assert.IsType<AccountRefused>(await Change(bus, registered.PlayerId, Password, "short"));
        Assert.Equal(AccountErrorCodes.ValidationError, weak.Code);

        var harness = bus.GetRequiredService<ITestHarness>();
        // The refusals above announced nothing.
        Assert.Empty(harness.Published.Select<AccountPasswordChanged>(m => m.Context.Message.PlayerId == registered.PlayerId));
        Assert.IsType<PasswordChanged>(await Change(bus, registered.PlayerId, Password, NewPassword));
        Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, email, NewPassword));
        // Announced whether or not the answer reaches anyone: the gateways end the older sessions on it.
        Assert.True(await harness.Published.Any<AccountPasswordChanged>(m => m.Context.Message.PlayerId == registered.PlayerId));
    }

    [Fact]
    public async Task A_guest_has_no_password_to_change()
    {
        await using var bus = await StartAsync();
        var guest = await bus.AskAsync<RegisterGuest, GuestRegistered, AccountRefused>(new RegisterGuest("device-" + Guid.NewGuid().ToString("N"), null));

        var refused = Assert.IsType<AccountRefused>(await Change(bus, ((GuestRegistered)guest).PlayerId, Password, NewPassword));

        Assert.Equal(AccountErrorCodes.PasswordNotSet, refused.Code);
    }

    [Fact]
    public async Task A_changed_email_becomes_the_sign_in_email_only_once_verified()
    {
        await using var bus = await StartAsync();
        var oldEmail = NewEmail();
        var newEmail = NewEmail();
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, oldEmail));

        Assert.Equal(AccountErrorCodes.InvalidCredentials, Assert.IsType<AccountRefused>(await ChangeEmail(bus, registered.PlayerId, newEmail, "wrong password!")).Code);
        var started = Assert.IsType<EmailVerificationSent>(await ChangeEmail(bus, registered.PlayerId, newEmail, Password));
        Assert.Equal(newEmail, started.Email);
        Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, oldEmail, Password));

        var token = TokenOf(Assert.Single(await smtp.Server.WaitForMailsAsync(newEmail)), "verify-email");
        var verified = Assert.IsType<EmailVerified>(await Verify(bus, token));

        Assert.Equal(newEmail, verified.Email);
        Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, newEmail, Password));
        Assert.IsType<AccountRefused>(await CredentialsTests.Login(bus, oldEmail, Password));
    }

    [Fact]
    public async Task An_email_change_to_a_taken_email_is_refused()
    {
        await using var bus = await StartAsync();
        var taken = NewEmail();
        await CredentialsTests.Register(bus, taken);
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, NewEmail()));

        var refused = Assert.IsType<AccountRefused>(await ChangeEmail(bus, registered.PlayerId, taken.ToUpperInvariant(), Password));

        Assert.Equal(AccountErrorCodes.EmailTaken, refused.Code);
        Assert.Null((await CredentialsTests.Account(bus, registered.PlayerId)).PendingEmail);
    }

    [Fact]
    public async Task A_verification_link_of_the_old_address_does_not_confirm_a_new_pending_one()
    {
        await using var bus = await StartAsync();
        var oldEmail = NewEmail();
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, oldEmail));
        var oldToken = TokenOf(Assert.Single(await smtp.Server.WaitForMailsAsync(oldEmail)), "verify-email");

        Assert.IsType<EmailVerificationSent>(await ChangeEmail(bus, registered.PlayerId, NewEmail(), Password));
        await bus.GetRequiredService<ITestHarness>().Consumed.Any<SendEmailVerificationMail>();

        Assert.IsType<AccountRefused>(await Verify(bus, oldToken));
        Assert.NotNull((await CredentialsTests.Account(bus, registered.PlayerId)).PendingEmail);
    }

    private Task<ServiceProvider> StartAsync() => AccountsBus.StartAsync(services: s => s.Configure<AccountMailOptions>(o =>
    {
        o.Smtp.Host = "127.0.0.1";
        o.Smtp.Port = smtp.Server.Port;
        o.Smtp.Security = MailKit.Security.SecureSocketOptions.None;
        o.LinkBaseUrl = "http://game.example.org/";
    }));

    internal static bool IsReset(MimeMessage mail) => mail.Subject?.Contains("Reset", StringComparison.Ordinal) == true;

    private static string NewEmail() => $"p{Guid.NewGuid():N}@example.org";

    /// <summary>The token of the link in a mail, as the web page reads it from the address.</summary>
    internal static string TokenOf(MimeMessage mail, string page)
    {
        var match = LinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(match.Success, "No link in: " + mail.TextBody);
        Assert.Equal(page, match.Groups["page"].Value);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    private static Task<object> Forgot(ServiceProvider bus, string email) =>
        bus.AskAsync<RequestPasswordReset, PasswordResetAccepted, AccountRefused>(new RequestPasswordReset(email, null));

    private static Task<object> Reset(ServiceProvider bus, string token, string password) =>
        bus.AskAsync<ResetPassword, PasswordChanged, AccountRefused>(new ResetPassword(token, password, null));

    private static Task<object> Verify(ServiceProvider bus, string token) =>
        bus.AskAsync<VerifyEmail, EmailVerified, AccountRefused>(new VerifyEmail(token, null));

    private static Task<object> Change(ServiceProvider bus, Guid playerId, string current, string next) =>
        bus.AskAsync<ChangePassword, PasswordChanged, AccountRefused>(new ChangePassword(playerId, current, next, null));

    private static Task<object> ChangeEmail(ServiceProvider bus, Guid playerId, string email, string password) =>
        bus.AskAsync<ChangeEmail, EmailVerificationSent, AccountRefused>(new ChangeEmail(playerId, email, password, null));

    [GeneratedRegex(@"http://game\.example\.org/#(?<page>[a-z-]+)\?token=(?<token>[^\s]+)")]
    private static partial Regex LinkPattern();
}
