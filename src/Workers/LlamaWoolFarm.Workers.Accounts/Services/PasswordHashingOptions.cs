using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// Argon2id parameters (section <c>Accounts:PasswordHashing</c>); defaults follow OWASP's minimum (19 MiB, 2 passes,
/// 1 lane). Raising them upgrades each stored hash at that account's next successful login.
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Accounts:PasswordHashing";

    [Range(8, 4 * 1024 * 1024, ErrorMessage = "Accounts:PasswordHashing:MemoryKib must be between 8 and 4194304.")]
    public int MemoryKib { get; set; } = 19 * 1024;

    [Range(1, 100, ErrorMessage = "Accounts:PasswordHashing:Iterations must be between 1 and 100.")]
    public int Iterations { get; set; } = 2;

    [Range(1, 64, ErrorMessage = "Accounts:PasswordHashing:Parallelism must be between 1 and 64.")]
    public int Parallelism { get; set; } = 1;
}
