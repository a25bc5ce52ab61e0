using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// A guest's hub connection that keeps every command push it receives (<c>commandCompleted</c>,
/// <c>commandRejected</c>) with its number, so the audit can count the pushes of each command.
/// </summary>
internal sealed class PushRecorder : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly ConcurrentQueue<CommandPush> _pushes = new();

    private PushRecorder(HubConnection hub) => _hub = hub;

    public IReadOnlyCollection<CommandPush> Pushes => _pushes;

    /// <summary>Connects the guest to <paramref name="realtime"/> and returns once the server said <c>ready</c>.</summary>
    public static async Task<PushRecorder> ConnectAsync(Uri realtime, Guest guest)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(realtime, "/hubs/game"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(guest.AccessToken))
            .Build();
        var recorder = new PushRecorder(hub);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        foreach (var method in new[] { "commandCompleted", "commandRejected" })
        {
            hub.On<JsonElement>(method, m => recorder._pushes.Enqueue(new CommandPush(
                method,
                m.GetProperty("seq").GetInt64(),
                m.GetProperty("data").GetProperty("commandId").GetGuid())));
        }

        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return recorder;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}

/// <summary>One command push as received: its method, the player's push number and the command it reports.</summary>
internal sealed record CommandPush(string Type, long Seq, Guid CommandId);
