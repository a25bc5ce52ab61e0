using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Argon2id password hashes in the PHC string format, compared in constant time.</summary>
public sealed class PasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly PasswordHashingOptions _options;
    private readonly Lazy<string> _dummy;

    public PasswordHasher(PasswordHashingOptions options)
    {
        _options = options;
        _dummy = new Lazy<string>(() => Hash("not-a-password-of-anyone"));
    }

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, _options.MemoryKib, _options.Iterations, _options.Parallelism, HashBytes);
        return Format(_options.MemoryKib, _options.Iterations, _options.Parallelism, salt, hash);
    }

    /// <summary>
    /// Checks a password. With no stored hash (unknown email) a dummy hash is checked instead, so the answer takes
    /// as long as for a real account. <c>NeedsUpgrade</c> says the hash was made with other parameters than today's.
    /// </summary>
    public (bool Valid, bool NeedsUpgrade) Verify(string password, string? encoded)
    {
        // Argon2 refuses an empty input; no stored password is empty, so hash a stand-in and fail.
        if (password.Length == 0)
        {
            Verify("\0", null);
            return (false, false);
        }

        if (encoded is null || !TryParse(encoded, out var m, out var t, out var p, out var salt, out var expected))
        {
            TryParse(_dummy.Value, out m, out t, out p, out salt, out expected);
            Compute(password, salt, m, t, p, expected.Length);
            return (false, false);
        }

        var actual = Compute(password, salt, m, t, p, expected.Length);
        var valid = CryptographicOperations.FixedTimeEquals(actual, expected);
        var outdated = m != _options.MemoryKib || t != _options.Iterations || p != _options.Parallelism || expected.Length != HashBytes;
        return (valid, valid && outdated);
    }

    /// <summary>A hash with the given parameters (tests use it to stand for hashes made under older settings).</summary>
    public static string HashWith(string password, int memoryKib, int iterations, int parallelism)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return Format(memoryKib, iterations, parallelism, salt, Compute(password, salt, memoryKib, iterations, parallelism, HashBytes));
    }

    private static byte[] Compute(string password, byte[] salt, int memoryKib, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKib,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static string Format(int m, int t, int p, byte[] salt, byte[] hash) =>
        string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={m},t={t},p={p}${Convert.ToBase64String(salt).TrimEnd('=')}${Convert.ToBase64String(hash).TrimEnd('=')}");

    private static bool TryParse(string encoded, out int m, out int t, out int p, out byte[] salt, out byte[] hash)
    {
        m = t = p = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id")
        {
            return false;
        }

        var settings = parts[3].Split(',').Select(s => s.Split('=')).ToDictionary(kv => kv[0], kv => int.Parse(kv[1], CultureInfo.InvariantCulture));
        m = settings["m"];
        t = settings["t"];
        p = settings["p"];
        salt = FromUnpadded(parts[4]);
        hash = FromUnpadded(parts[5]);
        return true;
    }

    private static byte[] FromUnpadded(string base64) => Convert.FromBase64String(base64.PadRight((base64.Length + 3) / 4 * 4, '='));
}
