using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using static LlamaWoolFarm.Workers.Accounts.Tests.CredentialsTests;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>Display names and friends.</summary>
public sealed class ProfileTests
{
    [Fact]
    public async Task A_display_name_is_normalized_and_unique_in_any_letter_case()
    {
        await using var bus = await AccountsBus.StartAsync();
        var a = Assert.IsType<AccountAuthenticated>(await Register(bus, "a@example.org")).PlayerId;
        var b = Assert.IsType<AccountAuthenticated>(await Register(bus, "b@example.org")).PlayerId;

        var named = Assert.IsType<PlayerProfile>(await Update(bus, a, "  Ｌｌａｍａ   Queen "));
        var clash = Assert.IsType<AccountRefused>(await Update(bus, b, "llama queen"));

        Assert.Equal("Llama Queen", named.DisplayName);
        Assert.Equal(AccountErrorCodes.DisplayNameTaken, clash.Code);
        Assert.Null(Assert.IsType<PlayerProfile>(await Profile(bus, b)).DisplayName);
        Assert.IsType<PlayerProfile>(await Update(bus, a, "LLAMA QUEEN"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a name much longer than the limit allows")]
    [InlineData("bell\u0007name")]
    [InlineData("<script>")]
    [InlineData("new\nline")]
    public async Task Oversized_short_or_control_character_names_are_refused_with_no_change(string name)
    {
        await using var bus = await AccountsBus.StartAsync();
        var a = Assert.IsType<AccountAuthenticated>(await Register(bus, "c@example.org")).PlayerId;
        await Update(bus, a, "Before Name");

        var refused = Assert.IsType<AccountRefused>(await Update(bus, a, name));

        Assert.Equal(AccountErrorCodes.ValidationError, refused.Code);
        Assert.Equal("displayName", refused.Field);
        Assert.Equal("Before Name", Assert.IsType<PlayerProfile>(await Profile(bus, a)).DisplayName);
    }

    [Fact]
    public async Task Friends_are_added_by_code_or_id_both_ways_and_removed_both_ways()
    {
        await using var bus = await AccountsBus.StartAsync();
        var a = Assert.IsType<AccountAuthenticated>(await Register(bus, "fa@example.org")).PlayerId;
        var b = Assert.IsType<AccountAuthenticated>(await Register(bus, "fb@example.org")).PlayerId;
        var c = Assert.IsType<AccountAuthenticated>(await Register(bus, "fc@example.org")).PlayerId;
        var bCode = Assert.IsType<PlayerProfile>(await Profile(bus, b)).FriendCode;

        var byCode = Assert.IsType<FriendList>(await Add(bus, a, null, bCode.ToLowerInvariant()));
        var byId = Assert.IsType<FriendList>(await Add(bus, a, c, null));
        var twice = Assert.IsType<FriendList>(await Add(bus, a, c, null));
        var ofB = Assert.IsType<FriendList>(await bus.AskAsync<GetFriends, FriendList, AccountRefused>(new GetFriends(b)));

        Assert.Equal([b], byCode.Friends.Select(f => f.PlayerId));
        Assert.Equal([b, c], byId.Friends.Select(f => f.PlayerId));
        Assert.Equal(2, twice.Friends.Count);
        Assert.Equal([a], ofB.Friends.Select(f => f.PlayerId));

        var removed = Assert.IsType<FriendList>(await bus.AskAsync<RemoveFriend, FriendList, AccountRefused>(new RemoveFriend(b, a, null)));
        Assert.Empty(removed.Friends);
        Assert.Equal([c], Assert.IsType<FriendList>(await bus.AskAsync<GetFriends, FriendList, AccountRefused>(new GetFriends(a))).Friends.Select(f => f.PlayerId));
    }

    [Fact]
    public async Task A_new_friendship_is_published_once_with_the_adding_players_name()
    {
        await using var bus = await AccountsBus.StartAsync();
        var harness = bus.GetRequiredService<ITestHarness>();
        var a = Assert.IsType<AccountAuthenticated>(await Register(bus, "pa@example.org")).PlayerId;
        var b = Assert.IsType<AccountAuthenticated>(await Register(bus, "pb@example.org")).PlayerId;
        await Update(bus, a, "Fleece Fan");

        await Add(bus, a, b, null);
        await Add(bus, a, b, null);
        await Add(bus, b, a, null);
        await harness.InactivityTask;

        var added = Assert.Single(harness.Published.Select<FriendAdded>().ToList()).Context.Message;
        Assert.Equal((a, b, "Fleece Fan"), (added.PlayerId, added.FriendId, added.PlayerDisplayName));
    }

    [Fact]
    public async Task Befriending_oneself_or_an_unknown_code_is_refused()
    {
        await using var bus = await AccountsBus.StartAsync();
        var a = Assert.IsType<AccountAuthenticated>(await Register(bus, "self@example.org")).PlayerId;

        Assert.Equal(AccountErrorCodes.FriendNotFound, Assert.IsType<AccountRefused>(await Add(bus, a, a, null)).Code);
        Assert.Equal(AccountErrorCodes.FriendNotFound, Assert.IsType<AccountRefused>(await Add(bus, a, null, "ZZZZZZZZ")).Code);
        Assert.Equal(AccountErrorCodes.FriendNotFound, Assert.IsType<AccountRefused>(await Add(bus, a, Guid.NewGuid(), null)).Code);
    }

    private static Task<object> Update(ServiceProvider bus, Guid player, string name) =>
        bus.AskAsync<UpdateProfile, PlayerProfile, AccountRefused>(new UpdateProfile(player, name, null));

    private static Task<object> Add(ServiceProvider bus, Guid player, Guid? friend, string? code) =>
        bus.AskAsync<AddFriend, FriendList, AccountRefused>(new AddFriend(player, friend, code, null));
}
