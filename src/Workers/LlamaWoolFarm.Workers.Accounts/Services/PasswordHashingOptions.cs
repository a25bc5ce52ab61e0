namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// Argon2id parameters (section <c>Accounts:PasswordHashing</c>); defaults follow OWASP's minimum (19 MiB, 2 passes,
/// 1 lane). Raising them upgrades each stored hash at that account's next successful login.
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Accounts:PasswordHashing";

    public int MemoryKib { get; set; } = 19 * 1024;

    public int Iterations { get; set; } = 2;

    public int Parallelism { get; set; } = 1;
}
