using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A client's rule for numbered pushes, as the web client applies it: process pushes strictly in <c>seq</c> order,
/// each once; ignore a number at or below the last processed; hold one that comes early until the numbers before it
/// arrive (live, or in a <c>resume</c> answer); on a resync carry on from the answer's number.
/// </summary>
public sealed class SequencedInbox
{
    /// <summary>The pushes the server numbers; broadcasts and presence pushes are not.</summary>
    public static readonly IReadOnlyList<string> NumberedTypes =
    [
        "commandCompleted", "commandRejected", "gameStateChanged", "achievementUnlocked", "offlineProgressGranted",
        "backupRestored", "saveAccepted", "saveConflictResolved", "notification", "rankChanged",
    ];

    /// <summary>How long a push waits for the numbers before it before the client asks the server for them.</summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, JsonElement> _held = [];
    private readonly List<JsonElement> _processed = [];
    private readonly List<TaskCompletionSource> _waiters = [];

    /// <summary>The number of the last push processed; null before the first <c>resume</c> answer.</summary>
    public long? LastSeq { get; private set; }

    /// <summary>Pushes that arrived again after they were processed (and were ignored).</summary>
    public int Repeats { get; private set; }

    /// <summary>Resync answers received.</summary>
    public int Resyncs { get; private set; }

    /// <summary>The pushes processed, in the order processed.</summary>
    public IReadOnlyList<JsonElement> Processed
    {
        get
        {
            lock (_gate)
            {
                return [.. _processed];
            }
        }
    }

    /// <summary>Routes every numbered push type of <paramref name="hub"/> here.</summary>
    public void Listen(HubConnection hub)
    {
        foreach (var type in NumberedTypes)
        {
            hub.On<JsonElement>(type, Offer);
        }
    }

    /// <summary>Calls <c>resume</c> with the last number processed (0 before any) and takes in the answer.</summary>
    public async Task<JsonElement> ResumeAsync(HubConnection hub)
    {
        var answer = await hub.InvokeAsync<JsonElement>("resume", LastSeq ?? 0);
        Take(answer);
        return answer;
    }

    /// <summary>One live push.</summary>
    public void Offer(JsonElement push)
    {
        lock (_gate)
        {
            var seq = push.GetProperty("seq").GetInt64();
            if (LastSeq is { } last && seq <= last)
            {
                Repeats++;
                return;
            }

            _held[seq] = push.Clone();
            Drain();
        }
    }

    /// <summary>A <c>resume</c> answer: the missed pushes, or a resync to its number.</summary>
    public void Take(JsonElement answer)
    {
        lock (_gate)
        {
            if (answer.GetProperty("resync").GetBoolean())
            {
                Resyncs++;
                // The answer's number, even below the last processed: a lost history starts a new series.
                LastSeq = answer.GetProperty("seq").GetInt64();
                foreach (var stale in _held.Keys.Where(s => s <= LastSeq).ToList())
                {
                    _held.Remove(stale);
                }
            }
            else
            {
                LastSeq ??= 0;
                foreach (var push in answer.GetProperty("missed").EnumerateArray())
                {
                    var seq = push.GetProperty("seq").GetInt64();
                    if (seq <= LastSeq)
                    {
                        Repeats++;
                        continue;
                    }

                    _held[seq] = push.Clone();
                }
            }

            Drain();
        }
    }

    /// <summary>
    /// Waits until the processed pushes satisfy <paramref name="done"/>. With <paramref name="hub"/>, a push held for
    /// <see cref="GapWait"/> waiting for an earlier number makes it <c>resume</c> again, as the web client does.
    /// </summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan timeout, string what, HubConnection? hub = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            TaskCompletionSource changed;
            bool holding;
            lock (_gate)
            {
                if (done(_processed))
                {
                    return;
                }

                holding = _held.Count > 0;
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(changed);
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}; last seq {LastSeq}, held {string.Join(",", HeldNumbers())}, processed {string.Join(", ", Processed.Select(Describe))}.");
            }

            var waited = await Task.WhenAny(changed.Task, Task.Delay(left < GapWait ? left : GapWait));
            if (waited != changed.Task && holding && hub is not null)
            {
                await ResumeAsync(hub);
            }
        }
    }

    /// <summary>The command ids of the processed <c>commandCompleted</c> pushes, in order.</summary>
    public IReadOnlyList<Guid> CompletedCommands() =>
        [.. Processed.Where(p => p.GetProperty("type").GetString() == "commandCompleted").Select(p => p.GetProperty("data").GetProperty("commandId").GetGuid())];

    private List<long> HeldNumbers()
    {
        lock (_gate)
        {
            return [.. _held.Keys];
        }
    }

    private static string Describe(JsonElement push) => $"{push.GetProperty("seq")}:{push.GetProperty("type").GetString()}";

    // Caller holds the gate. Without a number to follow (before the first resume answer) everything waits.
    private void Drain()
    {
        while (LastSeq is { } last && _held.Remove(last + 1, out var next))
        {
            _processed.Add(next);
            LastSeq = last + 1;
        }

        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }

        _waiters.Clear();
    }
}
