using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST players/me/friends</c>: a player id or a friend code, exactly one.</summary>
public sealed record AddFriendRequest(Guid? FriendId, string? FriendCode);

public sealed class AddFriendRequestValidator : AbstractValidator<AddFriendRequest>
{
    public AddFriendRequestValidator()
    {
        RuleFor(r => r).Must(r => r.FriendId is null != string.IsNullOrEmpty(r.FriendCode))
            .OverridePropertyName("friendId").WithMessage("Give either 'friendId' or 'friendCode'.");
        RuleFor(r => r.FriendCode).Matches("^[A-Za-z0-9]{8}$").When(r => r.FriendCode is not null).WithMessage("A friend code has 8 letters and digits.");
    }
}
