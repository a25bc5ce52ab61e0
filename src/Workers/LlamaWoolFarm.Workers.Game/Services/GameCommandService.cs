using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.ServiceDefaults.Telemetry;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// Applies game commands to a player's stored state: load, apply the rules of <see cref="GameEngine"/> (which
/// materializes production on the server clock first), write with optimistic concurrency. A version conflict
/// throws <see cref="ConcurrencyException"/>, which the receive policy retries; a command id applied before, whenever
/// that was, is replayed, never applied twice: the <c>commands</c> collection, keyed by command id, is the authority.
/// </summary>
public sealed class GameCommandService
{
    private readonly IDocumentCollection<GameStateDocument> _states;
    private readonly IDocumentCollection<CommandRecord> _commands;
    private readonly TimeProvider _clock;
    private readonly IActiveEffectsProvider _effects;
    private readonly GameEngine _engine;
    private readonly GameMetrics? _metrics;
    private readonly HotGameStates _hot;
    private readonly IAtomicDocumentWrites? _atomic;

    // metrics: the business counters; hosts register them with telemetry, benchmarks and some tests run without.
    // hot: the worker's kept states, shared with the other writers of game_states in this process (SaveStateService,
    // GameDataService) so they can forget what they change; without one the service keeps its own.
    public GameCommandService(IDocumentStore store, TimeProvider clock, IActiveEffectsProvider effects, GameMetrics? metrics = null, HotGameStates? hot = null)
    {
        _metrics = metrics;
        _hot = hot ?? new HotGameStates();
        _states = GameStates.States(store);
        _commands = GameStates.Commands(store);
        // Asked of the store itself: a wrapper that counts or fails calls (tests) takes the step-by-step path.
        _atomic = store as IAtomicDocumentWrites;
        _clock = clock;
        _effects = effects;
        _engine = GameEngine.V1;
    }

    /// <summary>One rule call on the state (changed in place only on success), with the events of the interval it materializes.</summary>
    private delegate ActionResult Rule(GameEngine engine, PlayerState state, DateTimeOffset now, EffectsTimeline events);

    public Task<CommandOutcome> SubmitClicksAsync(SubmitClicks command, CancellationToken cancellationToken) =>
        ApplyAsync(
            new(command.CommandId, command.PlayerId, ActionTypes.Click, null, command.Quantity, command.IssuedAt),
            (engine, state, now, events) => engine.ApplyClicks(state, command.Quantity, now, events, command.IssuedAt),
            cancellationToken);

    public Task<CommandOutcome> PurchaseBuildingAsync(PurchaseBuilding command, CancellationToken cancellationToken) =>
        ApplyAsync(
            new(command.CommandId, command.PlayerId, ActionTypes.PurchaseBuilding, command.BuildingId, command.Quantity, command.IssuedAt),
            (engine, state, now, events) => engine.PurchaseBuilding(state, command.BuildingId, command.Quantity, now, events),
            cancellationToken);

    public Task<CommandOutcome> PurchaseUpgradeAsync(PurchaseUpgrade command, CancellationToken cancellationToken) =>
        ApplyAsync(
            new(command.CommandId, command.PlayerId, ActionTypes.PurchaseUpgrade, command.UpgradeId, 1, command.IssuedAt),
            (engine, state, now, events) => engine.PurchaseUpgrade(state, command.UpgradeId, now, events),
            cancellationToken);

    public Task<CommandOutcome> PerformPrestigeAsync(PerformPrestige command, CancellationToken cancellationToken) =>
        ApplyAsync(
            new(command.CommandId, command.PlayerId, ActionTypes.Prestige, null, 1, command.IssuedAt),
            (engine, state, now, events) => engine.Prestige(state, now, events),
            cancellationToken);

    public Task<CommandOutcome> ClaimOfflineProgressAsync(ClaimOfflineProgress command, CancellationToken cancellationToken) =>
        ApplyAsync(
            new(command.CommandId, command.PlayerId, ActionTypes.ClaimOfflineProgress, null, 1, command.IssuedAt),
            (engine, state, now, events) => engine.ClaimOfflineProgress(state, now, events),
            cancellationToken);

    /// <summary>An event reward: applied once per command id (derived from event and player) like every command.</summary>
    public Task<CommandOutcome> GrantEventRewardAsync(Contracts.Events.GrantEventReward command, CancellationToken cancellationToken) =>
        ApplyAsync(
            new(command.CommandId, command.PlayerId, ActionTypes.EventReward, command.EventId.ToString("N"), 1, null),
            (engine, state, now, events) => EventRewards.Grant(engine, state, command.GoldenFleece, now, events),
            cancellationToken);

    /// <summary>
    /// How close to the last recorded activity a heartbeat may be and still write nothing: the online window is
    /// 120 s after the last activity, so a heartbeat within 60 s of it moves nothing that matters yet.
    /// </summary>
    public static readonly TimeSpan ActivityResolution = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Records a heartbeat from the player's open realtime connection as activity (GAME_RULES §4): production up
    /// to the heartbeat is materialized under the old activity first, so a gap before it stays offline time, and
    /// the online window then runs from the heartbeat. Returns null when there is nothing to record: no farm yet,
    /// or an activity at most <see cref="ActivityResolution"/> newer than the last one.
    /// </summary>
    public async Task<ActivityOutcome?> RecordActivityAsync(Guid activityId, Guid playerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var kept = _hot.Take(playerId);
        var stored = kept?.Stored ?? await _states.GetAsync(Key(playerId), cancellationToken);
        if (stored?.Document.State is not { } state)
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        // Realtime stamps the heartbeat; the worker never lets it claim a time ahead of its own clock.
        var when = at > now ? now : at;
        if (when <= state.LastActiveAt + ActivityResolution)
        {
            _hot.Keep(playerId, stored, kept?.Recorded);
            return null;
        }

        var events = await _effects.GetTimelineAsync(playerId, GameEngine.AccrualStart(state), when, cancellationToken);
        var effects = events.At(when);
        var lifetimeBefore = state.LifetimeWoolProduced;
        var dayStarted = DayStarted(state, playerId, null, when);
        var result = _engine.Heartbeat(state, when, events);
        state.Revision++;
        if (!await _states.ReplaceAsync(stored.Id, stored.Document, stored.Version, cancellationToken))
        {
            // The kept or read document was stale; it is not kept, so the receive policy's retry reads the store.
            throw new ConcurrencyException($"The game state changed while activity {activityId} was recorded.", typeof(GameStateDocument), playerId);
        }

        _hot.Keep(playerId, stored with { Version = stored.Version + 1 }, kept?.Recorded);

        var granted = result.AutoGrantedOffline is { } auto
            ? GameViews.Granted(new CommandRecord { CommandId = activityId, PlayerId = playerId }, auto, claimed: false, when)
            : null;
        return new ActivityOutcome(
            activityId,
            GameViews.State(_engine, state, when, effects),
            GameViews.Scores(_engine, state, when, effects),
            BigNumber.Max(BigNumber.Zero, state.LifetimeWoolProduced - lifetimeBefore).ToString(),
            granted,
            [.. result.AchievementsUnlocked],
            dayStarted);
    }

    public async Task<GameStateView> GetStateAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var (state, now, events) = await ReadAsync(playerId, cancellationToken);
        // Reads materialize a copy for the answer and write nothing: a read never races a command.
        _engine.Materialize(state, now, events);
        return GameViews.State(_engine, state, now, events.At(now));
    }

    public async Task<OfflineProgressView> GetOfflineProgressAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var (state, now, events) = await ReadAsync(playerId, cancellationToken);
        var result = _engine.GetOfflineProgress(state, now, events);
        return GameViews.Offline(playerId, result.Success ? result.Offline : null, now);
    }

    public async Task<CommandStatus> GetCommandStatusAsync(GetCommandStatus query, CancellationToken cancellationToken)
    {
        var stored = await _commands.GetAsync(Key(query.CommandId), cancellationToken);
        var record = stored?.Document;
        if (record is null)
        {
            var state = await _states.GetAsync(Key(query.PlayerId), cancellationToken);
            record = state is null ? null : CommandWindow.Outcome(state.Document, query.CommandId);
        }

        // Another player's command is reported as unknown, never described.
        return record is null || record.PlayerId != query.PlayerId
            ? new CommandStatus(query.CommandId, CommandStatuses.Pending, null, null, null, null, null)
            : new CommandStatus(record.CommandId, record.Status, record.ActionType, record.ErrorCode, record.ErrorMessage, record.Changes, record.CompletedAt);
    }

    private static readonly IReadOnlySet<Guid> NoneRecorded = new HashSet<Guid>();

    private static string Key(Guid id) => id.ToString("N");

    /// <summary>A state is created by the player's first command (<see cref="NewGame"/>); a read shows the farm it would start.</summary>
    private PlayerState NewState(Guid playerId, DateTimeOffset now) => NewGame.Start(playerId, now, _engine.Catalog, FarmOrigin.FirstCommand);

    private async Task<CommandOutcome> ApplyAsync(CommandHeader header, Rule rule, CancellationToken cancellationToken)
    {
        // With atomic writes the record of the command is inserted in the same write as the state, on the condition
        // that its id is new, so a command outside the document's window is applied without first reading commands;
        // the rare id that was applied long ago fails that condition, nothing is written, and the command runs again
        // on the stored document with the read. Without them (MongoDB), the read comes first, as it must.
        var readRecord = _atomic is null;
        // The kept document first: no read, no deserialization. If its write loses, someone else changed the state
        // since; the entry is gone (taken) and the command runs once more on the stored document.
        var kept = _hot.Take(header.PlayerId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = _clock.GetUtcNow();
            Stored<GameStateDocument> stored;
            IReadOnlySet<Guid> recorded;
            var wasKept = kept is not null;
            if (kept is not null)
            {
                (stored, recorded) = (kept.Stored, kept.Recorded);
                kept = null;
            }
            else
            {
                // A farm met through its first command starts when the gateway accepted that command: applied after a
                // backlog or a restart, a farm started at the apply time would put its clicks before its own start and refuse them.
                var startedAt = header.IssuedAt is { } acceptedAt && acceptedAt < now ? acceptedAt : now;
                (stored, recorded) = (await LoadOrCreateAsync(header.PlayerId, startedAt, cancellationToken), NoneRecorded);
            }

            var (outcome, recordTaken) = await ApplyToAsync(stored, recorded, header, rule, now, readRecord, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }

            if (recordTaken)
            {
                readRecord = true;
            }
            else if (!wasKept)
            {
                break;
            }
        }

        throw new ConcurrencyException($"The game state changed while command {header.CommandId} was applied.", typeof(GameStateDocument), header.PlayerId);
    }

    /// <summary>
    /// Applies the command to <paramref name="stored"/> and writes it if still at its version. No outcome when the
    /// write lost (the document changed since it was read or kept; it is then not kept), or when
    /// <c>RecordTaken</c>: the atomic write found the command recorded already and wrote nothing, so the caller runs it
    /// again with <paramref name="readRecord"/>, which replays it. <paramref name="recorded"/>: the document's outcomes
    /// this worker knows to be in <c>commands</c> (it inserted them).
    /// </summary>
    private async Task<(CommandOutcome? Outcome, bool RecordTaken)> ApplyToAsync(
        Stored<GameStateDocument> stored, IReadOnlySet<Guid> recorded, CommandHeader header, Rule rule, DateTimeOffset now, bool readRecord, CancellationToken cancellationToken)
    {
        var document = stored.Document;
        var state = document.State;
        // Production since the last materialization is counted stretch by stretch; the action and the answer use the effects at now.
        var events = await _effects.GetTimelineAsync(header.PlayerId, GameEngine.AccrualStart(state), now, cancellationToken);
        var effects = events.At(now);

        if (await PreviousOutcomeAsync(document, header, readRecord, cancellationToken) is ({ } previous, var inCommands))
        {
            if (!inCommands)
            {
                // The outcome came from the document: a crash may have cut the first run off before its record insert.
                await _commands.InsertAsync(Key(header.CommandId), previous, cancellationToken);
            }

            var current = state.Clone();
            _engine.Materialize(current, now, events);
            // Nothing changed the document: it is still the stored one at its version.
            _hot.Keep(header.PlayerId, stored, recorded.Append(header.CommandId));
            return (Outcome(previous, current, now, effects, replayed: true), false);
        }

        var record = new CommandRecord
        {
            CommandId = header.CommandId,
            PlayerId = header.PlayerId,
            ActionType = header.ActionType,
            Target = header.Target,
            Quantity = header.Quantity,
            CompletedAt = now,
        };

        var runBefore = state.RunWoolProduced;
        var lifetimeBefore = state.LifetimeWoolProduced;
        var dayStarted = DayStarted(state, header.PlayerId, header.CommandId, now);
        // An action the gateway accepted before the last prestige was meant for the run that prestige ended.
        var result = header.IssuedAt is { } issued && document.LastPrestigeIssuedAt is { } prestigeAt && issued < prestigeAt
            ? ActionResult.Refused(GameRefusals.PrestigeInProgress, "The action was sent before a prestige that has been applied since.")
            : rule(_engine, state, now, events);

        if (result.Success)
        {
            Complete(record, result, state, runBefore, now);
            record.WoolProduced = BigNumber.Max(BigNumber.Zero, state.LifetimeWoolProduced - lifetimeBefore).ToString();
            record.DayStarted = dayStarted;
            state.Revision++;
            if (header.ActionType == ActionTypes.Prestige)
            {
                document.LastPrestigeIssuedAt = header.IssuedAt ?? now;
            }
        }
        else
        {
            record.Status = CommandStatuses.Rejected;
            record.ErrorCode = result.ErrorCode;
            record.ErrorMessage = result.Message;
        }

        var dropped = CommandWindow.Add(document, record);
        if (_atomic is { } atomic)
        {
            // The record, any leaving outcome not known to be recorded, and the state: one write, all or nothing. The
            // record's insert is conditional (its id must be new), which is what "applied once, forever" rests on here.
            var writes = new List<DocumentWrite>(dropped.Count + 2) { DocumentWrite.Insert(_commands, Key(header.CommandId), record) };
            foreach (var leaving in dropped)
            {
                if (!recorded.Contains(leaving.CommandId))
                {
                    writes.Add(DocumentWrite.InsertIfAbsent(_commands, Key(leaving.CommandId), leaving));
                }
            }

            writes.Add(DocumentWrite.Replace(_states, Key(header.PlayerId), document, stored.Version));
            var failed = await atomic.WriteAllAsync(writes, cancellationToken);
            if (failed >= 0)
            {
                return (null, failed == 0);
            }
        }
        else
        {
            foreach (var leaving in dropped)
            {
                // An outcome this worker inserted itself is in commands (records are deleted only by a purge, which
                // forgets the kept state); any other is checked, and written if a crash cut its insert off.
                if (!recorded.Contains(leaving.CommandId))
                {
                    await EnsureRecordedAsync(leaving, cancellationToken);
                }
            }

            if (!await _states.ReplaceAsync(Key(header.PlayerId), document, stored.Version, cancellationToken))
            {
                return (null, false);
            }

            // Inserted (or found taken: a redelivery's insert) either way, the record is in commands now; kept only
            // after, so a kept state never claims a record whose insert failed.
            await _commands.InsertAsync(Key(header.CommandId), record, cancellationToken);
        }

        _hot.Keep(header.PlayerId, stored with { Version = stored.Version + 1 }, recorded.Append(header.CommandId));
        // Counted once per command: replays return above, before this point.
        _metrics?.ActionHandled(header.ActionType, result.Success ? CommandStatuses.Completed : result.ErrorCode ?? CommandStatuses.Rejected);
        if (result.Success && header.ActionType == ActionTypes.Prestige)
        {
            _metrics?.Prestiges.Add(1);
        }

        if (!result.Success)
        {
            // The refused command left the state as it was; the answer shows it at the server's time, materialized on a
            // copy: the kept document must stay what the store holds.
            var answer = state.Clone();
            _engine.Materialize(answer, now, events);
            return (Outcome(record, answer, now, effects, replayed: false), false);
        }

        return (Outcome(record, state, now, effects, replayed: false), false);
    }

    /// <summary>
    /// The day's first change of a state: none recorded yet (a new farm), or the last activity on an earlier UTC day.
    /// Decided on the stored state the versioned write replaces, so exactly one change per player and day says so.
    /// </summary>
    private static DailyPlayStarted? DayStarted(PlayerState state, Guid playerId, Guid? commandId, DateTimeOffset now) =>
        state.Revision == 0 || state.LastActiveAt.UtcDateTime.Date < now.UtcDateTime.Date
            ? new DailyPlayStarted(playerId, commandId, now)
            : null;

    private static void Complete(CommandRecord record, ActionResult result, PlayerState state, BigNumber runBefore, DateTimeOffset now)
    {
        record.Status = CommandStatuses.Completed;
        var net = new Dictionary<string, BigNumber>();
        foreach (var (wool, amount) in result.Gained)
        {
            net[wool] = amount;
        }

        foreach (var (wool, amount) in result.Spent)
        {
            net[wool] = (net.TryGetValue(wool, out var gained) ? gained : BigNumber.Zero) - amount;
        }

        record.Changes = net.ToDictionary(p => p.Key, p => p.Value.ToString());
        record.AchievementsUnlocked = [.. result.AchievementsUnlocked];
        if (result.AutoGrantedOffline is { } auto)
        {
            record.OfflineGranted.Add(GameViews.Granted(record, auto, claimed: false, now));
        }

        if (record.ActionType == ActionTypes.ClaimOfflineProgress && result.Offline is { } claimed)
        {
            record.OfflineGranted.Add(GameViews.Granted(record, claimed, claimed: true, now));
        }

        if (result.PrestigeGain > 0)
        {
            // The run is reset by now: the cashed-in run is the stored one plus what the prestige accrued and granted first.
            var run = runBefore;
            foreach (var amount in result.Accrued.Values.Concat(result.Gained.Values))
            {
                run += amount;
            }

            record.Prestige = new PrestigeCompleted(
                record.PlayerId, record.CommandId, result.PrestigeGain, state.SoulShears, state.TotalPrestiges, run.ToString(), now);
        }
    }

    private CommandOutcome Outcome(CommandRecord record, PlayerState state, DateTimeOffset now, ActiveEffects effects, bool replayed) =>
        new(record, GameViews.State(_engine, state, now, effects), GameViews.Scores(_engine, state, now, effects), replayed);

    private async Task<(PlayerState State, DateTimeOffset Now, EffectsTimeline Events)> ReadAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _states.GetAsync(Key(playerId), cancellationToken);
        var now = _clock.GetUtcNow();
        var state = stored?.Document.State ?? NewState(playerId, now);
        return (state, now, await _effects.GetTimelineAsync(playerId, GameEngine.AccrualStart(state), now, cancellationToken));
    }

    private Task<Stored<GameStateDocument>> LoadOrCreateAsync(Guid playerId, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        GameStates.LoadOrCreateAsync(_states, playerId, startedAt, _engine.Catalog, FarmOrigin.FirstCommand, cancellationToken);

    /// <summary>
    /// The outcome of this command if it was ever applied: from the document when it is recent, otherwise from the
    /// <c>commands</c> collection, read (a primary-key lookup; for a new command it finds nothing) for an id the window
    /// marks applied, and with <paramref name="readRecord"/> for every id the window does not hold. <c>Recorded</c> says
    /// the outcome is already in the collection.
    /// </summary>
    private async Task<(CommandRecord Outcome, bool Recorded)?> PreviousOutcomeAsync(GameStateDocument document, CommandHeader header, bool readRecord, CancellationToken cancellationToken)
    {
        if (CommandWindow.Outcome(document, header.CommandId) is { } recent)
        {
            return (recent, false);
        }

        var applied = CommandWindow.Applied(document, header.CommandId);
        if ((readRecord || applied) && await _commands.GetAsync(Key(header.CommandId), cancellationToken) is { } stored)
        {
            return (stored.Document, true);
        }

        if (!applied)
        {
            return null;
        }

        // Applied, yet its outcome is neither in the document nor recorded. EnsureRecordedAsync records every outcome
        // before it leaves the document, so this is only the last guard: it is reported applied, never applied again.
        return (new CommandRecord
        {
            CommandId = header.CommandId,
            PlayerId = header.PlayerId,
            ActionType = header.ActionType,
            Target = header.Target,
            Quantity = header.Quantity,
            Status = CommandStatuses.Completed,
            CompletedAt = _clock.GetUtcNow(),
        }, false);
    }

    /// <summary>
    /// Makes sure an outcome leaving the document is in the <c>commands</c> collection. Its record is normally there
    /// (inserted right after its state write), so this costs a primary-key read; it is written here only when a crash
    /// came between that state write and that insert, and before the document forgets the outcome.
    /// </summary>
    private async Task EnsureRecordedAsync(CommandRecord outcome, CancellationToken cancellationToken)
    {
        if (await _commands.GetAsync(Key(outcome.CommandId), cancellationToken) is null)
        {
            await _commands.InsertAsync(Key(outcome.CommandId), outcome, cancellationToken);
        }
    }

    private readonly record struct CommandHeader(Guid CommandId, Guid PlayerId, string ActionType, string? Target, int Quantity, DateTimeOffset? IssuedAt);
}
