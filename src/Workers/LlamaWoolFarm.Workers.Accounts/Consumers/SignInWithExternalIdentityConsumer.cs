using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers an OpenID Connect sign-in with its player (new on first use); like every sign-in, it calls off a pending deletion.</summary>
public sealed class SignInWithExternalIdentityConsumer(ExternalIdentityService identities, AccountDeletionService deletions) : IConsumer<SignInWithExternalIdentity>
{
    public async Task Consume(ConsumeContext<SignInWithExternalIdentity> context)
    {
        var signedIn = await identities.SignInAsync(context.Message, context.CancellationToken);
        if (!signedIn.Created && await deletions.CancelOnSignInAsync(signedIn.PlayerId, context.CancellationToken) is { } cancelled)
        {
            await context.Publish(cancelled, context.CancellationToken);
        }

        await context.RespondAsync(signedIn);
    }
}
