using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Storage.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// A password change or reset the accounts worker applied, whoever got (or lost) its answer: its announcement
/// (<see cref="AccountPasswordChanged"/>) ends the player's sessions started before it, and no later or other ones.
/// </summary>
public sealed class PasswordChangedSessionsTests : IClassFixture<PasswordChangedSessionsTests.Factory>
{
    private readonly Factory _factory;

    public PasswordChangedSessionsTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task An_announced_change_ends_the_sessions_started_before_it_and_spares_later_ones()
    {
        var playerId = Guid.NewGuid();
        var sessions = _factory.Services.GetRequiredService<SessionTokens>();
        var device = await sessions.StartAsync(playerId, ["player"], CancellationToken.None);
        var other = await sessions.StartAsync(playerId, ["player"], CancellationToken.None);
        var bystander = await sessions.StartAsync(Guid.NewGuid(), ["player"], CancellationToken.None);
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var changedAt = _factory.Clock.GetUtcNow();
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        // The session the answering gateway hands back is started after the change.
        var fresh = await sessions.StartAsync(playerId, ["player"], CancellationToken.None);

        await _factory.Harness.Bus.Publish(new AccountPasswordChanged(playerId, changedAt));

        // Polled, as NotificationsEndpointsTests does: the harness's Consumed.Any<T> answered false here before the
        // consume was recorded.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_factory.Harness.Consumed.Select<AccountPasswordChanged>(m => m.Context.Message.PlayerId == playerId).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the announcement was not consumed in time");
            await Task.Delay(10);
        }

        Assert.Equal(RefreshTokenOutcome.Revoked, (await sessions.RefreshAsync(device.RefreshToken!, CancellationToken.None)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await sessions.RefreshAsync(other.RefreshToken!, CancellationToken.None)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await sessions.RefreshAsync(fresh.RefreshToken!, CancellationToken.None)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await sessions.RefreshAsync(bystander.RefreshToken!, CancellationToken.None)).Outcome);
    }

    /// <summary>The gateway alone, on a manual clock so the sessions' start times are set by the test.</summary>
    public sealed class Factory : GatewayFactory
    {
        public Factory() => WithManualClock();
    }
}
