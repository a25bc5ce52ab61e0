using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace LlamaWoolFarm.Client.Tests;

[Collection(StandaloneCollection.Name)]
public sealed class CommandTests(StandaloneFixture standalone)
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_click_comes_back_as_a_commandCompleted_push_with_its_command_id()
    {
        using var client = standalone.NewClient();
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        await using var realtime = await client.ConnectRealtimeAsync();
        var completedEvents = new List<CommandCompleted>();
        realtime.CommandCompleted += (_, c) =>
        {
            lock (completedEvents)
            {
                completedEvents.Add(c);
            }
        };

        var stateChanged = new TaskCompletionSource<GameState>(TaskCreationOptions.RunContinuationsAsynchronously);
        realtime.GameStateChanged += (_, s) => stateChanged.TrySetResult(s);
        Exception? failed = null;
        realtime.DeliveryFailed += (_, e) => failed = e;

        var accepted = await client.ClickAsync(5);
        var outcome = await realtime.WaitForCommandAsync(accepted.CommandId, PushTimeout);
        var status = await client.GetCommandAsync(accepted.CommandId);
        var pushedState = await stateChanged.Task.WaitAsync(PushTimeout);

        Assert.True(outcome.Completed);
        Assert.Equal("click", outcome.Completion!.ActionType);
        Assert.Equal(5, outcome.Completion.Quantity);
        Assert.NotEmpty(outcome.Completion.Changes);
        lock (completedEvents)
        {
            Assert.Contains(completedEvents, c => c.CommandId == accepted.CommandId);
        }

        Assert.True(realtime.LastSeq > 0);
        Assert.True(pushedState.Revision >= 1);
        Assert.True(pushedState.LifetimeWoolProduced > BigNumber.Zero);
        Assert.Null(failed);
        Assert.Equal("completed", status.Status);
        Assert.Equal(1, accepted.Attempts);
    }

    [Fact]
    public async Task A_refused_command_comes_back_as_commandRejected()
    {
        using var client = standalone.NewClient();
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        await using var realtime = await client.ConnectRealtimeAsync();

        var accepted = await client.PurchaseBuildingAsync("dimensionGate");
        var outcome = await realtime.WaitForCommandAsync(accepted.CommandId, PushTimeout);

        Assert.False(outcome.Completed);
        Assert.False(string.IsNullOrEmpty(outcome.Rejection!.Code));
    }

    [Fact]
    public async Task A_command_whose_answer_was_lost_is_sent_again_with_the_same_key_and_applied_once()
    {
        using var client = standalone.NewClient(through: standalone.Proxy.Address);
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());
        var before = await client.GetStateAsync();
        using var direct = standalone.NewClient();
        direct.UseSession(client.Session!);
        await using var realtime = await direct.ConnectRealtimeAsync();
        var pushes = new List<CommandCompleted>();
        realtime.CommandCompleted += (_, c) =>
        {
            lock (pushes)
            {
                pushes.Add(c);
            }
        };

        standalone.Proxy.LoseAnswers("POST /api/v1/game/actions", times: 1);
        var accepted = await client.ClickAsync(3);
        var sent = standalone.Proxy.MarkerSeen;
        standalone.Proxy.LoseAnswers("never sent: disarmed", 0);

        var outcome = await realtime.WaitForCommandAsync(accepted.CommandId, PushTimeout);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await direct.GetStateAsync();

        // The first answer was lost, so the command went out again (a third time only if the second met the first
        // still running: 409 IDEMPOTENCY_KEY_IN_USE), every time under one key.
        Assert.InRange(sent, 2, 3);
        Assert.Equal(sent, accepted.Attempts);
        Assert.True(outcome.Completed);
        Assert.Equal(before.Revision + 1, after.Revision);
        lock (pushes)
        {
            Assert.Single(pushes, c => c.CommandId == accepted.CommandId);
        }
    }

    [Fact]
    public async Task A_command_refused_for_maintenance_waits_the_Retry_After_and_goes_through_after_the_window()
    {
        using var operatorClient = standalone.NewClient();
        var operatorSession = await RegisterOrLoginAdminAsync(operatorClient);
        using var player = standalone.NewClient();
        await player.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());

        using var http = new HttpClient { BaseAddress = standalone.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorSession.AccessToken);
        using (var window = await http.PostAsJsonAsync("/api/v1/admin/maintenance", new { message = "SDK retry test", endsAt = DateTimeOffset.UtcNow.AddSeconds(3), notify = false }))
        {
            Assert.True(window.IsSuccessStatusCode, await window.Content.ReadAsStringAsync());
        }

        try
        {
            var watch = Stopwatch.StartNew();
            var accepted = await player.ClickAsync(1);
            watch.Stop();

            Assert.True(accepted.Attempts >= 2, $"{accepted.Attempts} attempts");
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"went through after {watch.Elapsed}");
            Assert.NotEqual(Guid.Empty, accepted.CommandId);
        }
        finally
        {
            using var end = await http.DeleteAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
        }
    }

    [Fact]
    public async Task A_refusal_surfaces_its_stable_error_code()
    {
        using var client = standalone.NewClient();
        await client.SignInAsGuestAsync(StandaloneFixture.NewDeviceId());

        var refused = await Assert.ThrowsAsync<LlamaWoolFarmApiException>(() => client.SendActionAsync(new GameAction { Type = "dance" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("VALIDATION_ERROR", refused.Code);
        Assert.NotNull(refused.Details);
    }

    private static async Task<Session> RegisterOrLoginAdminAsync(LlamaWoolFarmClient client)
    {
        try
        {
            await client.RegisterAsync(StandaloneFixture.AdminEmail, "operator password 42");
        }
        catch (LlamaWoolFarmApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            // Registered by an earlier run of this test on the same process.
        }

        // The admin role is granted at sign-in to the emails in Accounts:AdminEmails.
        return await client.SignInWithEmailAsync(StandaloneFixture.AdminEmail, "operator password 42");
    }
}
