using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a password change with <see cref="PasswordChanged"/> or the refusal, announcing a change first.</summary>
public sealed class ChangePasswordConsumer(PasswordService passwords, TimeProvider clock) : IConsumer<ChangePassword>
{
    public async Task Consume(ConsumeContext<ChangePassword> context) =>
        await context.RespondAsync(await PasswordChanges.AnnounceAsync(context, await passwords.ChangeAsync(context.Message, context.CancellationToken), clock));
}

/// <summary>The announcement both password consumers make before they answer.</summary>
internal static class PasswordChanges
{
    /// <summary>
    /// Publishes <see cref="AccountPasswordChanged"/> for a change (not for a refusal) before the answer goes, so the
    /// sessions started before it end even when the answer reaches no one; the session the answering gateway then
    /// starts is later, and kept.
    /// </summary>
    public static async Task<object> AnnounceAsync(IPublishEndpoint publisher, object outcome, TimeProvider clock)
    {
        if (outcome is PasswordChanged changed)
        {
            await publisher.Publish(new AccountPasswordChanged(changed.PlayerId, clock.GetUtcNow()));
        }

        return outcome;
    }
}
