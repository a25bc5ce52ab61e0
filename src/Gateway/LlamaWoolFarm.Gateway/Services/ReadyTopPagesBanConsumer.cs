using LlamaWoolFarm.Contracts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Services;

/// <summary>
/// A ban or a lifted ban changes who the boards show: the ready top pages are dropped at once (every gateway has its
/// own temporary queue for these events).
/// </summary>
public sealed class ReadyTopPagesBanConsumer(ReadyTopPages pages) : IConsumer<PlayerBanned>, IConsumer<PlayerBanLifted>
{
    public Task Consume(ConsumeContext<PlayerBanned> context)
    {
        pages.Forget();
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<PlayerBanLifted> context)
    {
        pages.Forget();
        return Task.CompletedTask;
    }
}
