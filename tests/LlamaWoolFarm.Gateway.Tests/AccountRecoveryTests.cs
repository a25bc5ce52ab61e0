using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Mail;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The gateway and the real accounts worker, mailing through a real SMTP server (aiosmtpd) the tests read.</summary>
public sealed class MailGatewayFixture : IAsyncLifetime
{
    public OwnSmtpServer Smtp { get; private set; } = null!;

    public GatewayFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await OwnSmtpServer.StartAsync();
        Factory = new GatewayFactory().WithManualClock().WithAccountsWorker().WithLooseRateLimits()
            .WithServices(s => s.Configure<AccountMailOptions>(o =>
            {
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = Smtp.Port;
                o.Smtp.Security = MailKit.Security.SecureSocketOptions.None;
                o.LinkBaseUrl = "http://game.example.org/";
            }));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Password change and reset, email verification and change over HTTP, following the links of delivered mails.</summary>
public sealed partial class AccountRecoveryTests(MailGatewayFixture fixture) : IClassFixture<MailGatewayFixture>
{
    private const string Password = "correct horse battery";
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_answers_a_new_one()
    {
        using var client = fixture.Factory.CreateClient();
        var email = NewEmail();
        var first = await SessionFlowTests.RegisterAsync(client, email);
        var second = await LoginAsync(client, email, Password);

        using var changed = await Send(client, first, "/api/v1/auth/password/change", new { currentPassword = Password, newPassword = NewPassword });
        var fresh = (await changed.DataAsync(HttpStatusCode.OK)).Clone();

        await (await Refresh(client, first)).ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await Refresh(client, second)).ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await Refresh(client, fresh)).DataAsync(HttpStatusCode.OK);
        await LoginAsync(client, email, NewPassword);
        using var old = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        await old.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task The_same_change_sent_again_after_it_applied_answers_changed_and_ends_the_other_sessions_again()
    {
        using var client = fixture.Factory.CreateClient();
        var email = NewEmail();
        var first = await SessionFlowTests.RegisterAsync(client, email);
        using (var changed = await Send(client, first, "/api/v1/auth/password/change", new { currentPassword = Password, newPassword = NewPassword }))
        {
            await changed.DataAsync(HttpStatusCode.OK);
        }

        // Its answer was lost (a worker timeout): the device sends the same change again, from a session still alive.
        var other = await LoginAsync(client, email, NewPassword);
        using var repeated = await Send(client, first, "/api/v1/auth/password/change", new { currentPassword = Password, newPassword = NewPassword });
        var fresh = (await repeated.DataAsync(HttpStatusCode.OK)).Clone();

        await (await Refresh(client, other)).ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await Refresh(client, fresh)).DataAsync(HttpStatusCode.OK);
        // Only the change already made is repeated: another new password with the old current one is still refused.
        using var another = await Send(client, fresh, "/api/v1/auth/password/change", new { currentPassword = Password, newPassword = "yet another passphrase" });
        await another.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await LoginAsync(client, email, NewPassword);
    }

    [Fact]
    public async Task A_wrong_current_password_is_401_and_every_session_lives_on()
    {
        using var client = fixture.Factory.CreateClient();
        var email = NewEmail();
        var session = await SessionFlowTests.RegisterAsync(client, email);

        using var refused = await Send(client, session, "/api/v1/auth/password/change", new { currentPassword = "not the password", newPassword = NewPassword });

        await refused.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await (await Refresh(client, session)).DataAsync(HttpStatusCode.OK);
        await LoginAsync(client, email, Password);
    }

    [Fact]
    public async Task Forgot_answers_the_same_for_a_known_and_an_unknown_email()
    {
        using var client = fixture.Factory.CreateClient();
        var known = NewEmail();
        await SessionFlowTests.RegisterAsync(client, known);

        using var a = await client.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = known });
        using var b = await client.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = NewEmail() });

        var knownAnswer = await a.DataAsync(HttpStatusCode.Accepted);
        var unknownAnswer = await b.DataAsync(HttpStatusCode.Accepted);
        Assert.Equal(knownAnswer.GetRawText(), unknownAnswer.GetRawText());
    }

    [Fact]
    public async Task The_reset_link_of_the_mail_sets_a_new_password_once_and_ends_every_session()
    {
        using var client = fixture.Factory.CreateClient();
        var email = NewEmail();
        var session = await SessionFlowTests.RegisterAsync(client, email);

        using (var forgot = await client.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email }))
        {
            await forgot.DataAsync(HttpStatusCode.Accepted);
        }

        var mail = (await fixture.Smtp.WaitForMailsAsync(email, 2)).Single(m => m.Subject?.StartsWith("Reset", StringComparison.Ordinal) == true);
        var token = TokenOf(mail, "reset-password");

        using var reset = await client.PostAsJsonAsync("/api/v1/auth/password/reset", new { token, newPassword = NewPassword });
        Assert.True((await reset.DataAsync(HttpStatusCode.OK)).GetProperty("passwordReset").GetBoolean());
        using var replay = await client.PostAsJsonAsync("/api/v1/auth/password/reset", new { token, newPassword = "yet another passphrase" });
        await replay.ErrorAsync(HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");

        await (await Refresh(client, session)).ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await LoginAsync(client, email, NewPassword);
    }

    [Theory]
    [InlineData("/api/v1/auth/password/reset", "not-a-token")]
    [InlineData("/api/v1/auth/email/verify", "not-a-token")]
    [InlineData("/api/v1/auth/email/verify", "")]
    public async Task A_malformed_token_is_400_validation_error(string route, string token)
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(route, new { token, newPassword = NewPassword });

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task A_well_formed_but_unknown_token_is_400_invalid_reset_token()
    {
        using var client = fixture.Factory.CreateClient();
        var token = Guid.NewGuid().ToString("N") + "." + new string('A', 43);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/password/reset", new { token, newPassword = NewPassword });

        await response.ErrorAsync(HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
    }

    [Fact]
    public async Task The_verification_link_of_the_registration_mail_verifies_the_email()
    {
        using var client = fixture.Factory.CreateClient();
        var email = NewEmail();
        await SessionFlowTests.RegisterAsync(client, email);
        var token = TokenOf(Assert.Single(await fixture.Smtp.WaitForMailsAsync(email)), "verify-email");

        using var verify = await client.PostAsJsonAsync("/api/v1/auth/email/verify", new { token });
        using var again = await client.PostAsJsonAsync("/api/v1/auth/email/verify", new { token });

        var data = await verify.DataAsync(HttpStatusCode.OK);
        Assert.Equal(email, data.GetProperty("email").GetString());
        await again.ErrorAsync(HttpStatusCode.BadRequest, "INVALID_VERIFICATION_TOKEN");
    }

    [Fact]
    public async Task An_email_change_takes_effect_when_the_new_address_is_verified()
    {
        using var client = fixture.Factory.CreateClient();
        var email = NewEmail();
        var newEmail = NewEmail();
        var session = await SessionFlowTests.RegisterAsync(client, email);

        using var change = await Send(client, session, "/api/v1/auth/email/change", new { email = newEmail, currentPassword = Password });
        Assert.Equal(newEmail, (await change.DataAsync(HttpStatusCode.Accepted)).GetProperty("pendingEmail").GetString());
        var token = TokenOf(Assert.Single(await fixture.Smtp.WaitForMailsAsync(newEmail)), "verify-email");
        using (var verify = await client.PostAsJsonAsync("/api/v1/auth/email/verify", new { token }))
        {
            await verify.DataAsync(HttpStatusCode.OK);
        }

        await LoginAsync(client, newEmail, Password);
    }

    [Fact]
    public async Task The_new_routes_need_a_session_where_they_act_on_the_player()
    {
        using var client = fixture.Factory.CreateClient();

        using var change = await client.PostAsJsonAsync("/api/v1/auth/password/change", new { currentPassword = Password, newPassword = NewPassword });
        using var email = await client.PostAsJsonAsync("/api/v1/auth/email/change", new { email = NewEmail(), currentPassword = Password });
        using var resend = await client.PostAsync(new Uri("/api/v1/auth/email/verify/resend", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, email.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, resend.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/auth/password/change", "ChangePasswordRequest")]
    [InlineData("/api/v1/auth/password/forgot", "ForgotPasswordRequest")]
    [InlineData("/api/v1/auth/password/reset", "ResetPasswordRequest")]
    [InlineData("/api/v1/auth/email/verify", "VerifyEmailRequest")]
    [InlineData("/api/v1/auth/email/change", "ChangeEmailRequest")]
    [InlineData("/api/v1/auth/email/verify/resend", null)]
    public async Task The_openapi_document_describes_the_new_routes(string path, string? body)
    {
        using var client = fixture.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var post = document.GetProperty("paths").GetProperty(path).GetProperty("post");
        Assert.False(string.IsNullOrEmpty(post.GetProperty("summary").GetString()));
        if (body is not null)
        {
            Assert.EndsWith(body, post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> LoginAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        return (await response.DataAsync(HttpStatusCode.OK)).Clone();
    }

    private static Task<HttpResponseMessage> Refresh(HttpClient client, JsonElement session) =>
        client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() });

    private static Task<HttpResponseMessage> Send(HttpClient client, JsonElement session, string route, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client.SendAsync(request);
    }

    private static string NewEmail() => $"g{Guid.NewGuid():N}@example.org";

    private static string TokenOf(MimeMessage mail, string page)
    {
        var match = LinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(match.Success, "No link in: " + mail.TextBody);
        Assert.Equal(page, match.Groups["page"].Value);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    [GeneratedRegex(@"http://game\.example\.org/#(?<page>[a-z-]+)\?token=(?<token>[^\s]+)")]
    private static partial Regex LinkPattern();
}
