using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>The accounts module's guest registration.</summary>
public sealed class RegisterGuestTests
{
    [Fact]
    public async Task A_device_keeps_its_guest_account()
    {
        await using var provider = await AccountsBus.StartAsync();
        var client = provider.GetRequiredService<ITestHarness>().GetRequestClient<RegisterGuest>();

        var first = (await client.GetResponse<GuestRegistered>(new RegisterGuest("device-abc-123", null))).Message;
        var second = (await client.GetResponse<GuestRegistered>(new RegisterGuest("device-abc-123", null))).Message;
        var other = (await client.GetResponse<GuestRegistered>(new RegisterGuest("device-xyz-789", null))).Message;

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.PlayerId, second.PlayerId);
        Assert.NotEqual(first.PlayerId, other.PlayerId);
        Assert.Equal(["player"], first.Roles);
    }

    [Fact]
    public async Task Concurrent_first_requests_from_one_device_end_with_one_account()
    {
        await using var provider = await AccountsBus.StartAsync();
        var accounts = provider.GetRequiredService<AccountService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => accounts.RegisterGuestAsync("device-race-0001", CancellationToken.None))));

        Assert.Single(results.Select(r => r.PlayerId).Distinct());
        Assert.Single(results, r => r.Created);
    }
}
