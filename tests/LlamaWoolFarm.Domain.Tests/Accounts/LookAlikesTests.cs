using LlamaWoolFarm.Domain.Accounts;

namespace LlamaWoolFarm.Domain.Tests.Accounts;

/// <summary>The confusable skeleton, the compatibility folding and the hidden-character test on their own.</summary>
public sealed class LookAlikesTests
{
    [Theory]
    [InlineData("Paypal", "\u0420\u0430y\u0440\u0430l")] // Cyrillic capital Er, small a and er
    [InlineData("Bob", "\u0392\u03BFb")] // Greek capital beta, small omicron
    [InlineData("Bill", "BiII")] // capital I for small l
    [InlineData("Bill", "Bi11")] // digit one for small l
    [InlineData("Oscar", "0scar")] // digit zero for O
    [InlineData("Modern", "Modem")] // r n for m
    [InlineData("Willow", "VVillovv")] // v v for w
    [InlineData("Llama", "\uFF2C\uFF4C\uFF41\uFF4D\uFF41")] // full-width
    [InlineData("fine", "\uFB01ne")] // ligature
    [InlineData("LLAMA", "llama")] // letter case
    [InlineData("Alma", "\u13AAlma")] // Cherokee A: only in the full UTS #39 table
    [InlineData("Alma", "\uA4EElma")] // Lisu A
    [InlineData("llama", "ll\uD835\uDC1Ama")] // mathematical bold small a, outside the basic plane
    public void Look_alikes_share_a_skeleton(string original, string lookAlike)
    {
        Assert.Equal(LookAlikes.Skeleton(original), LookAlikes.Skeleton(lookAlike));
    }

    [Theory]
    [InlineData("Llama", "Lama")]
    [InlineData("Llama", "\u041Blama")] // Cyrillic El passes for no Latin letter
    [InlineData("Cafe", "Caf\u00E9")] // an accent is a visible difference
    public void Different_looking_names_keep_different_skeletons(string one, string other)
    {
        Assert.NotEqual(LookAlikes.Skeleton(one), LookAlikes.Skeleton(other));
    }

    [Theory]
    [InlineData("a\u00A0b", true)]
    [InlineData("a\u202Fb", true)]
    [InlineData("a\u200Bb", true)]
    [InlineData("a\u2066b", true)]
    [InlineData("a\u3164b", true)]
    [InlineData("a\uE000b", true)]
    [InlineData("a b", false)]
    [InlineData("\u00C9mile \u0416\u0435\u043D\u044F", false)]
    public void Hidden_characters_are_found(string text, bool hidden)
    {
        Assert.Equal(hidden, LookAlikes.HasHiddenCharacters(text));
    }

    [Fact]
    public void An_email_key_folds_width_ligatures_and_case()
    {
        Assert.Equal("fiona@example.org", LookAlikes.EmailKey(" \uFB01ONA@Example.ORG "));
        Assert.Equal("fiona@example.org", LookAlikes.EmailKey("\uFF26\uFF29\uFF2F\uFF2E\uFF21@example.org"));
    }
}
