using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST auth/guest</c>: play at once on this device.</summary>
public sealed record GuestRequest(string? DeviceId);

public sealed class GuestRequestValidator : AbstractValidator<GuestRequest>
{
    public GuestRequestValidator() =>
        RuleFor(r => r.DeviceId)
            .NotEmpty()
            .Length(8, 128)
            .Matches("^[A-Za-z0-9._:-]+$").WithMessage("'Device Id' may hold letters, digits and . _ : - only.");
}
