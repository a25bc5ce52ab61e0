using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Api;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>Turns the accounts worker's refusals into enveloped HTTP answers with the right status.</summary>
public static class AccountRefusals
{
    public static IResult ToResult(HttpContext context, AccountRefused refused)
    {
        var status = refused.Code switch
        {
            AccountErrorCodes.ValidationError or AccountErrorCodes.InvalidResetToken or AccountErrorCodes.InvalidVerificationToken => StatusCodes.Status400BadRequest,
            AccountErrorCodes.InvalidCredentials or AccountErrorCodes.TwoFactorRequired or AccountErrorCodes.InvalidTwoFactorCode => StatusCodes.Status401Unauthorized,
            AccountErrorCodes.AccountNotFound or AccountErrorCodes.FriendNotFound or AccountErrorCodes.IdentityNotLinked => StatusCodes.Status404NotFound,
            AccountErrorCodes.AccountDeleted => StatusCodes.Status410Gone,
            _ => StatusCodes.Status409Conflict,
        };
        var details = refused.Field is null ? null : new Dictionary<string, string[]> { [refused.Field] = [refused.Message] };
        return ApiResults.Error(context, status, refused.Code, refused.Message, details);
    }
}
