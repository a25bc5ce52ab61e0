using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// The configured experiments and the deterministic assignment: SHA-256 of "experiment:player" picks a point in
/// the total weight, and the variants (in name order) own consecutive ranges of it by weight. The same player
/// gets the same variant on every node and every restart, with no shared state.
/// </summary>
public sealed class ExperimentCatalog
{
    private readonly Dictionary<string, (string Name, int Weight)[]> _experiments;

    public ExperimentCatalog(AnalyticsOptions options) =>
        _experiments = options.Experiments
            .Where(e => e.Value.Enabled)
            .ToDictionary(
                e => e.Key,
                e => e.Value.Variants.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value)).ToArray(),
                StringComparer.Ordinal);

    public bool Exists(string experimentId) => _experiments.ContainsKey(experimentId);

    public bool HasVariant(string experimentId, string variant) =>
        _experiments.TryGetValue(experimentId, out var variants) && variants.Any(v => v.Name == variant);

    /// <summary>The variant the hash gives the player; the experiment must exist.</summary>
    public string Assign(string experimentId, Guid playerId)
    {
        var variants = _experiments[experimentId];
        var total = variants.Sum(v => (long)v.Weight);
        var point = (long)(Hash(experimentId, playerId) % (ulong)total);
        foreach (var (name, weight) in variants)
        {
            if (point < weight)
            {
                return name;
            }

            point -= weight;
        }

        return variants[^1].Name;
    }

    private static ulong Hash(string experimentId, Guid playerId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId}:{playerId:N}"), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
