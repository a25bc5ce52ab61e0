using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>
/// <c>POST auth/oidc/{provider}</c> and <c>…/link</c>: the provider's ID token and the raw nonce whose SHA-256
/// (base64url) the client put in its authorization request.
/// </summary>
public sealed record OidcSignInRequest(string? IdToken, string? Nonce);

public sealed class OidcSignInRequestValidator : AbstractValidator<OidcSignInRequest>
{
    /// <summary>Longer than any provider's ID token; a bigger body is not one.</summary>
    public const int MaxIdTokenLength = 16 * 1024;

    public OidcSignInRequestValidator()
    {
        RuleFor(r => r.IdToken).NotEmpty().MaximumLength(MaxIdTokenLength)
            .Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$").WithMessage("This is not a signed JWT (header.payload.signature).");
        // At least 128 bits in base64url or hex; printable ASCII only, so what the client hashed is what we hash.
        RuleFor(r => r.Nonce).NotEmpty().Length(16, 256).Matches("^[\\x21-\\x7E]+$").WithMessage("The nonce is 16-256 printable ASCII characters.");
    }
}
