using FluentValidation;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>Runs the FluentValidation validator of a request body and answers 400 with per-field details.</summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
    where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<T>().FirstOrDefault();
        if (request is null)
        {
            return ApiResults.Error(context.HttpContext, 400, ErrorCodes.ValidationError, "A JSON body is required.");
        }

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        var details = result.Errors
            .GroupBy(e => JsonName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        return ApiResults.Error(context.HttpContext, 400, ErrorCodes.ValidationError, "The request is not valid.", details);
    }

    private static string JsonName(string property) =>
        string.IsNullOrEmpty(property) ? "body" : char.ToLowerInvariant(property[0]) + property[1..];
}

/// <summary>Adds the validation filter of a request type to an endpoint.</summary>
public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder)
        where T : class => builder.AddEndpointFilter<ValidationFilter<T>>().WithMetadata(new ValidatedRequest(typeof(T)));
}
