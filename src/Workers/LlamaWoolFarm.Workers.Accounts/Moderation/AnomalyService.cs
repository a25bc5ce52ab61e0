using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Domain.Moderation;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Accounts.Services;

namespace LlamaWoolFarm.Workers.Accounts.Moderation;

/// <summary>
/// The anti-cheat review: records anomalies observed by other modules (one document per player), scores players
/// (<see cref="AnomalyScore"/>), bans and clears them. The module owns <c>player_anomalies</c> and <c>player_bans</c>.
/// </summary>
public sealed class AnomalyService(IDocumentStore store, TimeProvider clock)
{
    /// <summary>Records kept per player; beyond it the oldest reviewed (else the oldest) go.</summary>
    public const int MaxRecordsPerPlayer = 500;

    /// <summary>Message ids remembered per coalesced record, against redelivery.</summary>
    private const int SourceIdsKept = 64;

    private readonly IDocumentCollection<AnomalyFile> _files = store.Collection<AnomalyFile>("player_anomalies");
    private readonly IDocumentCollection<BanRecord> _bans = store.Collection<BanRecord>("player_bans");
    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);

    /// <summary>Stores an observation, adding it to an existing record with the same coalesce key. A message seen before changes nothing.</summary>
    public Task RecordAsync(AnomalyObservation seen, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            var id = Id(seen.PlayerId);
            var stored = await _files.GetAsync(id, ct);
            var file = stored?.Document ?? new AnomalyFile { PlayerId = seen.PlayerId };
            var existing = seen.CoalesceKey is null ? null : file.Records.Find(r => r.CoalesceKey == seen.CoalesceKey);
            if (file.Records.Exists(r => r.SourceIds.Contains(seen.SourceId)))
            {
                return;
            }

            if (existing is not null)
            {
                existing.Count += seen.Count;
                existing.LastAt = seen.At > existing.LastAt ? seen.At : existing.LastAt;
                existing.At = seen.At < existing.At ? seen.At : existing.At;
                existing.Claimed = seen.Claimed ?? existing.Claimed;
                existing.Reviewed = false;
                if (!existing.Source.Split(", ").Contains(seen.Source))
                {
                    existing.Source = existing.Source + ", " + seen.Source;
                }

                existing.SourceIds.Add(seen.SourceId);
                if (existing.SourceIds.Count > SourceIdsKept)
                {
                    existing.SourceIds.RemoveAt(0);
                }
            }
            else
            {
                file.Records.Add(new AnomalyRecord
                {
                    Id = Guid.NewGuid().ToString("N"),
                    Kind = seen.Kind,
                    Rule = seen.Rule,
                    Bound = seen.Bound,
                    Claimed = seen.Claimed,
                    Detail = seen.Detail,
                    Count = seen.Count,
                    At = seen.At,
                    LastAt = seen.At,
                    Source = seen.Source,
                    CoalesceKey = seen.CoalesceKey,
                    SourceIds = [seen.SourceId],
                });
                Trim(file.Records);
            }

            file.LastAt = file.Records.Max(r => r.LastAt);
            var written = stored is null ? await _files.InsertAsync(id, file, ct) : await _files.ReplaceAsync(id, file, stored.Version, ct);
            if (!written)
            {
                throw new DocumentConflictException($"The anomaly file of {seen.PlayerId} changed meanwhile.");
            }
        }, cancellationToken).AsTask();

    /// <summary>
    /// Players by current score, highest first (ties: the latest record first). The score decays with time, so it is
    /// computed at read over every player with records: fine for the thousands a launch review sees.
    /// </summary>
    public async Task<AnomalyScorePage> ScoresAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = new List<PlayerAnomalyScore>();
        var after = string.Empty;
        while (true)
        {
            var page = await _files.ListAsync(after, 500, cancellationToken);
            foreach (var stored in page)
            {
                var file = stored.Document;
                rows.Add(new PlayerAnomalyScore(file.PlayerId, Score(file, now), file.Records.Count, file.Records.Count(r => !r.Reviewed), file.LastAt, null));
            }

            if (page.Count < 500)
            {
                break;
            }

            after = page[^1].Id;
        }

        var slice = rows.OrderByDescending(r => r.Score).ThenByDescending(r => r.LastAt).Skip(offset).Take(limit).ToList();
        for (var i = 0; i < slice.Count; i++)
        {
            slice[i] = slice[i] with { Ban = await ActiveBanAsync(slice[i].PlayerId, cancellationToken) };
        }

        return new AnomalyScorePage(rows.Count, offset, slice);
    }

    /// <summary>A player's records newest first, its score and active ban.</summary>
    public async Task<PlayerAnomalies> HistoryAsync(Guid playerId, int limit, CancellationToken cancellationToken)
    {
        var file = (await _files.GetAsync(Id(playerId), cancellationToken))?.Document ?? new AnomalyFile { PlayerId = playerId };
        var records = file.Records.OrderByDescending(r => r.LastAt).Take(limit).Select(View).ToList();
        return new PlayerAnomalies(playerId, Score(file, clock.GetUtcNow()), await ActiveBanAsync(playerId, cancellationToken), records);
    }

    /// <summary>Bans a known, non-admin player (replacing an earlier ban); the answer is the ban or a refusal.</summary>
    public async Task<object> BanAsync(BanPlayer command, CancellationToken cancellationToken)
    {
        var account = (await _players.GetAsync(Id(command.PlayerId), cancellationToken))?.Document;
        if (account is null)
        {
            return new ModerationRefused(ModerationErrorCodes.PlayerNotFound, "There is no player with this id.");
        }

        if (account.Roles.Contains("admin"))
        {
            return new ModerationRefused(ModerationErrorCodes.CannotBanAdmin, "An admin account cannot be banned.");
        }

        var now = clock.GetUtcNow();
        var ban = new BanRecord { PlayerId = command.PlayerId, Reason = command.Reason, BannedBy = command.AdminId, BannedAt = now, ExpiresAt = command.ExpiresAt };
        await OptimisticRetry.RunAsync(async ct =>
        {
            var stored = await _bans.GetAsync(Id(command.PlayerId), ct);
            var written = stored is null ? await _bans.InsertAsync(Id(command.PlayerId), ban, ct) : await _bans.ReplaceAsync(Id(command.PlayerId), ban, stored.Version, ct);
            if (!written)
            {
                throw new DocumentConflictException($"The ban of {command.PlayerId} changed meanwhile.");
            }
        }, cancellationToken);
        return new PlayerBanned(command.PlayerId, command.AdminId, command.Reason, now, command.ExpiresAt);
    }

    /// <summary>Lifts the ban and/or marks every record reviewed.</summary>
    public async Task<object> ClearAsync(ClearPlayer command, CancellationToken cancellationToken)
    {
        if (await _players.GetAsync(Id(command.PlayerId), cancellationToken) is null)
        {
            return new ModerationRefused(ModerationErrorCodes.PlayerNotFound, "There is no player with this id.");
        }

        var now = clock.GetUtcNow();
        var lifted = false;
        if (command.LiftBan)
        {
            lifted = await OptimisticRetry.RunAsync(async ct =>
            {
                var stored = await _bans.GetAsync(Id(command.PlayerId), ct);
                if (stored is null || !stored.Document.ActiveAt(now))
                {
                    return false;
                }

                stored.Document.LiftedAt = now;
                stored.Document.LiftedBy = command.AdminId;
                return await _bans.ReplaceAsync(stored.Id, stored.Document, stored.Version, ct)
                    ? true
                    : throw new DocumentConflictException($"The ban of {command.PlayerId} changed meanwhile.");
            }, cancellationToken);
        }

        var reviewed = 0;
        if (command.MarkReviewed)
        {
            reviewed = await OptimisticRetry.RunAsync(async ct =>
            {
                var stored = await _files.GetAsync(Id(command.PlayerId), ct);
                var open = stored?.Document.Records.Where(r => !r.Reviewed).ToList() ?? [];
                if (open.Count == 0)
                {
                    return 0;
                }

                open.ForEach(r => r.Reviewed = true);
                return await _files.ReplaceAsync(stored!.Id, stored.Document, stored.Version, ct)
                    ? open.Count
                    : throw new DocumentConflictException($"The anomaly file of {command.PlayerId} changed meanwhile.");
            }, cancellationToken);
        }

        var file = (await _files.GetAsync(Id(command.PlayerId), cancellationToken))?.Document;
        return new PlayerCleared(command.PlayerId, lifted, reviewed, file is null ? 0 : Score(file, now), now);
    }

    private async Task<BanView?> ActiveBanAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var ban = (await _bans.GetAsync(Id(playerId), cancellationToken))?.Document;
        return ban is not null && ban.ActiveAt(clock.GetUtcNow()) ? new BanView(ban.PlayerId, ban.Reason, ban.BannedBy, ban.BannedAt, ban.ExpiresAt) : null;
    }

    private static double Score(AnomalyFile file, DateTimeOffset now) =>
        AnomalyScore.Of(file.Records.Select(r => (r.Kind, r.Count, r.LastAt, r.Reviewed)), now);

    private static AnomalyView View(AnomalyRecord r) => new(r.Id, r.Kind, r.Rule, r.Bound, r.Claimed, r.Detail, r.Count, r.At, r.LastAt, r.Source, r.Reviewed);

    private static void Trim(List<AnomalyRecord> records)
    {
        while (records.Count > MaxRecordsPerPlayer)
        {
            var oldest = records.FindIndex(r => r.Reviewed);
            records.RemoveAt(oldest >= 0 ? oldest : 0);
        }
    }

    private static string Id(Guid playerId) => playerId.ToString("N");
}
