using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers whether a code turned 2FA on.</summary>
public sealed class VerifyTwoFactorConsumer(TwoFactorService twoFactor) : IConsumer<VerifyTwoFactor>
{
    public async Task Consume(ConsumeContext<VerifyTwoFactor> context) =>
        await context.RespondAsync(await twoFactor.VerifyAsync(context.Message, context.CancellationToken));
}
