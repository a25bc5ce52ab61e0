using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using Microsoft.Extensions.DependencyInjection;
using static LlamaWoolFarm.Workers.Accounts.Tests.CredentialsTests;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>Names and emails that only look like another player's are taken; hidden characters are refused.</summary>
public sealed class LookAlikeNameTests
{
    [Theory]
    [InlineData("Llama Qu\u0435en")] // Cyrillic small ie
    [InlineData("LIama Queen")] // capital I for small l
    [InlineData("L1ama Queen")] // digit one for small l
    [InlineData("Ll\u03B1ma Queen")] // Greek alpha
    [InlineData("Llama Q\u057Deen")] // Armenian seh for u
    [InlineData("Llama Que\uFF45n")] // full-width e
    [InlineData("Llarna Queen")] // r n for m
    public async Task A_name_that_looks_like_a_taken_one_is_refused_and_changes_nothing(string lookAlike)
    {
        await using var bus = await AccountsBus.StartAsync();
        var holder = Assert.IsType<AccountAuthenticated>(await Register(bus, "holder@example.org")).PlayerId;
        var other = Assert.IsType<AccountAuthenticated>(await Register(bus, "other@example.org")).PlayerId;
        Assert.IsType<PlayerProfile>(await Update(bus, holder, "Llama Queen"));

        var refused = Assert.IsType<AccountRefused>(await Update(bus, other, lookAlike));

        Assert.Equal(AccountErrorCodes.DisplayNameTaken, refused.Code);
        Assert.Null(Assert.IsType<PlayerProfile>(await Profile(bus, other)).DisplayName);
    }

    [Fact]
    public async Task A_name_in_another_script_that_looks_like_no_taken_name_is_free()
    {
        await using var bus = await AccountsBus.StartAsync();
        var holder = Assert.IsType<AccountAuthenticated>(await Register(bus, "holder@example.org")).PlayerId;
        var other = Assert.IsType<AccountAuthenticated>(await Register(bus, "other@example.org")).PlayerId;
        Assert.IsType<PlayerProfile>(await Update(bus, holder, "Llama Queen"));

        // Cyrillic El (Л) passes for no Latin letter.
        var named = Assert.IsType<PlayerProfile>(await Update(bus, other, "\u041Blama Queen"));

        Assert.Equal("\u041Blama Queen", named.DisplayName);
    }

    [Fact]
    public async Task A_registration_with_a_look_alike_display_name_is_refused_and_creates_no_account()
    {
        await using var bus = await AccountsBus.StartAsync();
        var holder = Assert.IsType<AccountAuthenticated>(await Register(bus, "first@example.org")).PlayerId;
        Assert.IsType<PlayerProfile>(await Update(bus, holder, "Woolly"));

        var refused = await bus.AskAsync<RegisterAccount, AccountAuthenticated, AccountRefused>(new RegisterAccount("second@example.org", Password, "W\u043E\u043E11y", null));

        Assert.Equal(AccountErrorCodes.DisplayNameTaken, Assert.IsType<AccountRefused>(refused).Code);
        Assert.Equal(AccountErrorCodes.InvalidCredentials, Assert.IsType<AccountRefused>(await Login(bus, "second@example.org", Password)).Code);
    }

    [Theory]
    [InlineData("Llama\u00A0Queen")] // no-break space
    [InlineData("Llama\u2009Queen")] // thin space
    [InlineData("Llama\u200BQueen")] // zero-width space (Cf)
    [InlineData("Llama Queen\u200D")] // zero-width joiner
    [InlineData("\u202ELlama Queen")] // right-to-left override
    [InlineData("Llama\u3164Queen")] // Hangul filler, a "letter" that renders as nothing
    [InlineData("Llama Queen\u00B9")] // superscript one
    [InlineData("\u1D0Clama Queen")] // small capital L
    public async Task Invisible_formatting_odd_space_and_compatibility_characters_are_refused(string name)
    {
        await using var bus = await AccountsBus.StartAsync();
        var a = Assert.IsType<AccountAuthenticated>(await Register(bus, "hidden@example.org")).PlayerId;

        var refused = Assert.IsType<AccountRefused>(await Update(bus, a, name));

        Assert.Equal(AccountErrorCodes.ValidationError, refused.Code);
        Assert.Equal("displayName", refused.Field);
        Assert.Null(Assert.IsType<PlayerProfile>(await Profile(bus, a)).DisplayName);
    }

    [Fact]
    public async Task A_full_width_or_ligature_copy_of_a_registered_email_is_the_same_email()
    {
        await using var bus = await AccountsBus.StartAsync();
        var owner = Assert.IsType<AccountAuthenticated>(await Register(bus, "fiona@example.org")).PlayerId;

        var fullWidth = Assert.IsType<AccountRefused>(await Register(bus, "\uFF46iona@example.org"));
        var ligature = Assert.IsType<AccountRefused>(await Register(bus, "\uFB01ona@EXAMPLE.org"));
        var login = Assert.IsType<AccountAuthenticated>(await Login(bus, "\uFF26IONA@example.org", Password));

        Assert.Equal(AccountErrorCodes.EmailTaken, fullWidth.Code);
        Assert.Equal(AccountErrorCodes.EmailTaken, ligature.Code);
        Assert.Equal(owner, login.PlayerId);
    }

    private static Task<object> Update(ServiceProvider bus, Guid player, string name) =>
        bus.AskAsync<UpdateProfile, PlayerProfile, AccountRefused>(new UpdateProfile(player, name, null));
}
