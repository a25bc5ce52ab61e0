using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// Answers a player's variant. The first answer is the hash's pick, stored so it stays the same even when the
/// weights are changed later, and recorded as an exposure point; a variant removed from the configuration is
/// replaced by a new pick (and a new exposure).
/// </summary>
public sealed class ExperimentService(ExperimentCatalog catalog, IDocumentStore documents, IAnalyticsStore store, TimeProvider clock)
{
    private readonly IDocumentCollection<StoredAssignment> _assignments = documents.Collection<StoredAssignment>("analytics_assignments");

    /// <summary><see cref="ExperimentAssignment"/>, or <see cref="ExperimentNotFound"/> for an unknown or switched-off experiment.</summary>
    public async Task<object> GetAssignmentAsync(GetExperimentAssignment request, CancellationToken cancellationToken)
    {
        if (!AnalyticsOptionsValidator.IdPattern().IsMatch(request.ExperimentId) || !catalog.Exists(request.ExperimentId))
        {
            return new ExperimentNotFound(request.ExperimentId);
        }

        var id = $"{request.ExperimentId}:{request.PlayerId:N}";
        return await OptimisticRetry.RunAsync<object>(async ct =>
        {
            var stored = await _assignments.GetAsync(id, ct);
            if (stored is not null && catalog.HasVariant(request.ExperimentId, stored.Document.Variant))
            {
                return new ExperimentAssignment(request.ExperimentId, request.PlayerId, stored.Document.Variant, stored.Document.AssignedAt, FirstExposure: false);
            }

            var assignment = new StoredAssignment { Variant = catalog.Assign(request.ExperimentId, request.PlayerId), AssignedAt = clock.GetUtcNow() };
            var saved = stored is null
                ? await _assignments.InsertAsync(id, assignment, ct)
                : await _assignments.ReplaceAsync(id, assignment, stored.Version, ct);
            if (!saved)
            {
                throw new DocumentConflictException("The experiment assignment changed while it was made.");
            }

            store.Write([new AnalyticsPoint(
                Measurements.ExperimentExposure,
                new Dictionary<string, string> { [Measurements.PlayerTag] = request.PlayerId.ToString(), ["experiment"] = request.ExperimentId, ["variant"] = assignment.Variant },
                new Dictionary<string, object> { [Measurements.PlayerField] = request.PlayerId.ToString() },
                assignment.AssignedAt)]);
            return new ExperimentAssignment(request.ExperimentId, request.PlayerId, assignment.Variant, assignment.AssignedAt, FirstExposure: true);
        }, cancellationToken);
    }
}
