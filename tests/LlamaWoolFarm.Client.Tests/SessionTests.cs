using System.Net;

namespace LlamaWoolFarm.Client.Tests;

[Collection(StandaloneCollection.Name)]
public sealed class SessionTests(StandaloneFixture standalone)
{
    [Fact]
    public async Task A_guest_signs_in_with_its_device_id_and_finds_the_same_player_again()
    {
        var device = StandaloneFixture.NewDeviceId();
        using var client = standalone.NewClient();
        var first = await client.SignInAsGuestAsync(device);
        var profile = await client.GetProfileAsync();
        var state = await client.GetStateAsync();
        using var again = standalone.NewClient();
        var second = await again.SignInAsGuestAsync(device);

        Assert.NotEqual(Guid.Empty, first.PlayerId);
        Assert.True(profile.IsGuest);
        Assert.Equal(first.PlayerId, profile.PlayerId);
        Assert.Equal(first.PlayerId, state.PlayerId);
        Assert.Equal(first.PlayerId, second.PlayerId);
        Assert.True(first.AccessTokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_guest_links_an_email_keeps_its_player_and_signs_in_with_it_elsewhere()
    {
        var email = $"sdk-{Guid.NewGuid():N}@example.org";
        using var client = standalone.NewClient();
        var guest = await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        var linked = await client.LinkEmailAsync(email, "correct horse battery 9");
        var profile = await client.GetProfileAsync();
        using var elsewhere = standalone.NewClient();
        var signedIn = await elsewhere.SignInWithEmailAsync(email, "correct horse battery 9");
        var wrong = await Assert.ThrowsAsync<LlamaWoolFarmApiException>(() => standalone.NewClient().SignInWithEmailAsync(email, "wrong password 1234"));

        Assert.Equal(guest.PlayerId, linked.PlayerId);
        Assert.False(profile.IsGuest);
        Assert.Equal(email, profile.Email);
        Assert.Equal(guest.PlayerId, signedIn.PlayerId);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("INVALID_CREDENTIALS", wrong.Code);
    }

    [Fact]
    public async Task Concurrent_calls_with_an_expired_access_token_share_one_refresh_and_the_refresh_token_rotates()
    {
        using var signIn = standalone.NewClient();
        var original = await signIn.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());

        // A session kept from an earlier run whose access token the server no longer accepts (as after its 15 minutes).
        using var client = standalone.NewClient();
        client.UseSession(new Session { PlayerId = original.PlayerId, AccessToken = "expired." + original.AccessToken, RefreshToken = original.RefreshToken, AccessTokenExpiresAt = DateTimeOffset.UtcNow });
        var refreshes = 0;
        client.SessionChanged += (_, _) => Interlocked.Increment(ref refreshes);

        // Two refreshes with the same token would be a reuse, which revokes the family: every call would then fail.
        var states = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetStateAsync()));
        var rotated = client.Session!;
        var afterRotation = await client.GetProfileAsync();

        Assert.All(states, s => Assert.Equal(original.PlayerId, s.PlayerId));
        Assert.Equal(1, refreshes);
        Assert.NotEqual(original.RefreshToken, rotated.RefreshToken);
        Assert.NotEqual(original.AccessToken, rotated.AccessToken);
        Assert.Equal(original.PlayerId, afterRotation.PlayerId);

        // The rotated-away token is refused (and, being a reuse, ends the family).
        using var stale = standalone.NewClient();
        stale.UseSession(original);
        var expired = false;
        stale.SessionExpired += (_, _) => expired = true;
        var refused = await Assert.ThrowsAsync<LlamaWoolFarmApiException>(() => stale.RefreshAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.True(expired);
    }
}
