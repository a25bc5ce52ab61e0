using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Notifications.Tests;

/// <summary>The notifications module on a fresh harness, SQLite document store and manual clock.</summary>
public sealed class NotificationsFixture : WorkerFixture
{
    private NotificationsFixture(ServiceProvider provider)
        : base(provider)
    {
    }

    public NotificationService Service => Provider.GetRequiredService<NotificationService>();

    public IDocumentStore Store => Provider.GetRequiredService<IDocumentStore>();

    public static async Task<NotificationsFixture> StartAsync(NotificationsOptions? options = null) =>
        new(await TestBus.StartAsync(
            s =>
            {
                if (options is not null)
                {
                    s.AddSingleton(options);
                }

                NotificationsWorker.AddCore(s);
            },
            NotificationsWorker.AddConsumers));

    /// <summary>
    /// Publishes an event and polls until the module consumed it. (The harness's own waits end for good at its first
    /// inactivity, so a test that publishes again later must poll.)
    /// </summary>
    public async Task PublishAsync<T>(T message)
        where T : class
    {
        await Harness.Bus.Publish(message);
        Assert.True(
            await WaitUntilAsync(() => Harness.Consumed.Select<T>(m => m.Context.Message.Equals(message)).Any()),
            string.Join("; ", Harness.Published.Select<MassTransit.Fault>().Select(f => string.Join(",", f.Context.Message.Exceptions.Select(e => e.Message)))));
    }

    /// <summary>Polls a condition to a deadline; true as soon as it holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public async Task<NotificationList> ListAsync(Guid player, bool unreadOnly = false, int limit = 100) =>
        (await Harness.GetRequestClient<GetNotifications>().GetResponse<NotificationList>(new GetNotifications(player, unreadOnly, limit))).Message;

    public async Task<NotificationsMarkedRead> MarkAsync(Guid player, IReadOnlyList<Guid> ids, bool all = false) =>
        (await Harness.GetRequestClient<MarkNotificationsRead>().GetResponse<NotificationsMarkedRead>(new MarkNotificationsRead(player, ids, all, "req"))).Message;
}
