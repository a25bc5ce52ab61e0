using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the pending TOTP secret and its provisioning URI.</summary>
public sealed class SetupTwoFactorConsumer(TwoFactorService twoFactor) : IConsumer<SetupTwoFactor>
{
    public async Task Consume(ConsumeContext<SetupTwoFactor> context) =>
        await context.RespondAsync(await twoFactor.SetupAsync(context.Message, context.CancellationToken));
}
