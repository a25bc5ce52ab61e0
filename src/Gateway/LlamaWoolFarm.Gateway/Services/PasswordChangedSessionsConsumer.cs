using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Auth;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Services;

/// <summary>
/// Ends a player's sessions started before a password change or reset, as the accounts worker announces it: the
/// gateway that asked for the change may have answered 503 (timeout) and revoked nothing. One gateway takes each
/// announcement (a shared queue: the session store is shared); revoking again what is already revoked is harmless.
/// </summary>
public sealed class PasswordChangedSessionsConsumer(SessionTokens sessions) : IConsumer<AccountPasswordChanged>
{
    public Task Consume(ConsumeContext<AccountPasswordChanged> context) =>
        sessions.RevokeStartedBeforeAsync(context.Message.PlayerId, context.Message.ChangedAt, context.CancellationToken);
}
