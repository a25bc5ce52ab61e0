using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// After the fault and the recovery, checks every accepted click through the public API: it has an outcome
/// (<c>GET commands/{id}</c>), the player's state counts each applied one once (its revision is the number of applied
/// commands, its lifetime wool holds the wool they report), and posting it again with the same key and body answers
/// 202 with the same command id and applies nothing.
/// </summary>
internal static class CommandAudit
{
    // Long enough for a restarted worker to drain a backlog of the load's commands on a loaded 2-core machine.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    // Outcomes still pending when none has arrived for this long are not coming: the audit stops waiting for them.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(15);

    public static async Task<AuditResult> RunAsync(GameApi api, IReadOnlyList<Guest> guests, IReadOnlyCollection<AcceptedClick> accepted)
    {
        var byPlayer = accepted.GroupBy(c => c.PlayerId).ToDictionary(g => g.Key, g => g.ToList());
        var players = await Task.WhenAll(guests.Select(g => AuditPlayerAsync(api, g, byPlayer.GetValueOrDefault(g.PlayerId) ?? [])));
        return AuditResult.Of(players);
    }

    private static async Task<PlayerAudit> AuditPlayerAsync(GameApi api, Guest guest, List<AcceptedClick> clicks)
    {
        var audit = new PlayerAudit(guest.PlayerId);
        var outcomes = await OutcomesAsync(api, guest, clicks.Select(c => c.CommandId), Settle);
        foreach (var click in clicks)
        {
            var outcome = outcomes[click.CommandId];
            switch (outcome.Status)
            {
                case "completed":
                    audit.Completed++;
                    audit.ClickWool += outcome.BasicWool;
                    break;
                case "rejected":
                    audit.Rejected.Add(outcome.ErrorCode ?? "?");
                    break;
                default:
                    audit.Pending.Add(click.Key);
                    break;
            }
        }

        if (await api.GetDataAsync(guest, "/api/v1/game/state") is not { } before)
        {
            audit.Problems.Add("GET game/state failed after recovery");
            return audit;
        }

        audit.Revision = before.GetProperty("revision").GetInt64();
        CheckWool(audit, before, clicks);

        // Every accepted click again, same key and body: the kept answer or a re-send the worker must recognise.
        foreach (var click in clicks)
        {
            var again = await RepostAsync(api, guest, click);
            if (again.CommandId != click.CommandId)
            {
                audit.Problems.Add($"re-POST of {click.Key} answered {again.Error} {again.CommandId} {again.Body}, not 202 {click.CommandId}");
            }
        }

        // A fresh click after the re-POSTs: one player's commands are applied in order, so once it has an outcome
        // every re-sent duplicate before it has been handled, and the revision may have moved by this click alone.
        var sentinel = await RepostAsync(api, guest, new AcceptedClick(guest.PlayerId, "audit-sentinel", ClickLoad.Quantity, Guid.Empty, DateTimeOffset.UtcNow));
        if (sentinel.CommandId is not { } sentinelId)
        {
            audit.Problems.Add($"the sentinel click was refused: {sentinel.Error} {sentinel.Body}");
            return audit;
        }

        var sentinelOutcome = (await OutcomesAsync(api, guest, [sentinelId], TimeSpan.FromSeconds(30)))[sentinelId];
        if (await api.GetDataAsync(guest, "/api/v1/game/state") is not { } after)
        {
            audit.Problems.Add("GET game/state failed after the re-POSTs");
            return audit;
        }

        // A lost click that the re-POST sent again is applied now, for the first time: that is not a double.
        var lostIds = clicks.Where(c => audit.Pending.Contains(c.Key)).Select(c => c.CommandId).ToList();
        var firstApplied = lostIds.Count == 0 ? 0 : (await OutcomesAsync(api, guest, lostIds, TimeSpan.Zero)).Values.Count(o => o.Status == "completed");
        var expected = audit.Revision + firstApplied + (sentinelOutcome.Status == "completed" ? 1 : 0);
        audit.RevisionAfterReplay = after.GetProperty("revision").GetInt64();
        if (sentinelOutcome.Status == "pending")
        {
            audit.Problems.Add("the sentinel click had no outcome after 30 s");
        }
        else if (audit.RevisionAfterReplay != expected)
        {
            audit.AppliedByReplay = (int)(audit.RevisionAfterReplay - expected);
        }

        return audit;
    }

    /// <summary>
    /// Lifetime wool is the clicks' wool plus the passive production since the farm began; no purchase happens, so
    /// the passive rate only grew and today's rate bounds it.
    /// </summary>
    private static void CheckWool(PlayerAudit audit, JsonElement state, List<AcceptedClick> clicks)
    {
        if (clicks.Count == 0)
        {
            return;
        }

        var lifetime = Number(state.GetProperty("lifetimeWoolProduced"));
        var rate = Number(state.GetProperty("ratesPerSecond").GetProperty("basic"));
        var elapsed = (state.GetProperty("materializedAt").GetDateTimeOffset() - clicks.Min(c => c.AcceptedAt)).TotalSeconds + 5;
        var passive = lifetime - audit.ClickWool;
        if (passive < -1e-6 || passive > (rate * elapsed) + 1)
        {
            audit.Problems.Add($"lifetime wool {lifetime} is not the clicks' {audit.ClickWool} plus at most {rate}/s × {elapsed:F0} s of production");
        }
    }

    private static async Task<ClickAnswer> RepostAsync(GameApi api, Guest guest, AcceptedClick click)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var answer = await api.ClickAsync(guest, click.Key, click.Quantity);
            if (answer.CommandId is not null || !answer.Retryable || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(answer.RetryAfter ?? TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>The outcome of each command, asked again while pending until <paramref name="settle"/> has passed.</summary>
    private static async Task<Dictionary<Guid, Outcome>> OutcomesAsync(GameApi api, Guest guest, IEnumerable<Guid> commandIds, TimeSpan settle)
    {
        var outcomes = commandIds.ToDictionary(id => id, _ => new Outcome("pending", null, 0));
        var deadline = DateTime.UtcNow + settle;
        var lastProgress = DateTime.UtcNow;
        while (true)
        {
            foreach (var id in outcomes.Where(o => o.Value.Status == "pending").Select(o => o.Key).ToList())
            {
                if (await api.GetDataAsync(guest, $"/api/v1/commands/{id}") is { } status)
                {
                    lastProgress = status.GetProperty("status").GetString() == "pending" ? lastProgress : DateTime.UtcNow;
                    outcomes[id] = new Outcome(
                        status.GetProperty("status").GetString()!,
                        status.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
                        status.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Object && changes.TryGetProperty("basic", out var basic)
                            ? Number(basic)
                            : 0);
                }
            }

            if (outcomes.Values.All(o => o.Status != "pending") || DateTime.UtcNow > deadline || DateTime.UtcNow - lastProgress > Stall)
            {
                return outcomes;
            }

            await Task.Delay(500);
        }
    }

    private static double Number(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private sealed record Outcome(string Status, string? ErrorCode, double BasicWool);
}

/// <summary>What the audit found for one player.</summary>
internal sealed class PlayerAudit(Guid playerId)
{
    public Guid PlayerId { get; } = playerId;

    public int Completed { get; set; }

    public List<string> Rejected { get; } = [];

    public List<string> Pending { get; } = [];

    public double ClickWool { get; set; }

    public long Revision { get; set; }

    public long RevisionAfterReplay { get; set; }

    /// <summary>Revisions the re-POSTs added beyond the sentinel's and the lost clicks' first application: commands applied again.</summary>
    public int AppliedByReplay { get; set; }

    public List<string> Problems { get; } = [];

    /// <summary>Accepted commands with no outcome, plus commands reported completed that the state does not count.</summary>
    public int Lost => Pending.Count + (int)Math.Max(0, Completed - Revision);

    /// <summary>Applications beyond one per completed command, plus applications caused by re-POSTing.</summary>
    public int Doubled => (int)Math.Max(0, Revision - Completed) + Math.Max(0, AppliedByReplay);
}

/// <summary>The audit of all players of one fault.</summary>
internal sealed record AuditResult(int Completed, int Lost, int Doubled, IReadOnlyDictionary<string, int> Rejected, IReadOnlyList<string> Problems)
{
    public static AuditResult Of(IReadOnlyList<PlayerAudit> players)
    {
        var problems = players.SelectMany(p => p.Problems.Select(problem => $"{p.PlayerId}: {problem}"))
            .Concat(players.Where(p => p.Pending.Count > 0).Select(p => $"{p.PlayerId}: no outcome for {string.Join(", ", p.Pending.Take(5))}{(p.Pending.Count > 5 ? ", …" : "")}"))
            .Concat(players.Where(p => p.Revision != p.Completed).Select(p => $"{p.PlayerId}: revision {p.Revision}, {p.Completed} completed commands"))
            .Concat(players.Where(p => p.AppliedByReplay != 0).Select(p => $"{p.PlayerId}: revision {p.RevisionAfterReplay} after the re-POSTs and the sentinel, {p.AppliedByReplay} more than expected"))
            .ToList();
        var rejected = new ConcurrentDictionary<string, int>();
        foreach (var code in players.SelectMany(p => p.Rejected))
        {
            rejected.AddOrUpdate(code, 1, (_, n) => n + 1);
        }

        return new AuditResult(players.Sum(p => p.Completed), players.Sum(p => p.Lost), players.Sum(p => p.Doubled), rejected, problems);
    }
}
