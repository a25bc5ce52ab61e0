using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>Turns TOTP two-factor authentication on: setup hands out a secret, verify with a code enables it.</summary>
public sealed class TwoFactorService(IDocumentStore store, TwoFactor twoFactor)
{
    private readonly IDocumentCollection<PlayerAccount> _players = AccountService.Players(store);

    public async Task<object> SetupAsync(SetupTwoFactor request, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (stored is null)
        {
            return AccountService.Refuse(AccountErrorCodes.AccountNotFound, "There is no such account.", null);
        }

        var account = stored.Document;
        var secret = TwoFactor.NewSecret();
        account.TotpPendingSecret = twoFactor.Seal(secret);
        if (!await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken))
        {
            throw new MassTransit.ConcurrencyException("The account changed during 2FA setup.", typeof(PlayerAccount), request.PlayerId);
        }

        // The only time the secret leaves the worker in the clear: the player's authenticator app needs it once.
        var label = account.Email ?? account.DisplayName ?? account.FriendCode ?? account.PlayerId.ToString("N");
        return new TwoFactorSetupStarted(secret, TwoFactor.ProvisioningUri(secret, label));
    }

    public async Task<object> VerifyAsync(VerifyTwoFactor request, CancellationToken cancellationToken)
    {
        var stored = await _players.GetAsync(request.PlayerId.ToString("N"), cancellationToken);
        if (stored?.Document.TotpPendingSecret is null)
        {
            return AccountService.Refuse(AccountErrorCodes.TwoFactorNotPending, "Start 2FA setup first.", null);
        }

        var account = stored.Document;
        var step = twoFactor.Match(account.TotpPendingSecret, request.Code ?? string.Empty);
        if (step is null || step <= account.TotpLastStep)
        {
            return AccountService.Refuse(AccountErrorCodes.InvalidTwoFactorCode, "The authenticator code is wrong or was used already.", "code");
        }

        // Sealed at setup; it becomes the account's secret as it is.
        account.TotpSecret = account.TotpPendingSecret;
        account.TotpPendingSecret = null;
        account.TotpLastStep = step.Value;
        return await _players.ReplaceAsync(stored.Id, account, stored.Version, cancellationToken)
            ? new TwoFactorEnabled(account.PlayerId)
            : throw new MassTransit.ConcurrencyException("The account changed during 2FA verification.", typeof(PlayerAccount), request.PlayerId);
    }
}
