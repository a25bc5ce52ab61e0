using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Storage.Tokens;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// A password change the accounts worker does not answer in time is 503, and may still apply afterwards, when no
/// answer comes back to end the other sessions: the gateway ends them as it answers 503 (fails closed).
/// </summary>
public sealed class PasswordChangeTimeoutTests : IClassFixture<PasswordChangeTimeoutTests.Factory>
{
    private readonly Factory _factory;

    public PasswordChangeTimeoutTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task A_change_that_times_out_is_503_with_Retry_After_and_ends_every_session()
    {
        var playerId = Guid.NewGuid();
        var sessions = _factory.Services.GetRequiredService<SessionTokens>();
        var device = await sessions.StartAsync(playerId, ["player"], CancellationToken.None);
        var other = await sessions.StartAsync(playerId, ["player"], CancellationToken.None);
        var bystander = await sessions.StartAsync(Guid.NewGuid(), ["player"], CancellationToken.None);
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/password/change", new { currentPassword = "correct horse battery", newPassword = "a brand new passphrase" });

        await response.ErrorAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await sessions.RefreshAsync(device.RefreshToken!, CancellationToken.None)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await sessions.RefreshAsync(other.RefreshToken!, CancellationToken.None)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await sessions.RefreshAsync(bystander.RefreshToken!, CancellationToken.None)).Outcome);
    }

    /// <summary>An accounts stub that takes a password change and never answers (the gateway's worker timeout, 10 s).</summary>
    public sealed class Factory : GatewayFactory
    {
        public Factory() => WithBus(x => x.AddHandler<ChangePassword>((ConsumeContext<ChangePassword> _) => Task.CompletedTask));
    }
}
