using System.Globalization;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// Applies game commands to a player's stored state: load, materialize on the server clock, apply the rules,
/// write with optimistic concurrency. A version conflict throws <see cref="ConcurrencyException"/>, which the
/// receive policy retries; a command id already in the state is replayed, never applied twice.
/// </summary>
public sealed class GameCommandService
{
    /// <summary>How many command outcomes the state remembers for deduplication (older ones live in <c>commands</c>).</summary>
    public const int RecentCommandsKept = 64;

    private const double ClicksPerSecond = 20;
    private const double ClickBurst = 100;

    private readonly IDocumentCollection<GameStateDocument> _states;
    private readonly IDocumentCollection<CommandRecord> _commands;
    private readonly TimeProvider _clock;

    public GameCommandService(IDocumentStore store, TimeProvider clock)
    {
        _states = store.Collection<GameStateDocument>("game_states");
        _commands = store.Collection<CommandRecord>("commands", new DocumentIndex("playerId"));
        _clock = clock;
    }

    public async Task<CommandOutcome> SubmitClicksAsync(SubmitClicks command, CancellationToken cancellationToken)
    {
        var recorded = await _commands.GetAsync(Key(command.CommandId), cancellationToken);
        var stored = await LoadOrCreateAsync(command.PlayerId, cancellationToken);
        var state = stored.Document;
        var now = _clock.GetUtcNow();

        var previous = recorded?.Document ?? state.RecentCommands.Find(r => r.CommandId == command.CommandId);
        if (previous is not null)
        {
            await _commands.InsertAsync(Key(command.CommandId), previous, cancellationToken);
            return new CommandOutcome(previous, View(state, now), Replayed: true);
        }

        Materialize(state.Farm, now);
        var record = new CommandRecord
        {
            CommandId = command.CommandId,
            PlayerId = command.PlayerId,
            ActionType = "click",
            Quantity = command.Quantity,
            CompletedAt = now,
        };

        if (command.Quantity is < 1 or > 100)
        {
            Reject(record, "INVALID_QUANTITY", "A click batch holds 1 to 100 clicks.");
        }
        else if (command.Quantity > state.Farm.ClickAllowance)
        {
            Reject(record, "RATE_LIMITED_ACTION", "More clicks than 20 per second of elapsed time.");
        }
        else
        {
            state.Farm.ClickAllowance -= command.Quantity;
            Produce(state.Farm, command.Quantity);
            state.Farm.LastActiveAt = now;
            record.Status = CommandStatuses.Completed;
            record.Changes["basic"] = command.Quantity.ToString(CultureInfo.InvariantCulture);
        }

        state.Farm.Revision++;
        state.RecentCommands.Add(record);
        if (state.RecentCommands.Count > RecentCommandsKept)
        {
            state.RecentCommands.RemoveRange(0, state.RecentCommands.Count - RecentCommandsKept);
        }

        if (!await _states.ReplaceAsync(Key(command.PlayerId), state, stored.Version, cancellationToken))
        {
            throw new ConcurrencyException($"The game state changed while command {command.CommandId} was applied.", typeof(GameStateDocument), command.PlayerId);
        }

        await _commands.InsertAsync(Key(command.CommandId), record, cancellationToken);
        return new CommandOutcome(record, View(state, now), Replayed: false);
    }

    public async Task<GameStateView> GetStateAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _states.GetAsync(Key(playerId), cancellationToken);
        var state = stored?.Document ?? NewState(playerId, _clock.GetUtcNow());
        var now = _clock.GetUtcNow();
        // Reads materialize a copy for the answer and write nothing: a read never races a command.
        Materialize(state.Farm, now);
        return View(state, now);
    }

    public async Task<CommandStatus> GetCommandStatusAsync(GetCommandStatus query, CancellationToken cancellationToken)
    {
        var stored = await _commands.GetAsync(Key(query.CommandId), cancellationToken);
        var record = stored?.Document;
        if (record is null)
        {
            var state = await _states.GetAsync(Key(query.PlayerId), cancellationToken);
            record = state?.Document.RecentCommands.Find(r => r.CommandId == query.CommandId);
        }

        // Another player's command is reported as unknown, never described.
        return record is null || record.PlayerId != query.PlayerId
            ? new CommandStatus(query.CommandId, CommandStatuses.Pending, null, null, null, null, null)
            : new CommandStatus(record.CommandId, record.Status, record.ActionType, record.ErrorCode, record.ErrorMessage, record.Changes, record.CompletedAt);
    }

    private static void Reject(CommandRecord record, string code, string message)
    {
        record.Status = CommandStatuses.Rejected;
        record.ErrorCode = code;
        record.ErrorMessage = message;
    }

    private static void Materialize(FarmState farm, DateTimeOffset now)
    {
        // A clock that went backwards accrues nothing.
        var elapsed = Math.Max(0, (now - farm.LastMaterializedAt).TotalSeconds);
        Produce(farm, elapsed * 1.0);
        farm.ClickAllowance = Math.Min(ClickBurst, farm.ClickAllowance + (elapsed * ClicksPerSecond));
        farm.LastMaterializedAt = now > farm.LastMaterializedAt ? now : farm.LastMaterializedAt;
    }

    private static void Produce(FarmState farm, double wool)
    {
        farm.BasicWool += wool;
        farm.RunWoolProduced += wool;
        farm.LifetimeWoolProduced += wool;
    }

    private static GameStateView View(GameStateDocument state, DateTimeOffset now) => new(
        state.PlayerId,
        state.Farm.Revision,
        new Dictionary<string, string> { ["basic"] = Format(state.Farm.BasicWool) },
        new Dictionary<string, string> { ["basic"] = "1" },
        new Dictionary<string, int>(),
        [],
        [],
        Format(state.Farm.RunWoolProduced),
        Format(state.Farm.LifetimeWoolProduced),
        "0",
        0,
        now);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Key(Guid id) => id.ToString("N");

    private static GameStateDocument NewState(Guid playerId, DateTimeOffset now) => new()
    {
        PlayerId = playerId,
        Farm = new FarmState { ClickAllowance = ClickBurst, LastMaterializedAt = now, LastActiveAt = now },
    };

    private async Task<Stored<GameStateDocument>> LoadOrCreateAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var stored = await _states.GetAsync(Key(playerId), cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        var created = NewState(playerId, _clock.GetUtcNow());
        // Two first commands may race to create the state: the loser reads the winner's document.
        await _states.InsertAsync(Key(playerId), created, cancellationToken);
        return await _states.GetAsync(Key(playerId), cancellationToken)
            ?? throw new ConcurrencyException("The game state vanished while it was created.", typeof(GameStateDocument), playerId);
    }
}
