using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Accounts.Mail;

/// <summary>Refuses wrong <c>Accounts:Mail</c> settings at start, each problem naming its key.</summary>
public sealed class AccountMailOptionsValidation : IValidateOptions<AccountMailOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountMailOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
