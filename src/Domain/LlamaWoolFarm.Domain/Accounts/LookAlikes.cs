using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LlamaWoolFarm.Domain.Accounts;

/// <summary>
/// Text that looks like other text: the compatibility folding NFKC would do for the forms players can type, the
/// characters a name must never hold (invisible, formatting, odd spaces, compatibility-only letters), and a
/// confusable skeleton in the manner of Unicode UTS #39, so two names that look alike have the same skeleton.
/// </summary>
/// <remarks>
/// The processes run with invariant globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text alone,
/// and no maintained .NET library ships the UTS #39 confusables data: the skeleton maps every code point through the
/// full UTS #39 table (<c>confusables.txt</c>, embedded), then through a few hand-picked lower-case extras, and the
/// compatibility folding is the part of NFKC players can type (see docs/accounts.md).
/// </remarks>
public static class LookAlikes
{
    // Source character, then the lower-case Latin text it is mistaken for. Both letter cases are listed where each
    // looks like Latin; lower-casing comes after this table, so an upper-case source needs its own entry.
    private static readonly FrozenDictionary<char, string> Confusables = new Dictionary<char, string>
    {
        // ASCII: capital I and the digit 1 pass for a small L, the digit 0 for the letter O.
        ['I'] = "l", ['1'] = "l", ['0'] = "o",

        // Latin letters outside ASCII that read as ASCII ones.
        ['\u0131'] = "i", ['\u0237'] = "j", ['\u01C0'] = "l", ['\u0269'] = "i",

        // Cyrillic capitals.
        ['\u0410'] = "a", ['\u0412'] = "b", ['\u0415'] = "e", ['\u041A'] = "k", ['\u041C'] = "m", ['\u041D'] = "h",
        ['\u041E'] = "o", ['\u0420'] = "p", ['\u0421'] = "c", ['\u0422'] = "t", ['\u0423'] = "y", ['\u0425'] = "x",
        ['\u0405'] = "s", ['\u0406'] = "l", ['\u0408'] = "j", ['\u04AE'] = "y", ['\u04BA'] = "h", ['\u04C0'] = "l",
        ['\u051A'] = "q", ['\u051C'] = "w", ['\u0401'] = "\u00EB", ['\u0407'] = "\u00EF",

        // Cyrillic small letters.
        ['\u0430'] = "a", ['\u0435'] = "e", ['\u043E'] = "o", ['\u0440'] = "p", ['\u0441'] = "c", ['\u0443'] = "y",
        ['\u0445'] = "x", ['\u0455'] = "s", ['\u0456'] = "i", ['\u0458'] = "j", ['\u04BB'] = "h", ['\u0501'] = "d",
        ['\u051B'] = "q", ['\u051D'] = "w", ['\u04CF'] = "l", ['\u0451'] = "\u00EB", ['\u0457'] = "\u00EF",
        ['\u0475'] = "v", ['\u048D'] = "b",

        // Greek capitals.
        ['\u0391'] = "a", ['\u0392'] = "b", ['\u0395'] = "e", ['\u0396'] = "z", ['\u0397'] = "h", ['\u0399'] = "l",
        ['\u039A'] = "k", ['\u039C'] = "m", ['\u039D'] = "n", ['\u039F'] = "o", ['\u03A1'] = "p", ['\u03A4'] = "t",
        ['\u03A5'] = "y", ['\u03A7'] = "x", ['\u03F9'] = "c", ['\u037F'] = "j",

        // Greek small letters.
        ['\u03B1'] = "a", ['\u03B9'] = "i", ['\u03BD'] = "v", ['\u03BF'] = "o", ['\u03C1'] = "p", ['\u03C5'] = "u",
        ['\u03F2'] = "c", ['\u03F3'] = "j", ['\u03BA'] = "k",

        // Armenian small letters.
        ['\u0585'] = "o", ['\u057D'] = "u", ['\u0578'] = "n", ['\u0570'] = "h", ['\u0566'] = "q", ['\u0581'] = "g",
    }.ToFrozenDictionary();

    // Invisible "letters" (Hangul fillers, the Braille blank): categorised as letters or symbols, rendered as nothing.
    private static readonly FrozenSet<char> Invisible = new[] { '\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800', '\u180E' }.ToFrozenSet();

    /// <summary>
    /// The compatibility forms NFKC folds that players actually type: full-width ASCII (and the ideographic space)
    /// to ASCII, and the Latin ligatures to their letters.
    /// </summary>
    public static string FoldCompatibility(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\uFF01' and <= '\uFF5E':
                    folded.Append((char)(c - 0xFEE0));
                    break;
                case '\u3000':
                    folded.Append(' ');
                    break;
                case >= '\uFB00' and <= '\uFB06':
                    folded.Append(Ligature(c));
                    break;
                default:
                    folded.Append(c);
                    break;
            }
        }

        return folded.ToString();
    }

    /// <summary>
    /// True when the text holds a character a name must not: control or format characters (Unicode Cc, Cf — zero
    /// widths, joiners, bidi controls), any space but the ASCII one (no-break and other odd spaces, line and
    /// paragraph separators), surrogates, private-use or unassigned code points, and invisible fillers.
    /// </summary>
    public static bool HasHiddenCharacters(string text)
    {
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (Invisible.Contains(c) || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for letters that exist only as compatibility or phonetic variants of ordinary ones (IPA and phonetic
    /// extensions such as small capitals, letter-like symbols such as ℓ, presentation forms, modifier letters):
    /// NFKC would change them or they pass for Latin letters, and no name needs them.
    /// </summary>
    public static bool IsCompatibilityLetter(char c) =>
        c is >= '\u0250' and <= '\u02FF' or >= '\u1D00' and <= '\u1DBF' or >= '\u2100' and <= '\u214F' or >= '\uFB00' and <= '\uFB4F'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.ModifierLetter;

    /// <summary>
    /// The confusable skeleton of a cleaned name: look-alike letters of other scripts and the digits 0 and 1 become
    /// the Latin letters they pass for, the result is lower-cased, and "rn" and "vv" become "m" and "w". Two names
    /// with one skeleton look alike; a name's skeleton is what uniqueness is checked on.
    /// </summary>
    public static string Skeleton(string name)
    {
        // UTS #39 prototypes keep letter case (Cyrillic "А" is "A"), so the table is applied, the result lower-cased,
        // and the table applied again for what lower-casing turned into a confusable.
        var lowered = Prototypes(FoldCompatibility(name)).ToLowerInvariant();
        var mapped = new StringBuilder(lowered.Length);
        foreach (var c in Prototypes(lowered))
        {
            mapped.Append(Confusables.TryGetValue(c, out var latin) ? latin : c);
        }

        return mapped.ToString().ToLowerInvariant().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal);
    }

    /// <summary>Every code point replaced by its UTS #39 prototype (code points the table does not name stay).</summary>
    private static string Prototypes(string text)
    {
        var mapped = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Uts39.Value.TryGetValue(rune.Value, out var prototype))
            {
                mapped.Append(prototype);
            }
            else
            {
                mapped.Append(rune.ToString());
            }
        }

        return mapped.ToString();
    }

    private static readonly Lazy<FrozenDictionary<int, string>> Uts39 = new(LoadUts39);

    private static FrozenDictionary<int, string> LoadUts39()
    {
        using var stream = typeof(LookAlikes).Assembly.GetManifestResourceStream("LlamaWoolFarm.Domain.Accounts.confusables.txt")
            ?? throw new InvalidOperationException("The embedded UTS #39 confusables table is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            var prototype = new StringBuilder();
            foreach (var point in parts[1].Split(' '))
            {
                prototype.Append(char.ConvertFromUtf32(int.Parse(point, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table[int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = prototype.ToString();
        }

        return table.ToFrozenDictionary();
    }

    /// <summary>
    /// The form an email is compared in: trimmed, compatibility forms folded (NFKC's part that matters here) and
    /// case-folded, so a full-width or differently cased copy of an address is the same address.
    /// </summary>
    public static string EmailKey(string email) => FoldCompatibility(email.Trim()).ToUpperInvariant().ToLowerInvariant();

    private static string Ligature(char c) => c switch
    {
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        _ => "st",
    };
}
