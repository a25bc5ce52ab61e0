using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>Resolves the token signing key: the configured one, or a development key kept in the data folder.</summary>
public static class SigningKeys
{
    private const int MinimumKeyBytes = 32;
    private const string DevelopmentKeyFile = "signing-key.dev";

    /// <summary>Decodes a base64 key of at least 32 bytes.</summary>
    public static bool TryDecode(string encoded, out byte[] key)
    {
        key = [];
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written) || written < MinimumKeyBytes)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>
    /// The key every process of one deployment must share. A generated development key is written once and reused,
    /// so tokens stay valid across restarts of a Standalone install.
    /// </summary>
    public static SymmetricSecurityKey Resolve(AuthOptions auth, string dataPath)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            return TryDecode(auth.SigningKey, out var configured)
                ? new SymmetricSecurityKey(configured)
                : throw new InvalidOperationException("Auth:SigningKey must be base64 of at least 32 bytes.");
        }

        if (!auth.AllowDevelopmentKey)
        {
            throw new InvalidOperationException("Auth:SigningKey is required.");
        }

        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(generated);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process of the same install created it first; use theirs.
            }
        }

        return TryDecode(File.ReadAllText(path).Trim(), out var key)
            ? new SymmetricSecurityKey(key)
            : throw new InvalidOperationException($"The development key in {path} is not valid base64 of at least 32 bytes; delete it to regenerate.");
    }
}
